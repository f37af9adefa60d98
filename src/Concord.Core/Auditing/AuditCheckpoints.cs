using System.Globalization;
using Concord.Core.Domain;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Auditing;

/// <summary>What <see cref="AuditCheckpoints.VerifyAsync"/> found wrong, and where.</summary>
public sealed record AuditProblem(string Kind, long? Entry, string Message)
{
    /// <summary>An entry edited, inserted or out of place: the chain breaks at it.</summary>
    public const string EditedEntry = "edited-entry";
    /// <summary>Numbers missing from the trail: entries deleted from its middle.</summary>
    public const string MissingEntry = "missing-entry";
    /// <summary>A checkpoint covers more entries than the trail holds: its newest entries were deleted.</summary>
    public const string DeletedTail = "deleted-tail";
    /// <summary>The entries a checkpoint covers no longer give its root: the trail was rewritten (and perhaps re-chained).</summary>
    public const string Rewritten = "rewritten";
    /// <summary>A checkpoint not signed by the node's key (another key, a damaged signature, not a signed note).</summary>
    public const string BadSignature = "bad-signature";
    /// <summary>Two checkpoints that cannot both be true of one trail that only grew.</summary>
    public const string Fork = "fork";
}

public sealed record AuditVerification(long Entries, int CheckpointsChecked, long? CheckedUpTo, IReadOnlyList<AuditProblem> Problems)
{
    public bool Intact => Problems.Count == 0;
}

/// <summary>A checkpoint as signed: <c>origin</c>, tree size and root (C2SP tlog-checkpoint).</summary>
public sealed record Checkpoint(string Origin, long Size, byte[] Root)
{
    public string Text => string.Create(CultureInfo.InvariantCulture, $"{Origin}\n{Size}\n{Convert.ToBase64String(Root)}\n");

    public static Checkpoint? Parse(string text)
    {
        var lines = text.Split('\n');
        if (lines.Length < 4 || lines[^1] != "" || lines[0].Length == 0) return null;
        if (!long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size)) return null;
        try
        {
            var root = Convert.FromBase64String(lines[2]);
            return root.Length == MerkleTree.HashSize ? new Checkpoint(lines[0], size, root) : null;
        }
        catch (FormatException) { return null; }
    }
}

/// <summary>
/// Signed checkpoints of the audit trail. The chain of entry hashes shows an edit to anyone who trusts the database;
/// a checkpoint is the node's signature (Ed25519, a key kept apart from the database) over the Merkle root of the
/// first n entries, so a partner who keeps it can later tell a rewritten, re-chained or shortened trail from one that
/// only grew, without trusting the node's database at all.
/// </summary>
public static class AuditCheckpoints
{
    /// <summary>
    /// Records that it signs, then signs the root of every entry committed so far, that record included (so that even
    /// the newest entry cannot later go unnoticed), and keeps the note beside the trail, all in one transaction.
    /// </summary>
    public static async Task<AuditCheckpoint> WriteAsync(ConcordDbContext db, Actor actor, NoteKey key, CancellationToken ct) =>
        (await WriteWithLeavesAsync(db, actor, key, ct)).Checkpoint;

    /// <summary><see cref="WriteAsync"/>, giving also the leaves it signed the root of (for consistency proofs), read once.</summary>
    public static async Task<(AuditCheckpoint Checkpoint, List<byte[]> Leaves)> WriteWithLeavesAsync(ConcordDbContext db, Actor actor, NoteKey key, CancellationToken ct)
    {
        if (!key.CanSign) throw new InvalidOperationException("a checkpoint needs the node's signing key, not its verifier key");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Record(actor, "audit.checkpoint", nameof(AuditCheckpoint), null, $"signed by {key.Name}+{key.Id:x8}, this entry the last it covers");
        await db.SaveChangesAsync(ct);
        var leaves = await LeavesAsync(db, ct);
        var checkpoint = new Checkpoint(key.Name, leaves.Count, MerkleTree.Root(leaves, leaves.Count));
        var row = new AuditCheckpoint
        {
            TreeSize = checkpoint.Size,
            At = AuditTrail.Draft(actor, "").At,
            RootHash = Convert.ToBase64String(checkpoint.Root),
            Note = key.Sign(checkpoint.Text),
        };
        db.AuditCheckpoints.Add(row);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (row, leaves);
    }

    /// <summary>The Merkle leaves of every entry, in order.</summary>
    private static async Task<List<byte[]>> LeavesAsync(ConcordDbContext db, CancellationToken ct)
    {
        var leaves = new List<byte[]>();
        await foreach (var e in Entries(db).WithCancellation(ct)) leaves.Add(AuditTrail.LeafHash(e));
        return leaves;
    }

    /// <summary>The newest checkpoint the node keeps, if any.</summary>
    public static Task<AuditCheckpoint?> LatestAsync(ConcordDbContext db, CancellationToken ct) =>
        db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.TreeSize).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Walks the whole trail: every entry against the one before it, then every checkpoint (those the node keeps and
    /// those a partner hands in) against the node's key, against the entries it covers, and against each other (an
    /// RFC 9162 consistency proof from the smaller to the larger). Without a key only the chain is checked.
    /// </summary>
    public static async Task<AuditVerification> VerifyAsync(ConcordDbContext db, NoteKey? key, IEnumerable<string> otherNotes, CancellationToken ct)
    {
        var problems = new List<AuditProblem>();
        var leaves = new List<byte[]>();
        var previous = AuditTrail.Genesis;
        long expected = 1;
        bool edited = false, missing = false;
        await foreach (var e in Entries(db).WithCancellation(ct))
        {
            if (e.Sequence != expected && !missing)
            {
                missing = true;
                problems.Add(new(AuditProblem.MissingEntry, expected, e.Sequence > expected
                    ? string.Create(CultureInfo.InvariantCulture, $"entries {expected}–{e.Sequence - 1} are missing: deleted from the trail")
                    : string.Create(CultureInfo.InvariantCulture, $"entry {e.Sequence} is out of place after entry {expected - 1}")));
            }
            if (!edited && (e.PreviousHash != previous || AuditTrail.ComputeHash(e) != e.Hash))
            {
                edited = true;
                problems.Add(new(AuditProblem.EditedEntry, e.Sequence, string.Create(CultureInfo.InvariantCulture,
                    $"entry {e.Sequence} was edited, inserted or does not follow the entry before it")));
            }
            expected = e.Sequence + 1;
            previous = e.Hash;
            leaves.Add(AuditTrail.LeafHash(e));
        }
        if (key is null) return new AuditVerification(leaves.Count, 0, null, problems);

        var notes = await db.AuditCheckpoints.AsNoTracking().OrderBy(c => c.TreeSize).Select(c => c.Note).ToListAsync(ct);
        var signed = new List<(Checkpoint Checkpoint, bool Matches)>();
        foreach (var (note, i) in notes.Concat(otherNotes).Select((n, i) => (n, i)))
        {
            var (text, why) = key.Open(note);
            var checkpoint = text is null ? null : Checkpoint.Parse(text);
            var name = i < notes.Count ? $"the node's checkpoint {i + 1}" : $"checkpoint {i - notes.Count + 1} handed in";
            if (checkpoint is null || checkpoint.Origin != key.Name)
            {
                problems.Add(new(AuditProblem.BadSignature, null, $"{name}: {why ?? "not a checkpoint of this node's trail"}"));
                continue;
            }
            if (checkpoint.Size > leaves.Count)
            {
                problems.Add(new(AuditProblem.DeletedTail, leaves.Count + 1, string.Create(CultureInfo.InvariantCulture,
                    $"{name} covers {checkpoint.Size} entries but the trail holds {leaves.Count}: its newest entries were deleted")));
                signed.Add((checkpoint, false));
                continue;
            }
            var matches = MerkleTree.Root(leaves, (int)checkpoint.Size).AsSpan().SequenceEqual(checkpoint.Root);
            if (!matches)
                problems.Add(new(AuditProblem.Rewritten, null, string.Create(CultureInfo.InvariantCulture,
                    $"{name}: the first {checkpoint.Size} entries no longer give its root: the trail was rewritten")));
            signed.Add((checkpoint, matches));
        }

        // Each checkpoint against the next larger one that the entries still bear out: that one's proof must reach back.
        var ordered = signed.OrderBy(s => s.Checkpoint.Size).ToList();
        for (var i = 0; i + 1 < ordered.Count; i++)
        {
            var (a, _) = ordered[i];
            var (b, bMatches) = ordered[i + 1];
            var consistent = a.Size == b.Size
                ? a.Root.AsSpan().SequenceEqual(b.Root)
                : !bMatches || MerkleTree.VerifyConsistency(a.Size, b.Size, a.Root, b.Root, MerkleTree.ConsistencyProof(leaves, (int)a.Size, (int)b.Size));
            if (!consistent)
                problems.Add(new(AuditProblem.Fork, null, string.Create(CultureInfo.InvariantCulture,
                    $"the checkpoints at {a.Size} and {b.Size} entries are not consistent: both are signed, but no trail that only grew gives both (a fork)")));
        }
        var checkedUpTo = signed.Where(s => s.Matches).Select(s => (long?)s.Checkpoint.Size).Max();
        return new AuditVerification(leaves.Count, signed.Count, checkedUpTo, problems);
    }

    private static IAsyncEnumerable<AuditEntry> Entries(ConcordDbContext db) =>
        db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).AsAsyncEnumerable();
}
