using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Federation;

/// <summary>
/// Packets on removable media, for a port without a link: a bundle (<c>.cpk</c>) carries every packet sent to one partner
/// and not yet acknowledged, and what this node made of the partner's packets (applied or refused, by digest), signed as
/// a whole by this node. A bundle that is not whole, not signed by the partner it names, or not for this node is refused
/// whole: nothing in it is applied.
/// </summary>
public static class Bundles
{
    private static readonly byte[] Domain = Encoding.UTF8.GetBytes("concord-bundle-v1\n");

    public sealed record Content(
        [property: JsonPropertyName("format")] string Format,
        [property: JsonPropertyName("from_node")] string FromNode,
        [property: JsonPropertyName("to_node")] string ToNode,
        [property: JsonPropertyName("created")] DateTime Created,
        [property: JsonPropertyName("packets")] IReadOnlyList<WirePacket> Packets,
        [property: JsonPropertyName("outcomes")] IReadOnlyList<Packets.Outcome> Outcomes,
        [property: JsonPropertyName("reply_to")] string? ReplyTo = null);

    public sealed record SignedBundle(
        [property: JsonPropertyName("bundle")] JsonElement Bundle,
        [property: JsonPropertyName("key")] string Key,
        [property: JsonPropertyName("signature")] string Signature);

    /// <summary>What an import did: packets applied, waiting, refused, seen before; this node's packets the partner acknowledged.</summary>
    public sealed record Summary(string From, int Packets, int Applied, int Waiting, int Refused, int Duplicates, int Acknowledged, string Sha256,
        IReadOnlyList<Packets.Outcome> Outcomes);

    /// <summary>Signs what is due to <paramref name="node"/> into a bundle; the packets in it are marked sent.</summary>
    /// <param name="since">Over the link: report only the outcomes settled (or asked again) since then.</param>
    /// <param name="replyTo">Over the link: the SHA-256 of the request this bundle answers, which binds the answer to it.</param>
    /// <param name="most">Over the link: at most this many packets, the oldest.</param>
    public static async Task<(byte[] File, int Packets)> ExportAsync(ConcordDbContext db, Actor actor, NoteKey key, string node, CancellationToken ct,
        DateTime? since = null, string? replyTo = null, int most = int.MaxValue)
    {
        if (!await db.Partners.AnyAsync(p => p.Node == node, ct))
            throw new ConcordException(new InvalidRequestError("--to", $"{node} is not a partner of this node (concord partner add)"));
        var packets = await Packets.LeavingAsync(db, actor, key, node, ct, most);
        var outcomes = await Packets.OutcomesForAsync(db, node, ct, since);
        var content = new Content("concord-bundle-v1", key.Name, node, DateTime.UtcNow, packets, outcomes, replyTo);
        var canonical = CanonicalJson.Text(JsonSerializer.SerializeToElement(content, PacketSeal.Json));
        var signature = Convert.ToBase64String(key.SignBytes([.. Domain, .. Encoding.UTF8.GetBytes(canonical)]));
        var file = JsonSerializer.SerializeToUtf8Bytes(new SignedBundle(JsonDocument.Parse(canonical).RootElement.Clone(), key.KeyRef, signature), PacketSeal.Json);
        db.Record(actor, "bundle.export", details: $"node={node} packets={packets.Count} outcomes={outcomes.Count} sha256={Convert.ToHexStringLower(SHA256.HashData(file))}");
        await db.SaveChangesAsync(ct);
        return (file, packets.Count);
    }

    /// <summary>Checks a bundle whole (its form, the partner's signature, that it is for this node) and gives its content; refuses it otherwise.</summary>
    public static async Task<Content> OpenAsync(ConcordDbContext db, NoteKey self, byte[] file, string name, CancellationToken ct)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(file));
        async Task<ConcordException> RefuseAsync(string reason)
        {
            db.Record(Actor.Operator($"packets:{name}"), "bundle.refuse", details: $"file={name} sha256={sha} reason={reason}");
            await db.SaveChangesAsync(ct);
            return new ConcordException(new InvalidRequestError(name, $"{reason}; nothing in it was applied"));
        }
        SignedBundle? signed;
        Content? content;
        string canonical;
        try
        {
            signed = JsonSerializer.Deserialize<SignedBundle>(file, PacketSeal.Json);
            if (signed is null || signed.Bundle.ValueKind != JsonValueKind.Object) throw await RefuseAsync("not a Concord bundle");
            canonical = CanonicalJson.Text(signed.Bundle);
            content = signed.Bundle.Deserialize<Content>(PacketSeal.Json);
        }
        catch (JsonException e)
        {
            throw await RefuseAsync($"not a whole Concord bundle ({e.Message})");
        }
        if (content is null || content.Format != "concord-bundle-v1") throw await RefuseAsync("not a Concord bundle of a format this node reads");
        var partner = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Node == content.FromNode, ct);
        if (partner is null) throw await RefuseAsync($"{content.FromNode} is not a partner of this node");
        var signer = Partners.KeysOf(partner, DateTime.UtcNow).FirstOrDefault(k => k.KeyRef == signed.Key)
            ?? NodeKeys.Announced(partner, content.Packets, signed.Key);
        byte[] signature;
        try { signature = Convert.FromBase64String(signed.Signature); }
        catch (FormatException) { throw await RefuseAsync("its signature is not base64"); }
        if (signer is null || !signer.VerifyBytes([.. Domain, .. Encoding.UTF8.GetBytes(canonical)], signature))
            throw await RefuseAsync($"it is not signed by {content.FromNode}'s key: it was changed or is not from {content.FromNode}");
        if (content.ToNode != self.Name) throw await RefuseAsync($"it is for node {content.ToNode}, not for this node ({self.Name})");
        return content;
    }

    /// <summary>Imports a bundle: checked whole first, then applied.</summary>
    public static async Task<Summary> ImportAsync(ConcordDbContext db, NoteKey self, byte[] file, string name, CancellationToken ct) =>
        await ApplyAsync(db, self, await OpenAsync(db, self, file, name, ct), Convert.ToHexStringLower(SHA256.HashData(file)), name, ct);

    /// <summary>Takes in an opened bundle: the partner's reports on this node's packets, then each packet in order.</summary>
    internal static async Task<Summary> ApplyAsync(ConcordDbContext db, NoteKey self, Content content, string sha, string name, CancellationToken ct)
    {
        // One transaction for the whole bundle (each packet a savepoint in it): taken in whole, or not at all if the node
        // fails half way, and committed once rather than once a packet.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var acknowledged = await Packets.AcknowledgeAsync(db, Actor.Operator($"packets:{name}"), content.FromNode, content.Outcomes, ct);
        var outcomes = new List<Packets.Outcome>();
        var duplicates = 0;
        // A key rotation first: the packets after it in the bundle may be signed with the key it announces.
        foreach (var wire in content.Packets.OrderBy(w => w.Envelope.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == NodeKeys.Type ? 0 : 1))
        {
            var outcome = await Packets.ReceiveAsync(db, self, wire, name, ct);
            // Each packet's work is saved: what it tracked would only slow every later save of the bundle down.
            db.ChangeTracker.Clear();
            if (outcome.Reason == "already received") duplicates++;
            outcomes.Add(outcome);
        }
        // Packets that waited may have been applied by a later one: report each as it stands now.
        var ids = outcomes.Select(o => o.PacketId).ToList();
        var now = (await db.Packets.AsNoTracking().Where(p => p.Direction == PacketDirection.In && ids.Contains(p.PacketId)).ToListAsync(ct))
            .GroupBy(p => p.PacketId).ToDictionary(g => g.Key, g => g.OrderBy(p => p.State == PacketState.Refused ? 1 : 0).First().State);
        var final = outcomes.Select(o => now.TryGetValue(o.PacketId, out var s) && o.State == PacketState.Waiting ? o with { State = s } : o).ToList();
        db.Record(Actor.Operator($"packets:{name}"), "bundle.import",
            details: $"file={name} node={content.FromNode} packets={content.Packets.Count} acknowledged={acknowledged} sha256={sha}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new Summary(content.FromNode, content.Packets.Count, final.Count(o => o.State == PacketState.Applied && o.Reason is null),
            final.Count(o => o.State == PacketState.Waiting), final.Count(o => o.State == PacketState.Refused), duplicates, acknowledged, sha, final);
    }
}
