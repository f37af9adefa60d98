using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Concord.Core.Auditing;

namespace Concord.Core.Features.Federation;

/// <summary>
/// The one envelope every packet travels in. It is signed as its canonical JSON (RFC 8785) prefixed with
/// <c>concord-packet-v1\n</c>, with a detached Ed25519 signature by the sending node's key, named by the key's name and ID.
/// </summary>
public sealed record PacketEnvelope(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("from_node")] string FromNode,
    [property: JsonPropertyName("from_agency")] string FromAgency,
    [property: JsonPropertyName("to_node")] string ToNode,
    [property: JsonPropertyName("to_agency")] string ToAgency,
    [property: JsonPropertyName("created")] DateTime Created,
    [property: JsonPropertyName("handling")] string Handling,
    [property: JsonPropertyName("in_reply_to")] Guid? InReplyTo,
    [property: JsonPropertyName("body")] JsonElement Body)
{
    /// <summary>The body read as its type's record; refused, naming the type, when there is none.</summary>
    public T BodyAs<T>() =>
        Body.Deserialize<T>(PacketSeal.Json) ?? throw new ConcordException(new InvalidRequestError("body", $"the {Type} packet has no body"));
}

/// <summary>A signed packet as it travels: the envelope, the signer's key (<c>name+id</c>) and the signature (base64).</summary>
public sealed record WirePacket(
    [property: JsonPropertyName("envelope")] JsonElement Envelope,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("signature")] string Signature);

public static class PacketSeal
{
    private static readonly byte[] Domain = Encoding.UTF8.GetBytes("concord-packet-v1\n");

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The bytes a signature covers: the domain line and the envelope's canonical JSON.</summary>
    public static byte[] SignedBytes(string canonicalEnvelope) => [.. Domain, .. Encoding.UTF8.GetBytes(canonicalEnvelope)];

    /// <summary>SHA-256 (hex) of the signed bytes: the digest that audit entries, receipts and the outbox name.</summary>
    public static string Digest(string canonicalEnvelope) => Convert.ToHexStringLower(SHA256.HashData(SignedBytes(canonicalEnvelope)));

    public static string Canonical(PacketEnvelope envelope) => CanonicalJson.Text(JsonSerializer.SerializeToElement(envelope, Json));

    /// <summary>Signs an envelope with the node's key.</summary>
    public static (string Canonical, string Signature) Sign(PacketEnvelope envelope, NoteKey key)
    {
        var canonical = Canonical(envelope);
        return (canonical, Convert.ToBase64String(key.SignBytes(SignedBytes(canonical))));
    }

    public static WirePacket Wire(string canonical, string keyRef, string signature) =>
        new(JsonDocument.Parse(canonical).RootElement.Clone(), keyRef, signature);

    /// <summary>
    /// The envelope of a packet that arrived, with its canonical text, when it is well formed; otherwise why not. The
    /// signature is checked separately, against the key of the node the envelope names.
    /// </summary>
    public static (PacketEnvelope? Envelope, string Canonical, string? Problem) Read(WirePacket packet)
    {
        string canonical;
        try
        {
            canonical = CanonicalJson.Text(packet.Envelope);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            return (null, "", "the envelope is not JSON: " + e.Message);
        }
        PacketEnvelope? envelope;
        try
        {
            envelope = packet.Envelope.Deserialize<PacketEnvelope>(Json);
        }
        catch (JsonException e)
        {
            return (null, canonical, "the envelope is not a packet envelope: " + e.Message);
        }
        // A packet between the nodes themselves (a key rotation, an audit checkpoint, a cosignature) names no agency; every other names both.
        var nodeLevel = envelope is not null && Packets.NodeLevelTypes.Contains(envelope.Type);
        if (envelope is null || envelope.Id == Guid.Empty || string.IsNullOrWhiteSpace(envelope.Type) || string.IsNullOrWhiteSpace(envelope.FromNode)
            || string.IsNullOrWhiteSpace(envelope.ToNode) || (!nodeLevel && (string.IsNullOrWhiteSpace(envelope.FromAgency) || string.IsNullOrWhiteSpace(envelope.ToAgency))))
            return (null, canonical, "the envelope lacks its id, type, sender or recipient");
        if (envelope.Version != 1) return (null, canonical, $"version {envelope.Version} of {envelope.Type} packets is not one this node reads");
        return (envelope, canonical, null);
    }

    /// <summary>Whether the signature is <paramref name="key"/>'s over the canonical envelope.</summary>
    public static bool Verifies(NoteKey key, string canonical, string signature)
    {
        byte[] sig;
        try { sig = Convert.FromBase64String(signature); }
        catch (FormatException) { return false; }
        return key.VerifyBytes(SignedBytes(canonical), sig);
    }
}
