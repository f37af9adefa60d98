namespace Concord.Tests.Infrastructure;

public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Muse(string file) => Path.Combine(Root, "testdata", "muse", file);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Concord.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root (Concord.slnx) not found above " + AppContext.BaseDirectory);
    }
}
