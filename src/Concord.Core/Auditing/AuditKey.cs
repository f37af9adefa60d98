namespace Concord.Core.Auditing;

/// <summary>
/// Where the node's checkpoint signing key lives: never in the database it vouches for. It is the text of
/// <c>CONCORD_AUDIT_KEY</c> when set, otherwise a file only its owner may read: the one named, or
/// <c>CONCORD_AUDIT_KEY_FILE</c>, or <c>~/.config/concord/audit-signing.key</c>.
/// </summary>
public static class AuditKey
{
    public const string Variable = "CONCORD_AUDIT_KEY";
    public const string FileVariable = "CONCORD_AUDIT_KEY_FILE";

    public static string PathOf(string? file) =>
        file ?? (Environment.GetEnvironmentVariable(FileVariable) is { Length: > 0 } set ? set
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.Create), "concord", "audit-signing.key"));

    /// <summary>The node's key, or null when there is none yet; a key file others can read is refused.</summary>
    public static NoteKey? Load(string? file)
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } text) return Parse(text, Variable);
        var path = PathOf(file);
        if (!File.Exists(path)) return null;
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
            throw new ConcordException(new ConflictError($"{path}: the audit signing key may be read by others; make it its owner's only (chmod 600)"));
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Makes a new key under the given name, in a file only its owner reads and writes; an existing key is never replaced.</summary>
    public static (NoteKey Key, string Path) Create(string name, string? file)
    {
        var path = PathOf(file);
        if (File.Exists(path)) throw new ConcordException(new ConflictError($"{path}: a signing key is already there; it is never replaced (checkpoints signed with it would no longer verify)"));
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
