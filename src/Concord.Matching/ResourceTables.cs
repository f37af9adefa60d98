using System.Reflection;

namespace Concord.Matching;

internal static class ResourceTables
{
    // Tab-separated embedded tables; '#' lines carry the NOTICE and the header.
    public static IEnumerable<string[]> Read(string logicalName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(logicalName)
            ?? throw new InvalidOperationException("Missing embedded resource " + logicalName);
        using var reader = new StreamReader(stream);
        var rows = new List<string[]>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            rows.Add(line.Split('\t'));
        }
        return rows;
    }
}
