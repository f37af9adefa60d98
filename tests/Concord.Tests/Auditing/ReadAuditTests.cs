using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Operations;
using Concord.Core.Features.Reports;
using Concord.Tests.Api;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Auditing;

/// <summary>Reads of personal data are in the trail whichever door they come through; a report of another agency's operation is refused and audited.</summary>
public sealed class ReadAuditTests
{
    [Fact]
    public async Task ReviewList_AtTheTerminal_IsAudited()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        await using (var db = database.Open()) await Scenario.AgreementLeadOperationAsync(db);
        var cli = new ConcordCli(database.Value);
        await cli.OkAsync("roster", "import", Scenario.WriteTemp("roster.csv", Scenario.RosterLines(12)), "--operation", Scenario.Operation);
        await cli.OkAsync("review", "list", "--operation", Scenario.Operation, "--json");
        await using var check = database.Open();
        var read = await check.AuditEntries.SingleAsync(a => a.Action == "review.read");
        Assert.StartsWith("cli:", read.Actor, StringComparison.Ordinal);
        Assert.StartsWith(Scenario.Operation, read.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetHandover_OverTheApi_IsAudited()
    {
        await using var f = await ApiFixture.CreateAsync();
        await ApiTestData.SmallOperationAsync(f);
        var id = (await ApiTestData.PlanHandoverAsync(f)).GetProperty("summary").GetProperty("id").GetGuid();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await f.Cn.GetAsync(new Uri($"/api/v1/handovers/{id}", UriKind.Relative))).StatusCode);
        await using var db = f.Open();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "handover.read" && a.EntityId == id && a.Actor == "api:cn-test"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ReportOfAnotherAgencysOperation_IsNotFound_AndAudited(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        Guid thailand;
        await using (var db = database.Open())
        {
            await Scenario.AgreementLeadOperationAsync(db);
            var th = new Agency { Code = "TH-RTP", Name = "Royal Thai Police", Country = "THA" };
            db.Agencies.Add(th);
            await db.SaveChangesAsync();
            thailand = th.Id;
        }
        var outsider = new Actor("api:th-test", thailand);
        await using (var db = database.Open())
        {
            var refused = await Assert.ThrowsAsync<ConcordException>(() => OperationReport.BuildAsync(db, outsider, Scenario.Operation, db.ReadsIn(), default));
            Assert.IsType<NotFoundError>(refused.Error);
            // An operation that does not exist is refused the same way, and there is nothing to audit.
            await Assert.ThrowsAsync<ConcordException>(() => OperationReport.BuildAsync(db, outsider, "NO-SUCH-OP", db.ReadsIn(), default));
        }
        await using var check = database.Open();
        var denied = await check.AuditEntries.SingleAsync(a => a.Action == "access.denied" && a.Actor == "api:th-test");
        Assert.Equal((AuditOutcome.Denied, $"report of {Scenario.Operation}"), (denied.Outcome, denied.Details));
    }
}
