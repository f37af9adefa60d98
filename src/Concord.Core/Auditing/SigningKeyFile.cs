namespace Concord.Core.Auditing;

/// <summary>
/// Where one of the node's signing keys lives: never in the database it vouches for. It is the text of
/// <see cref="Variable"/> when set, otherwise a file only its owner may read: the one named, or the file that
/// <see cref="FileVariable"/> names, or <c>~/.config/concord/</c><see cref="FileName"/>. A key is made once and never
/// replaced in place: what was signed with it must go on verifying.
/// </summary>
public sealed class SigningKeyFile(string variable, string fileVariable, string fileName, string what)
{
    public string Variable { get; } = variable;
    public string FileVariable { get; } = fileVariable;
    public string FileName { get; } = fileName;

    public string PathOf(string? file) =>
        file ?? (Environment.GetEnvironmentVariable(FileVariable) is { Length: > 0 } set ? set
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.Create), "concord", FileName));

    /// <summary>The key, or null when there is none yet; a key file others can read is refused.</summary>
    public NoteKey? Load(string? file)
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } text) return Parse(text, Variable);
        var path = PathOf(file);
        if (!File.Exists(path)) return null;
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
            throw new ConcordException(new ConflictError($"{path}: the {what} may be read by others; make it its owner's only (chmod 600)"));
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Makes a new key under the given name, in a file only its owner reads and writes; an existing key is never replaced.</summary>
    public (NoteKey Key, string Path) Create(string name, string? file)
    {
        var path = PathOf(file);
        if (File.Exists(path)) throw new ConcordException(new ConflictError($"{path}: a {what} is already there; it is never replaced (what was signed with it would no longer verify)"));
        NoteKey key;
        try { key = NoteKey.Create(name); }
        catch (FormatException e) { throw new ConcordException(new InvalidRequestError("--name", e.Message)); }
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new StreamWriter(path, options)) stream.Write(key.SignerKeyText() + "\n");
        return (key, path);
    }

    /// <summary>A verifier key given as text (what a partner was handed).</summary>
    public static NoteKey Parse(string text, string source)
    {
        try { return NoteKey.Parse(text); }
        catch (FormatException e) { throw new ConcordException(new InvalidRequestError(source, e.Message)); }
    }
}
