using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Federation;

/// <summary>
/// Witnessed audit. A node signs a checkpoint of its audit trail (<see cref="AuditCheckpoints"/>) and sends it to every
/// partner as an <c>audit-checkpoint</c>, with its audit verifier key and an RFC 9162 consistency proof from the last
/// checkpoint that partner cosigned. The partner checks the signature (with the audit key it pinned on first sight), and
/// that the new checkpoint extends the one it witnessed before; then it adds its own signature line (its node key) and
/// sends the note back as a <c>cosignature</c>, which the node keeps. <c>concord audit verify</c> checks the kept
/// cosigned checkpoints against the trail, so a trail rewritten behind one fails there; and the next checkpoint sent
/// to the partner cannot be proved consistent with what it witnessed, so the partner refuses it and says why, which the
/// node hears on the next exchange. Bodies: <c>docs/packets/audit-checkpoint.schema.json</c>, <c>cosignature.schema.json</c>.
/// </summary>
public static class Witness
{
    public const string CheckpointType = "audit-checkpoint";
    public const string CosignatureType = "cosignature";

    public sealed record CheckpointBody(
        [property: JsonPropertyName("note")] string Note, [property: JsonPropertyName("audit_key")] string AuditKey,
        [property: JsonPropertyName("previous_size")] long PreviousSize, [property: JsonPropertyName("proof")] IReadOnlyList<string> Proof);

    public sealed record CosignatureBody([property: JsonPropertyName("note")] string Note);

    /// <summary>The newest of this node's checkpoints a partner cosigned, per partner.</summary>
    public sealed record Witnessed(string Node, long TreeSize, string RootHash, DateTime At);

    /// <summary>
    /// Signs a checkpoint of the trail (<see cref="AuditCheckpoints.WriteAsync"/>) and queues it for every partner, each
    /// with the proof that it extends the last checkpoint that partner cosigned.
    /// </summary>
    public static async Task<(AuditCheckpoint Checkpoint, int Partners)> CheckpointAsync(ConcordDbContext db, Actor actor, NoteKey auditKey, CancellationToken ct)
    {
        if (!actor.IsNodeOperator) throw new ConcordException(new ForbiddenError("only the node's operator signs the audit trail"));
        var (row, leaves) = await AuditCheckpoints.WriteWithLeavesAsync(db, actor, auditKey, ct);
        var partners = await db.Partners.AsNoTracking().OrderBy(p => p.Node).Select(p => p.Node).ToListAsync(ct);
        if (partners.Count == 0) return (row, 0);
        var cosigned = await db.AuditCosignatures.AsNoTracking().GroupBy(c => c.Node).Select(g => new { Node = g.Key, Size = g.Max(c => c.TreeSize) })
            .ToDictionaryAsync(x => x.Node, x => x.Size, ct);
        foreach (var node in partners)
        {
            var previous = cosigned.GetValueOrDefault(node);
            var proof = previous is > 0 && previous < row.TreeSize
                ? MerkleTree.ConsistencyProof(leaves, (int)previous, (int)row.TreeSize).Select(Convert.ToBase64String).ToList()
                : [];
            Packets.QueueNodeLevel(db, actor, CheckpointType, node, new CheckpointBody(row.Note, auditKey.VerifierKey, previous, proof));
        }
        db.Record(actor, "audit.share", nameof(AuditCheckpoint), null, string.Create(CultureInfo.InvariantCulture, $"size={row.TreeSize} partners={partners.Count}"));
        await db.SaveChangesAsync(ct);
        return (row, partners.Count);
    }

    /// <summary>The newest checkpoint each partner cosigned.</summary>
    public static async Task<IReadOnlyList<Witnessed>> LatestAsync(ConcordDbContext db, CancellationToken ct) =>
        (await db.AuditCosignatures.AsNoTracking().ToListAsync(ct)).GroupBy(c => c.Node, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(c => c.TreeSize).First()).OrderBy(c => c.Node, StringComparer.Ordinal)
            .Select(c => new Witnessed(c.Node, c.TreeSize, c.RootHash, c.At)).ToList();

    /// <summary>Every cosigned checkpoint kept, to hand to <see cref="AuditCheckpoints.VerifyAsync"/> with the node's own.</summary>
    public static async Task<IReadOnlyList<string>> CosignedNotesAsync(ConcordDbContext db, CancellationToken ct) =>
        await db.AuditCosignatures.AsNoTracking().OrderBy(c => c.TreeSize).Select(c => c.Note).ToListAsync(ct);

    /// <summary>
    /// A partner's checkpoint, witnessed here: signed by the audit key pinned for it, extending the one witnessed before
    /// (by the proof it carries); then cosigned and the cosignature queued back. Otherwise why not, which refuses it.
    /// </summary>
    internal static async Task<string?> WitnessAsync(ConcordDbContext db, Actor actor, NoteKey self, PacketEnvelope envelope, CancellationToken ct)
    {
        var body = envelope.BodyAs<CheckpointBody>();
        var partner = await db.Partners.FirstAsync(p => p.Node == envelope.FromNode, ct);
        NoteKey key;
        try { key = AuditKey.Parse(body.AuditKey, "audit_key"); }
        catch (ConcordException e) { return $"the audit key is not a verifier key: {e.Error.Message}"; }
        using (key)
        {
            if (key.CanSign) return "the checkpoint carries a signing key";
            if (partner.AuditKey is { } pinned && pinned != key.VerifierKey)
                return $"the checkpoint is signed with the audit key {key.KeyRef}, not {SigningKeyFile.Parse(pinned, "stored").KeyRef} that this node witnessed before";
            var (text, why) = key.Open(body.Note);
            if (text is null || Checkpoint.Parse(text) is not { } checkpoint) return $"the checkpoint does not verify: {why ?? "not a checkpoint"}";
            if (partner.WitnessedNote is { } before && Checkpoint.Parse(key.Open(before).Text ?? "") is { } old)
            {
                var proof = new List<byte[]>();
                try { proof.AddRange(body.Proof.Select(Convert.FromBase64String)); }
                catch (FormatException) { return "the consistency proof is not base64"; }
                var consistent = checkpoint.Size == old.Size ? checkpoint.Root.AsSpan().SequenceEqual(old.Root)
                    : checkpoint.Size > old.Size && body.PreviousSize == old.Size
                      && MerkleTree.VerifyConsistency(old.Size, checkpoint.Size, old.Root, checkpoint.Root, proof);
                if (!consistent)
                    return string.Create(CultureInfo.InvariantCulture,
                        $"the checkpoint of {checkpoint.Size} entries does not extend the one of {old.Size} entries witnessed here: the audit trail of {envelope.FromNode} was rewritten behind it");
                if (checkpoint.Size == old.Size) return null;
            }
            partner.AuditKey = key.VerifierKey;
            partner.WitnessedNote = body.Note;
            var line = self.Sign(text);
            var cosigned = body.Note + line[(line.LastIndexOf("\n\n", StringComparison.Ordinal) + 2)..];
            Packets.QueueNodeLevel(db, actor, CosignatureType, envelope.FromNode, new CosignatureBody(cosigned));
            db.Record(actor, "audit.witness", nameof(Partner), partner.Id,
                string.Create(CultureInfo.InvariantCulture, $"node={envelope.FromNode} size={checkpoint.Size} root={Convert.ToBase64String(checkpoint.Root)}"));
            await db.SaveChangesAsync(ct);
            return null;
        }
    }

    /// <summary>A partner's cosignature of one of this node's checkpoints: its line must verify with the partner's node key, the note must be one this node signed.</summary>
    internal static async Task<string?> KeepAsync(ConcordDbContext db, Actor actor, PacketEnvelope envelope, NoteKey signer, CancellationToken ct)
    {
        var body = envelope.BodyAs<CosignatureBody>();
        var (text, why) = signer.Open(body.Note);
        if (text is null || Checkpoint.Parse(text) is not { } checkpoint) return $"the cosignature does not verify with {signer.KeyRef}: {why ?? "not a checkpoint"}";
        var root = Convert.ToBase64String(checkpoint.Root);
        var own = await db.AuditCheckpoints.AsNoTracking().FirstOrDefaultAsync(c => c.TreeSize == checkpoint.Size, ct);
        if (own is null || own.RootHash != root || !body.Note.StartsWith(own.Note, StringComparison.Ordinal))
            return string.Create(CultureInfo.InvariantCulture, $"the cosigned checkpoint of {checkpoint.Size} entries is not one this node signed");
        if (await db.AuditCosignatures.AnyAsync(c => c.Node == envelope.FromNode && c.TreeSize == checkpoint.Size, ct)) return null;
        db.AuditCosignatures.Add(new AuditCosignature { Node = envelope.FromNode, TreeSize = checkpoint.Size, RootHash = root, Note = body.Note });
        db.Record(actor, "audit.cosigned", nameof(AuditCheckpoint), null, string.Create(CultureInfo.InvariantCulture, $"node={envelope.FromNode} size={checkpoint.Size}"));
        await db.SaveChangesAsync(ct);
        return null;
    }
}
