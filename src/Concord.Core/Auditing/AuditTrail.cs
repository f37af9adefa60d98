using System.Security.Cryptography;
using System.Text;
using System.Globalization;
using Concord.Core.Domain;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Auditing;

/// <summary>
/// The audit trail is append-only and hash-chained: each entry's hash covers the previous entry's hash, so a
/// removed or edited entry breaks every hash after it. Entries are added to the same unit of work as the change
/// they describe, so the change and its audit commit or roll back together.
/// </summary>
public static class AuditTrail
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static void Record(this ConcordDbContext db, Actor actor, string action, string? entityType = null, Guid? entityId = null, string? details = null) =>
        db.PendingAudit.Add(Draft(actor, action, entityType, entityId, details));

    /// <summary>Reads recorded in this context's own unit of work: for a command that runs once, with no node's queue to join.</summary>
    public static IReadAudit ReadsIn(this ConcordDbContext db) => new UnitOfWorkReads(db);

    /// <summary>An entry as it happened, not yet numbered or hashed: the chain gives it both when it is saved.</summary>
    /// <summary>How many entries one request drafted: the web host opens a count for each API call (<see cref="CountEntries"/>).</summary>
    public sealed class EntryCount
    {
        private int _value;

        public int Value => Volatile.Read(ref _value);

        internal void Add() => Interlocked.Increment(ref _value);
    }

    private static readonly AsyncLocal<EntryCount?> Counting = new();

    /// <summary>Counts the entries drafted from here on in this flow of work (a request), so that the host can tell a call that recorded nothing itself.</summary>
    public static EntryCount CountEntries() => Counting.Value = new EntryCount();

    public static AuditEntry Draft(Actor actor, string action, string? entityType = null, Guid? entityId = null, string? details = null)
    {
        Counting.Value?.Add();
        // Whole milliseconds: every database keeps them exactly, so the hash recomputes the same after a round trip.
        var now = DateTime.UtcNow;
        return new AuditEntry
        {
            At = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc),
            // An entry always has an owner: what no agency's caller did is the node's.
            AgencyId = actor.AgencyId ?? Agency.NodeId,
            Actor = actor.Name,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Details = details,
            Source = actor.Source,
            Outcome = OutcomeOf(action),
            PreviousHash = "",
            Hash = "",
        };
    }

    /// <summary>A refusal is "denied", an attempt that did not succeed (a wrong password or code) "failed", everything else "done".</summary>
    public static AuditOutcome OutcomeOf(string action) =>
        action is "access.denied" or "api.not-found" or "api.unauthenticated" or "page.not-found" or "page.unauthenticated" or "sharing.refused" or "auth.locked-out" or "auth.rate-limited" or "auth.refused" ? AuditOutcome.Denied
        : action.EndsWith("-failed", StringComparison.Ordinal) ? AuditOutcome.Failed
        : AuditOutcome.Done;

    /// <summary>Adds entries drafted earlier to the next save of this context, in the order given.</summary>
    internal static void Enqueue(this ConcordDbContext db, IEnumerable<AuditEntry> drafts) => db.PendingAudit.AddRange(drafts);

    /// <summary>The key of the PostgreSQL advisory lock under which the end of the chain is read and extended.</summary>
    internal const long ChainLockKey = 0x436f6e636f7264; // "Concord"

    internal static async Task ChainPendingAsync(ConcordDbContext db, CancellationToken ct)
    {
        if (db.PendingAudit.Count == 0) return;
        var (sequence, previous) = await EndAsync(db, ct);
        foreach (var entry in Chained(db.PendingAudit, sequence, previous)) db.AuditEntries.Add(entry);
        db.PendingAudit.Clear();
    }

    /// <summary>
    /// The entries of one change too many to track one by one (a wanted list's update names every record it touched),
    /// chained from the end of the trail and written through the bulk path inside the change's transaction.
    /// </summary>
    internal static async Task RecordManyAsync(this ConcordDbContext db, IEnumerable<AuditEntry> drafts, CancellationToken ct)
    {
        var (sequence, previous) = await EndAsync(db, ct);
        await BulkWriter.WriteAsync(db, Chained(drafts, sequence, previous), ct);
    }

    private static async Task<(long Sequence, string Hash)> EndAsync(ConcordDbContext db, CancellationToken ct)
    {
        // On PostgreSQL, writers of any process take their numbers one at a time: the lock lasts until the transaction
        // ends, so the next writer reads the end of the chain after this one committed, never a number already taken.
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({ChainLockKey})", ct);
        var last = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Sequence)
            .Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(ct);
        return (last?.Sequence ?? 0, last?.Hash ?? Genesis);
    }

    private static IEnumerable<AuditEntry> Chained(IEnumerable<AuditEntry> drafts, long sequence, string previous)
    {
        foreach (var entry in drafts)
        {
            entry.Sequence = ++sequence;
            entry.PreviousHash = previous;
            entry.Hash = ComputeHash(entry);
            previous = entry.Hash;
            yield return entry;
        }
    }

    /// <summary>The save lost the race for the chain's next number (the unique index on the sequence), as SQLite and PostgreSQL word it.</summary>
    internal static bool IsSequenceTaken(DbUpdateException e) =>
        e.InnerException?.Message is { } m && m.Contains("AuditEntries", StringComparison.Ordinal) && m.Contains("Sequence", StringComparison.Ordinal);

    public static string ComputeHash(AuditEntry e) => Convert.ToHexStringLower(SHA256.HashData(Canonical(e)));

    /// <summary>The entry's leaf in the trail's Merkle tree: <c>SHA-256(0x00 ‖ entry)</c>, over the same bytes as its chain hash.</summary>
    public static byte[] LeafHash(AuditEntry e) => MerkleTree.LeafHash(Canonical(e));

    /// <summary>
    /// The entry as bytes: its fields in a fixed order, separated by U+001F, the previous entry's hash last. The source
    /// and outcome follow only when there is one or the outcome is not "done", so entries written before they were kept
    /// still hash as they did.
    /// </summary>
    private static byte[] Canonical(AuditEntry e)
    {
        var text = string.Join('\u001f',
            e.Sequence.ToString(CultureInfo.InvariantCulture), e.Id.ToString("D"),
            e.At.ToString("O", CultureInfo.InvariantCulture), e.AgencyId?.ToString("D") ?? "", e.Actor, e.Action,
            e.EntityType ?? "", e.EntityId?.ToString("D") ?? "", e.Details ?? "", e.PreviousHash);
        if (e.Source is not null || e.Outcome != AuditOutcome.Done)
            text = string.Join('\u001f', text, e.Source ?? "", e.Outcome.ToString().ToLowerInvariant());
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>Walks the chain; returns the sequence of the first broken entry (edited, inserted, or following a gap), or null when intact.</summary>
    public static async Task<long?> VerifyAsync(ConcordDbContext db, CancellationToken ct)
    {
        var chain = await AuditCheckpoints.VerifyAsync(db, null, [], ct);
        return chain.Problems.FirstOrDefault(p => p.Kind == AuditProblem.EditedEntry)?.Entry ?? chain.Problems.FirstOrDefault()?.Entry;
    }
}
