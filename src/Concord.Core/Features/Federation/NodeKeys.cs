using System.Text.Json;
using System.Text.Json.Serialization;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Federation;

/// <summary>
/// Key rotation. <c>concord node rotate</c> makes the node a new identity key and tells every partner in a
/// <c>node-key</c> packet signed with the key they know; a partner then takes both keys until the overlap ends (packets
/// already on their way, bundles already written), and only the new one after. A rotation needs no new phone call: it is
/// vouched for by the key the partner compared. Body: version 1 of <c>docs/packets/node-key.schema.json</c>.
/// </summary>
public static class NodeKeys
{
    public const string Type = "node-key";
    public static readonly TimeSpan DefaultOverlap = TimeSpan.FromDays(7);
    public static readonly TimeSpan LongestOverlap = TimeSpan.FromDays(30);

    public sealed record Body(
        [property: JsonPropertyName("new_key")] string NewKey,
        [property: JsonPropertyName("fingerprint")] string Fingerprint,
        [property: JsonPropertyName("overlap_until")] DateTime OverlapUntil);

    public sealed record Rotation(string Node, string OldKeyId, string NewKeyId, string Fingerprint, string Path, string Retired, DateTime OverlapUntil, int Partners);

    /// <summary>
    /// Rotates the node's identity key kept in <paramref name="file"/>: the new key is written beside the old one first,
    /// the announcements to every partner are signed with the old key and saved, and only then does the new key take the
    /// old one's place (the old one is kept, owner-only, as <c>…retired</c>). Only the node's operator rotates.
    /// </summary>
    public static async Task<Rotation> RotateAsync(ConcordDbContext db, Actor actor, string? file, TimeSpan overlap, CancellationToken ct)
    {
        if (!actor.IsNodeOperator) throw new ConcordException(new ForbiddenError("only the node's operator rotates its key"));
        if (overlap <= TimeSpan.Zero || overlap > LongestOverlap)
            throw new ConcordException(new InvalidRequestError("--overlap-days", $"the overlap is between a day and {LongestOverlap.TotalDays:0} days"));
        if (Environment.GetEnvironmentVariable(NodeIdentity.Variable) is { Length: > 0 })
            throw new ConcordException(new ConflictError($"the key is given in ${NodeIdentity.Variable}: rotate a key kept in a file (--key-file), or replace the variable's key by hand"));
        using var old = NodeIdentity.Require(file);
        var path = NodeIdentity.Store.PathOf(file);
        var next = path + ".next";
        if (File.Exists(next))
            throw new ConcordException(new ConflictError($"{next}: a rotation was begun and not finished; check `concord packets list --state sent` for its node-key packets, then remove the file or move it to {path}"));
        var (fresh, _) = NodeIdentity.Store.Create(old.Name, next);
        using (fresh)
        {
            var until = DateTime.UtcNow + overlap;
            var partners = await db.Partners.AsNoTracking().OrderBy(p => p.Node).Select(p => p.Node).ToListAsync(ct);
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                foreach (var node in partners)
                {
                    var envelope = new PacketEnvelope(Guid.CreateVersion7(), Type, 1, old.Name, "", node, "", DateTime.UtcNow, "H0", null,
                        JsonSerializer.SerializeToElement(new Body(fresh.VerifierKey, fresh.Fingerprint, until), PacketSeal.Json));
                    var (canonical, signature) = PacketSeal.Sign(envelope, old);
                    var packet = new Packet
                    {
                        AgencyId = Agency.NodeId,
                        PacketId = envelope.Id,
                        Direction = PacketDirection.Out,
                        Node = node,
                        Type = Type,
                        State = PacketState.Sent,
                        Digest = PacketSeal.Digest(canonical),
                        Envelope = canonical,
                        Signature = $"{old.KeyRef} {signature}",
                    };
                    db.Packets.Add(packet);
                    db.Record(actor, "packet.send", nameof(Packet), packet.Id, $"type={Type} node={node} sha256={packet.Digest}");
                }
                db.Record(actor, "node.rotate", details: $"node={old.Name} key={fresh.KeyRef} fingerprint={fresh.Fingerprint} expires={until:O} partners={partners.Count}");
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            var retired = $"{path}.{old.KeyRef[(old.KeyRef.IndexOf('+', StringComparison.Ordinal) + 1)..]}.retired";
            File.Move(path, retired);
            File.Move(next, path);
            return new Rotation(old.Name, old.KeyRef, fresh.KeyRef, fresh.Fingerprint, path, retired, until, partners.Count);
        }
    }

    /// <summary>A partner's announcement of its new key, taken only when signed with its current key (not one it is retiring).</summary>
    internal static async Task<string?> ApplyAsync(ConcordDbContext db, Actor actor, PacketEnvelope envelope, NoteKey signer, CancellationToken ct)
    {
        var body = envelope.Body.Deserialize<Body>(PacketSeal.Json) ?? throw new ConcordException(new InvalidRequestError("body", "the node-key packet has no body"));
        var partner = await db.Partners.FirstAsync(p => p.Node == envelope.FromNode, ct);
        var current = SigningKeyFile.Parse(partner.VerifierKey, "stored");
        if (signer.KeyRef != current.KeyRef) return $"a new key must be announced with the current key {current.KeyRef}, not {signer.KeyRef}";
        var fresh = SigningKeyFile.Parse(body.NewKey, "new_key");
        if (fresh.CanSign) return "the announcement carries a signing key";
        if (fresh.Name != envelope.FromNode) return $"the new key is named {fresh.Name}, not {envelope.FromNode}";
        if (fresh.Fingerprint != body.Fingerprint) return "the fingerprint given is not the new key's";
        if (fresh.KeyRef == current.KeyRef) return null;
        var until = body.OverlapUntil > DateTime.UtcNow + LongestOverlap ? DateTime.UtcNow + LongestOverlap : body.OverlapUntil;
        (partner.PreviousKey, partner.PreviousKeyUntil, partner.VerifierKey) = (partner.VerifierKey, until, fresh.VerifierKey);
        db.Record(actor, "partner.rotate", nameof(Partner), partner.Id,
            $"node={partner.Node} key={fresh.KeyRef} fingerprint={fresh.Fingerprint} expires={until:O}");
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>
    /// The new key named <paramref name="keyRef"/> when one of <paramref name="packets"/> announces it, signed with the
    /// partner's current key: a bundle signed with a key its partner learns from the bundle itself.
    /// </summary>
    internal static NoteKey? Announced(Partner partner, IEnumerable<WirePacket> packets, string keyRef)
    {
        var current = SigningKeyFile.Parse(partner.VerifierKey, "stored");
        foreach (var wire in packets)
        {
            var (envelope, canonical, problem) = PacketSeal.Read(wire);
            if (problem is not null || envelope is not { Type: Type } || envelope.FromNode != partner.Node || wire.Key != current.KeyRef
                || !PacketSeal.Verifies(current, canonical, wire.Signature))
                continue;
            try
            {
                var body = envelope.Body.Deserialize<Body>(PacketSeal.Json);
                if (body is not null && NoteKey.Parse(body.NewKey) is { CanSign: false } fresh && fresh.KeyRef == keyRef && fresh.Name == partner.Node) return fresh;
            }
            catch (Exception e) when (e is JsonException or FormatException)
            {
                // Not an announcement this node can read: the bundle is then judged by the keys it knows.
            }
        }
        return null;
    }
}
