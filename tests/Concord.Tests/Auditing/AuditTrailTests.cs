using Concord.Core.Auditing;
using Concord.Core.Domain;
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
        Assert.DoesNotContain("lead.import", actions);
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
            await AuditGuards.DropAsync(db);
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
            await AuditGuards.DropAsync(db);
            db.AuditEntries.Remove(await db.AuditEntries.OrderBy(a => a.Sequence).Skip(1).FirstAsync());
            await db.SaveChangesAsync();
        }
        await using var check = database.Open();
        Assert.NotNull(await AuditTrail.VerifyAsync(check, default));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Entries_KeepTheSourceAndOutcome_AndStillVerify(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var caller = new Actor("api:mm-test", null) { Source = "203.0.113.7" };
        await using (var db = database.Open())
        {
            await Scenario.AgreementLeadOperationAsync(db);
            db.Record(caller, "lead.read", "Lead", Guid.CreateVersion7());
            db.Record(caller, "access.denied", "Lead", Guid.CreateVersion7());
            await db.SaveChangesAsync();
        }
        await using var check = database.Open();
        var written = await check.AuditEntries.Where(a => a.Actor == "api:mm-test").OrderBy(a => a.Sequence).ToListAsync();
        Assert.Equal([("203.0.113.7", AuditOutcome.Done), ("203.0.113.7", AuditOutcome.Denied)], written.Select(a => (a.Source, a.Outcome)));
        Assert.All(await check.AuditEntries.Where(a => a.Actor != "api:mm-test").ToListAsync(), a => Assert.Equal((null, AuditOutcome.Done), (a.Source, a.Outcome)));
        Assert.Null(await AuditTrail.VerifyAsync(check, default));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task NodeLevelEntries_BelongToTheNode_AndItsAuditorReadsThem(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.Open())
        {
            // The terminal's operator and a caller with no key act for no agency: their entries are the node's.
            await Scenario.AgreementLeadOperationAsync(db);
            db.Record(new Actor("source:198.51.100.4", null) { Source = "198.51.100.4" }, "auth.refused");
            await db.SaveChangesAsync();
        }
        await using var check = database.Open();
        Assert.False(await check.AuditEntries.AnyAsync(a => a.AgencyId == null));
        var nodeEntries = await check.AuditEntries.CountAsync(a => a.AgencyId == Agency.NodeId);
        Assert.Equal(await check.AuditEntries.CountAsync(), nodeEntries);

        // The node's auditor reads them; a force's auditor does not.
        var nodeAuditor = new Actor("user:node.auditor", Agency.NodeId) { Roles = new HashSet<string> { Roles.Auditor } };
        var page = await AuditViews.PageAsync(check, nodeAuditor, null, null, 0, 500, default);
        Assert.Equal(nodeEntries, page.Count);
        var mm = await check.Agencies.Where(a => a.Code == "MM-MPF").Select(a => a.Id).SingleAsync();
        Assert.Empty(await AuditViews.PageAsync(check, new Actor("user:mm.auditor", mm), "lead.", null, 0, 500, default));
        Assert.Null(await AuditTrail.VerifyAsync(check, default));

        // The node is no force: nothing is sent to it.
        var refused = await Assert.ThrowsAsync<Concord.Core.ConcordException>(() => Concord.Core.Features.Agencies.GetAsync(check, Agency.NodeCode, "to", default));
        Assert.IsType<Concord.Core.InvalidRequestError>(refused.Error);
    }
}

