using Concord.Core.Auditing;
using Concord.Core.Storage;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Auditing;

public sealed class AuditQueueTests
{
    private sealed class Factory(DatabaseTarget target) : IDbContextFactory<ConcordDbContext>
    {
        public ConcordDbContext CreateDbContext() => Database.Open(target);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ReadsAtOnce_AreAllCommittedBeforeTheirCallersGoOn_InFewerSaves_AndTheChainVerifies(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.Open())
            await Scenario.AgreementLeadOperationAsync(db);
        var queue = new AuditQueue(new Factory(database.Target));
        var reader = Actor.Operator("test");
        var ids = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToList();

        // Changes keep committing with their own entries while the reads queue up: both share one chain.
        var changes = Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                await using var db = database.Open();
                db.Record(reader, "test.change", details: $"change {i}");
                await db.SaveChangesAsync();
            }
        });
        // Two hundred officers open a page in the same moment: each waits for its own entry.
        var reads = ids.Select(id => (id, committed: queue.RecordAsync(reader, "page.read", "Person", id, "review"))).ToList();
        await Task.WhenAll(reads.Select(async r =>
        {
            await r.committed;
            // Once the call returns, the entry is in the database for anyone to read.
            await using var db = database.Open();
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "page.read" && a.EntityId == r.id));
        }).Append(changes));

        Assert.InRange(queue.Batches, 1, ids.Count - 1);
        await queue.DisposeAsync();
        await using var check = database.Open();
        var written = await check.AuditEntries.Where(a => a.Action == "page.read").Select(a => a.EntityId).ToListAsync();
        Assert.Equal(ids.Order(), written.OfType<Guid>().Order());
        Assert.Equal(5, await check.AuditEntries.CountAsync(a => a.Action == "test.change"));
        var sequences = await check.AuditEntries.OrderBy(a => a.Sequence).Select(a => a.Sequence).ToListAsync();
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
        Assert.Null(await AuditTrail.VerifyAsync(check, default));
    }

    [Fact]
    public async Task ReadAfterShutdown_IsRefused_NotLost()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        var queue = new AuditQueue(new Factory(database.Target));
        await queue.RecordAsync(Actor.Operator("test"), "page.read", "Person", Guid.NewGuid());
        await queue.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => queue.RecordAsync(Actor.Operator("test"), "page.read", "Person", Guid.NewGuid()));
        await using var check = database.Open();
        Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.Action == "page.read"));
    }
}
