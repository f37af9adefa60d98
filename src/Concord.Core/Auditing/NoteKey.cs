using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Concord.Core.Auditing;

/// <summary>
/// An Ed25519 key of the C2SP signed-note format (https://c2sp.org/signed-note): a name, the key ID (the first four
/// bytes of <c>SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key)</c>) and the key. The signing key is written as
/// <c>PRIVATE+KEY+name+id+base64(0x01 ‖ seed)</c>, the verifier key as <c>name+id+base64(0x01 ‖ public key)</c>, the
/// same text the Go note package and transparency-log tools read.
/// </summary>
public sealed class NoteKey : IDisposable
{
    private const byte Ed25519Type = 0x01;
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    public string Name { get; }
    public uint Id { get; }
    public byte[] PublicKey { get; }
    private readonly Key? _private;

    private NoteKey(string name, byte[] publicKey, Key? privateKey)
    {
        Name = name;
        PublicKey = publicKey;
        Id = KeyId(name, publicKey);
        _private = privateKey;
    }

    public bool CanSign => _private is not null;

    /// <summary>The verifier key a partner keeps to check this node's checkpoints.</summary>
    public string VerifierKey => $"{Name}+{Id:x8}+{Convert.ToBase64String([Ed25519Type, .. PublicKey])}";

    public static NoteKey Create(string name)
    {
        CheckName(name);
        var key = Key.Create(Algorithm, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return new NoteKey(name, key.PublicKey.Export(KeyBlobFormat.RawPublicKey), key);
    }

    /// <summary>The signing key's text, to be kept apart from the database (a file only its owner reads).</summary>
    public string SignerKeyText()
    {
        if (_private is null) throw new InvalidOperationException("this is a verifier key; it cannot sign");
        var seed = _private.Export(KeyBlobFormat.RawPrivateKey);
        return $"PRIVATE+KEY+{Name}+{Id:x8}+{Convert.ToBase64String([Ed25519Type, .. seed])}";
    }

    /// <summary>Reads a signing key (<c>PRIVATE+KEY+…</c>) or a verifier key; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static NoteKey Parse(string text)
    {
        text = text.Trim();
        var signer = text.StartsWith("PRIVATE+KEY+", StringComparison.Ordinal);
        if (signer) text = text["PRIVATE+KEY+".Length..];
        var parts = text.Split('+', 3);
        if (parts.Length != 3) throw new FormatException("a note key has the form name+id+key");
        var (name, idText, keyText) = (parts[0], parts[1], parts[2]);
        CheckName(name);
        byte[] blob;
        try { blob = Convert.FromBase64String(keyText); }
        catch (FormatException) { throw new FormatException("the key is not base64"); }
        if (blob.Length != 33 || blob[0] != Ed25519Type) throw new FormatException("the key is not an Ed25519 note key");
        if (!uint.TryParse(idText, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var id) || idText.Length != 8)
            throw new FormatException("the key ID is not eight hexadecimal digits");
        NoteKey key;
        if (signer)
        {
            var priv = Key.Import(Algorithm, blob.AsSpan(1), KeyBlobFormat.RawPrivateKey,
                new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
            key = new NoteKey(name, priv.PublicKey.Export(KeyBlobFormat.RawPublicKey), priv);
        }
        else
        {
            key = new NoteKey(name, blob[1..], null);
        }
        if (key.Id != id) throw new FormatException("the key ID does not match the name and key");
        return key;
    }

    /// <summary>A detached Ed25519 signature of <paramref name="data"/>.</summary>
    public byte[] SignBytes(ReadOnlySpan<byte> data)
    {
        if (_private is null) throw new InvalidOperationException("this is a verifier key; it cannot sign");
        return Algorithm.Sign(_private, data);
    }

    /// <summary>Whether <paramref name="signature"/> is this key's Ed25519 signature of <paramref name="data"/>.</summary>
    public bool VerifyBytes(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        signature.Length == Algorithm.SignatureSize
        && Algorithm.Verify(NSec.Cryptography.PublicKey.Import(Algorithm, PublicKey, KeyBlobFormat.RawPublicKey), data, signature);

    /// <summary>The key's name and ID as packets name their signer: <c>CN-MPS-NODE+1a2b3c4d</c>.</summary>
    public string KeyRef => $"{Name}+{Id:x8}";

    /// <summary>
    /// A short fingerprint of the verifier key for two operators to read to each other over a telephone before they trust
    /// it: 20 characters of SHA-256 of the key in Crockford base32 (no I, L, O, U), in groups of four.
    /// </summary>
    public string Fingerprint
    {
        get
        {
            const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(VerifierKey));
            ulong buffer = 0;
            int held = 0, used = 0;
            var chars = new List<char>();
            while (chars.Count < 20)
            {
                buffer = (buffer << 8) | hash[used++];
                held += 8;
                while (held >= 5 && chars.Count < 20)
                {
                    held -= 5;
                    chars.Add(Alphabet[(int)((buffer >> held) & 31)]);
                }
            }
            return string.Join('-', Enumerable.Range(0, 5).Select(g => new string([.. chars.Skip(g * 4).Take(4)])));
        }
    }

    /// <summary>Signs the text of a note (which must end in a newline) and gives the whole signed note.</summary>
    public string Sign(string text)
    {
        if (_private is null) throw new InvalidOperationException("this is a verifier key; it cannot sign");
        if (!text.EndsWith('\n')) throw new ArgumentException("a note's text ends with a newline", nameof(text));
        var signature = Algorithm.Sign(_private, Encoding.UTF8.GetBytes(text));
        var id = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(id, Id);
        return $"{text}\n\u2014 {Name} {Convert.ToBase64String([.. id, .. signature])}\n";
    }

    /// <summary>
    /// The text of a note when one of its signatures is this key's and verifies; otherwise why not (no signature by
    /// this key, a signature that does not verify, a note that is not in the format).
    /// </summary>
    public (string? Text, string? Problem) Open(string note)
    {
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0 || !note.EndsWith('\n')) return (null, "not a signed note");
        var text = note[..(split + 1)];
        var ours = false;
        foreach (var line in note[(split + 2)..].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!line.StartsWith("\u2014 ", StringComparison.Ordinal)) return (null, "a signature line does not start with an em dash");
            var fields = line[2..].Split(' ');
            if (fields.Length != 2) return (null, "a signature line is not \"— name signature\"");
            byte[] sig;
            try { sig = Convert.FromBase64String(fields[1]); }
            catch (FormatException) { return (null, "a signature is not base64"); }
            if (sig.Length < 4 || fields[0] != Name || System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(sig) != Id) continue;
            ours = true;
            var publicKey = NSec.Cryptography.PublicKey.Import(Algorithm, PublicKey, KeyBlobFormat.RawPublicKey);
            if (sig.Length == 68 && Algorithm.Verify(publicKey, Encoding.UTF8.GetBytes(text), sig.AsSpan(4))) return (text, null);
        }
        return (null, ours ? "the signature does not verify with this node's key" : "not signed by this node's key");
    }

    private static uint KeyId(string name, byte[] publicKey)
    {
        var hash = SHA256.HashData([.. Encoding.UTF8.GetBytes(name), (byte)'\n', Ed25519Type, .. publicKey]);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(hash);
    }

    private static void CheckName(string name)
    {
        if (name.Length == 0 || name.Any(c => char.IsWhiteSpace(c) || c == '+' || char.IsControl(c)))
            throw new FormatException("a key name is not empty and has no spaces or '+'");
    }

    public void Dispose() => _private?.Dispose();
}
