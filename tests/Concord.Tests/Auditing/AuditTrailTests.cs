using Concord.Core.Auditing;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Auditing;

public sealed class AuditTrailTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Changes_AreAuditedInOrder_AndTheChainVerifies(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.Open())
            await Scenario.AgreementLeadOperationAsync(db);
        await using var check = database.Open();
        var actions = await check.AuditEntries.OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync();
        Assert.Contains("agreement.import", actions);
        Assert.Contains("lead.send", actions);
        Assert.Contains("operation.create", actions);
        Assert.Equal(Enumerable.Range(1, actions.Count).Select(i => (long)i), await check.AuditEntries.OrderBy(a => a.Sequence).Select(a => a.Sequence).ToListAsync());
        Assert.Null(await AuditTrail.VerifyAsync(check, default));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EditedEntry_BreaksTheChainFromThatEntry(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.Open())
            await Scenario.AgreementLeadOperationAsync(db);
        await using (var db = database.Open())
        {
            var victim = await db.AuditEntries.OrderBy(a => a.Sequence).Skip(2).FirstAsync();
            victim.Details = "nothing happened here";
            await db.SaveChangesAsync();
        }
        await using var check = database.Open();
        Assert.Equal(3, await AuditTrail.VerifyAsync(check, default));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RemovedEntry_IsDetected(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.Open())
            await Scenario.AgreementLeadOperationAsync(db);
        await using (var db = database.Open())
        {
            db.AuditEntries.Remove(await db.AuditEntries.OrderBy(a => a.Sequence).Skip(1).FirstAsync());
            await db.SaveChangesAsync();
        }
        await using var check = database.Open();
        Assert.NotNull(await AuditTrail.VerifyAsync(check, default));
    }
}
