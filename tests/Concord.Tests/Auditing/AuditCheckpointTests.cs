using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Storage;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Auditing;

/// <summary>
/// Signed checkpoints over the trail's Merkle tree: each way of rewriting the trail is named by <c>audit verify</c>,
/// including those the hash chain alone cannot see (a deleted newest entry, a re-chained trail).
/// </summary>
public sealed class AuditCheckpointTests
{
    private static readonly Actor Operator = Actor.Operator("test");

    /// <summary>A database whose trail holds the Muse agreement, lead and operation and one checkpoint, with the key that signed it.</summary>
    private sealed class Trail(TestDatabase database, NoteKey key) : IAsyncDisposable
    {
        public TestDatabase Database { get; } = database;
        public NoteKey Key { get; } = key;

        public async ValueTask DisposeAsync()
        {
            Key.Dispose();
            await Database.DisposeAsync();
        }

        public void Deconstruct(out TestDatabase database, out NoteKey key) => (database, key) = (Database, Key);
    }

    private static async Task<Trail> TrailWithCheckpointAsync(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var key = NoteKey.Create("concord.test/audit");
        await using var db = database.Open();
        await Scenario.AgreementLeadOperationAsync(db);
        await AuditCheckpoints.WriteAsync(db, Operator, key, default);
        return new Trail(database, key);
    }

    private static async Task<AuditVerification> VerifyAsync(TestDatabase database, NoteKey? key, params string[] handedIn)
    {
        await using var db = database.Open();
        return await AuditCheckpoints.VerifyAsync(db, key, handedIn, default);
    }

    private static Task RechainAsync(ConcordDbContext db, long from, Func<List<AuditEntry>, List<AuditEntry>> change) => AuditGuards.RechainAsync(db, from, change);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Checkpoint_CoversEveryEntryIncludingItsOwn_AndVerifies(string provider)
    {
        await using var trail = await TrailWithCheckpointAsync(provider);
        var (database, key) = trail;
        await using (var db = database.Open())
        {
            var count = await db.AuditEntries.LongCountAsync();
            var latest = await AuditCheckpoints.LatestAsync(db, default);
            Assert.Equal(count, latest!.TreeSize);
            Assert.Equal("audit.checkpoint", (await db.AuditEntries.OrderByDescending(a => a.Sequence).FirstAsync()).Action);
            // The note is a C2SP checkpoint: origin, size, root, a blank line, one signature line.
            var lines = latest.Note.Split('\n');
            Assert.Equal(["concord.test/audit", count.ToString(System.Globalization.CultureInfo.InvariantCulture), latest.RootHash, ""], lines[..4]);
            Assert.StartsWith("\u2014 concord.test/audit ", lines[4], StringComparison.Ordinal);
        }
        var r = await VerifyAsync(database, key);
        Assert.True(r.Intact, string.Join("; ", r.Problems));
        Assert.Equal(r.Entries, r.CheckedUpTo);

        // A partner holds only the verifier key.
        using var verifier = NoteKey.Parse(key.VerifierKey);
        Assert.False(verifier.CanSign);
        Assert.True((await VerifyAsync(database, verifier)).Intact);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EditedEntry_IsNamed(string provider)
    {
        await using var trail = await TrailWithCheckpointAsync(provider);
        var (database, key) = trail;
        await using (var db = database.Open())
        {
            await AuditGuards.DropAsync(db);
            var victim = await db.AuditEntries.SingleAsync(a => a.Sequence == 3);
            victim.Details = "nothing happened here";
            await db.SaveChangesAsync();
        }
        var r = await VerifyAsync(database, key);
        var first = r.Problems[0];
        Assert.Equal((AuditProblem.EditedEntry, 3L), (first.Kind, first.Entry));
        Assert.Contains("entry 3", first.Message, StringComparison.Ordinal);
        Assert.Contains(r.Problems, p => p.Kind == AuditProblem.Rewritten);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DeletedEntry_IsNamed(string provider)
    {
        await using var trail = await TrailWithCheckpointAsync(provider);
        var (database, key) = trail;
        await using (var db = database.Open())
        {
            await AuditGuards.DropAsync(db);
            await db.AuditEntries.Where(a => a.Sequence == 2).ExecuteDeleteAsync();
        }
        var r = await VerifyAsync(database, key);
        Assert.Contains(r.Problems, p => p.Kind == AuditProblem.MissingEntry && p.Entry == 2 && p.Message.Contains("entries 2–2 are missing", StringComparison.Ordinal));
        Assert.Contains(r.Problems, p => p.Kind == AuditProblem.EditedEntry && p.Entry == 3);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DeletedNewestEntry_IsADeletedTail(string provider)
    {
        await using var trail = await TrailWithCheckpointAsync(provider);
        var (database, key) = trail;
        long newest;
        await using (var db = database.Open())
        {
            await AuditGuards.DropAsync(db);
            newest = await db.AuditEntries.MaxAsync(a => a.Sequence);
            await db.AuditEntries.Where(a => a.Sequence == newest).ExecuteDeleteAsync();
        }
        // The chain alone sees nothing wrong: the rest of it is intact.
        await using (var db = database.Open()) Assert.Null(await AuditTrail.VerifyAsync(db, default));
        var r = await VerifyAsync(database, key);
        var tail = Assert.Single(r.Problems);
        Assert.Equal((AuditProblem.DeletedTail, newest), (tail.Kind, tail.Entry));
        Assert.Contains($"covers {newest} entries but the trail holds {newest - 1}", tail.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RechainedTrail_PassesTheChain_ButNotTheCheckpoint(string provider)
    {
        await using var trail = await TrailWithCheckpointAsync(provider);
        var (database, key) = trail;
        await using (var db = database.Open())
            await RechainAsync(db, 2, tail => tail.Skip(2).ToList());
        await using (var db = database.Open()) Assert.Null(await AuditTrail.VerifyAsync(db, default));
        var r = await VerifyAsync(database, key);
        Assert.False(r.Intact);
        Assert.DoesNotContain(r.Problems, p => p.Kind is AuditProblem.EditedEntry or AuditProblem.MissingEntry);
        Assert.Contains(r.Problems, p => p.Kind == AuditProblem.DeletedTail);
        Assert.Null(r.CheckedUpTo);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CheckpointSignedByAnotherKey_IsRefused(string provider)
    {
        await using var trail = await TrailWithCheckpointAsync(provider);
        var (database, key) = trail;
        using var other = NoteKey.Create("concord.test/audit");
        await using (var db = database.Open())
            await AuditCheckpoints.WriteAsync(db, Operator, other, default);
        var r = await VerifyAsync(database, key);
        var bad = Assert.Single(r.Problems);
        Assert.Equal(AuditProblem.BadSignature, bad.Kind);
        Assert.Contains("checkpoint 2: not signed by this node's key", bad.Message, StringComparison.Ordinal);

        // The node's own key name and ID with a damaged signature.
        string own;
        await using (var db = database.Open()) own = (await db.AuditCheckpoints.OrderBy(c => c.TreeSize).FirstAsync()).Note;
        var at = own.LastIndexOf(' ') + 20;
        var damaged = own[..at] + (own[at] == 'A' ? 'B' : 'A') + own[(at + 1)..];
        var r2 = await VerifyAsync(database, key, damaged);
        Assert.Contains(r2.Problems, p => p.Kind == AuditProblem.BadSignature && p.Message == "checkpoint 1 handed in: the signature does not verify with this node's key");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TwoCheckpointsOfDifferentHistories_AreAFork_EvenWhenTheNodeDropsTheOld_OneAPartnerKept(string provider)
    {
        await using var trail = await TrailWithCheckpointAsync(provider);
        var (database, key) = trail;
        string kept;
        await using (var db = database.Open())
        {
            kept = (await AuditCheckpoints.LatestAsync(db, default))!.Note;
            // Entry 2 rewritten and everything after it re-chained, then signed again with the node's own key.
            await RechainAsync(db, 2, tail =>
            {
                tail[0].Details = "a different story";
                return tail;
            });
            await db.AuditCheckpoints.ExecuteDeleteAsync();
            await AuditCheckpoints.WriteAsync(db, Operator, key, default);
        }
        // Alone, the node's trail and its one checkpoint agree.
        Assert.True((await VerifyAsync(database, key)).Intact);
        // With the checkpoint the partner kept, the rewrite shows.
        var r = await VerifyAsync(database, key, kept);
        Assert.Contains(r.Problems, p => p.Kind == AuditProblem.Rewritten && p.Message.StartsWith("checkpoint 1 handed in", StringComparison.Ordinal));
        var fork = Assert.Single(r.Problems, p => p.Kind == AuditProblem.Fork);
        Assert.Contains("not consistent", fork.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheDatabaseItself_RefusesToChangeOrDeleteRecentEntries(string provider)
    {
        await using var trail = await TrailWithCheckpointAsync(provider);
        var (database, key) = trail;
        await using var db = database.Open();
        await Assert.ThrowsAnyAsync<Exception>(() => db.AuditEntries.Where(a => a.Sequence == 1).ExecuteUpdateAsync(s => s.SetProperty(a => a.Details, "changed")));
        await Assert.ThrowsAnyAsync<Exception>(() => db.AuditEntries.Where(a => a.Sequence == 1).ExecuteDeleteAsync());
        await Assert.ThrowsAnyAsync<Exception>(() => db.AuditCheckpoints.ExecuteDeleteAsync());
        Assert.True((await VerifyAsync(database, key)).Intact);
    }
}
