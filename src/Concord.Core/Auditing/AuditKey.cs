namespace Concord.Core.Auditing;

/// <summary>
/// The node's checkpoint signing key: the text of <c>CONCORD_AUDIT_KEY</c> when set, otherwise a file only its owner may
/// read: the one named, or <c>CONCORD_AUDIT_KEY_FILE</c>, or <c>~/.config/concord/audit-signing.key</c>.
/// </summary>
public static class AuditKey
{
    public const string Variable = "CONCORD_AUDIT_KEY";
    public const string FileVariable = "CONCORD_AUDIT_KEY_FILE";

    private static readonly SigningKeyFile Store = new(Variable, FileVariable, "audit-signing.key", "audit signing key");

    public static string PathOf(string? file) => Store.PathOf(file);

    /// <summary>The node's key, or null when there is none yet; a key file others can read is refused.</summary>
    public static NoteKey? Load(string? file) => Store.Load(file);

    /// <summary>Makes a new key under the given name, in a file only its owner reads and writes; an existing key is never replaced.</summary>
    public static (NoteKey Key, string Path) Create(string name, string? file) => Store.Create(name, file);

    /// <summary>A verifier key given as text (what a partner was handed).</summary>
    public static NoteKey Parse(string text, string source) => SigningKeyFile.Parse(text, source);
}
