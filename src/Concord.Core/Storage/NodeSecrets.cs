using System.Security.Cryptography;
using System.Text;

namespace Concord.Core.Storage;

/// <summary>
/// The node's own secrets key, kept apart from the database: what the node must keep but a copy of its database must not
/// give away (the users' authenticator keys, the keys that sign its cookies) is sealed with it (AES-256-GCM). It is the
/// base64 text of <c>CONCORD_NODE_KEY</c> when set, otherwise a file only its owner may read:
/// <c>CONCORD_NODE_KEY_FILE</c>, else <c>~/.config/concord/node-secrets.key</c>, made on first use.
/// </summary>
public sealed class NodeSecrets
{
    public const string Variable = "CONCORD_NODE_KEY";
    public const string FileVariable = "CONCORD_NODE_KEY_FILE";
    private const string Prefix = "sealed:v1:";
    private readonly byte[] _key;

    private NodeSecrets(byte[] key) => _key = key;

    private static readonly Lazy<NodeSecrets> Node = new(Load);

    /// <summary>This node's key, read (or made) once per process.</summary>
    public static NodeSecrets Current => Node.Value;

    public static NodeSecrets FromKey(byte[] key) =>
        key.Length == 32 ? new NodeSecrets(key) : throw new ArgumentException("the node's secrets key is 32 bytes", nameof(key));

    public static string DefaultPath =>
        Environment.GetEnvironmentVariable(FileVariable) is { Length: > 0 } set ? set
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.Create), "concord", "node-secrets.key");

    private static NodeSecrets Load()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } text)
            return FromKey(Convert.FromBase64String(text.Trim()));
        var path = DefaultPath;
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            try
            {
                using var writer = new StreamWriter(path, options);
                writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\n");
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process of the node made it first: read that one.
            }
        }
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
            throw new ConcordException(new ConflictError($"{path}: the node's secrets key may be read by others; make it its owner's only (chmod 600)"));
        return FromKey(Convert.FromBase64String(File.ReadAllText(path).Trim()));
    }

    /// <summary>The text sealed: <c>sealed:v1:</c> and base64 of nonce, ciphertext and tag.</summary>
    public string Seal(string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[12 + plain.Length + 16];
        var nonce = sealedBytes.AsSpan(0, 12);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, 16);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(12, plain.Length), sealedBytes.AsSpan(12 + plain.Length));
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>
    /// A keyed pseudonym of <paramref name="text"/> for <paramref name="purpose"/> (HMAC-SHA256 under a key derived from the
    /// node's key): the same text gives the same pseudonym on this node, and nobody without the key can tell whose it is.
    /// </summary>
    public byte[] Pseudonym(string purpose, string text)
    {
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, _key, 32, info: Encoding.UTF8.GetBytes("concord pseudonym " + purpose));
        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text));
    }

    public static bool IsSealed(string? text) => text?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    /// <summary>The plaintext of a sealed text; a text written before sealing is returned as it is.</summary>
    public string Open(string text)
    {
        if (!IsSealed(text)) return text;
        var bytes = Convert.FromBase64String(text[Prefix.Length..]);
        if (bytes.Length < 28) throw new CryptographicException("a sealed text too short to be one");
        var plain = new byte[bytes.Length - 28];
        using var aes = new AesGcm(_key, 16);
        aes.Decrypt(bytes.AsSpan(0, 12), bytes.AsSpan(12, plain.Length), bytes.AsSpan(12 + plain.Length), plain);
        return Encoding.UTF8.GetString(plain);
    }
}
