using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Api;

/// <summary>An agency sees its own records and what was shared with it; anything else does not exist for it, and the attempt is audited.</summary>
public sealed class ApiAccessTests
{
    // By id: ids are globally unique, and the workflows name entity types in more than one way.
    private static async Task AssertDeniedAuditedAsync(ApiFixture f, Guid id, string actor)
    {
        await using var db = f.Open();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "access.denied" && a.EntityId == id && a.Actor == actor),
            $"no access.denied entry for {id} by {actor}");
    }

    [Fact]
    public async Task GetLead_OtherAgencyUnshared_Returns404AndAudits()
    {
        await using var f = await ApiFixture.CreateAsync();
        var th = await ApiTestData.ThailandAsync(f);
        var lead = await ApiTestData.SendLeadAsync(f.Cn, ApiTestData.LeadCode, ApiFixture.Myanmar);

        var denied = await th.GetAsync(new Uri($"/api/v1/leads/{lead}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, denied.StatusCode);
        Assert.Equal("application/problem+json", denied.Content.Headers.ContentType?.MediaType);
        await AssertDeniedAuditedAsync(f, lead, "api:th-test");

        var list = await ApiFixture.JsonAsync(await th.GetAsync(new Uri("/api/v1/leads", UriKind.Relative)));
        Assert.Equal(0, list.GetArrayLength());
        var receiver = await ApiFixture.JsonAsync(await f.Mm.GetAsync(new Uri($"/api/v1/leads/{lead}", UriKind.Relative)));
        Assert.Equal("CN-MPS", receiver.GetProperty("lead").GetProperty("from").GetString());
        Assert.True(receiver.GetProperty("targets").GetArrayLength() > 0);
    }

    [Fact]
    public async Task AcknowledgeLead_BySender_Returns409_ByReceiver_Acknowledges()
    {
        await using var f = await ApiFixture.CreateAsync();
        var lead = await ApiTestData.SendLeadAsync(f.Cn, ApiTestData.LeadCode, ApiFixture.Myanmar);

        var bySender = await f.Cn.PostAsync(new Uri($"/api/v1/leads/{lead}/acknowledge", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Conflict, bySender.StatusCode);
        var acknowledged = await ApiFixture.JsonAsync(await f.Mm.PostAsync(new Uri($"/api/v1/leads/{lead}/acknowledge", UriKind.Relative), null));
        Assert.Equal("acknowledged", acknowledged.GetProperty("status").GetString());
    }

    [Fact]
    public async Task GetPerson_OtherAgency_Returns404AndAudits()
    {
        await using var f = await ApiFixture.CreateAsync();
        var th = await ApiTestData.ThailandAsync(f);
        await ApiTestData.SmallOperationAsync(f);
        Guid person;
        await using (var db = f.Open())
            person = await db.RosterRecords.Where(r => r.RosterNo == "T-0001").Select(r => r.PersonId).SingleAsync();

        var denied = await th.GetAsync(new Uri($"/api/v1/persons/{person}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, denied.StatusCode);
        await AssertDeniedAuditedAsync(f, person, "api:th-test");

        // The agency due to take custody sees the person; the read itself is audited.
        var seen = await ApiFixture.JsonAsync(await f.Cn.GetAsync(new Uri($"/api/v1/persons/{person}", UriKind.Relative)));
        Assert.Equal("CN-MPS", seen.GetProperty("custody_to").GetString());
        Assert.Equal("T-0001", seen.GetProperty("roster")[0].GetProperty("roster_no").GetString());
        await using (var db = f.Open())
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "person.read" && a.EntityId == person && a.Actor == "api:cn-test"));
    }

    [Fact]
    public async Task GetHandover_OtherAgency_Returns404AndAudits()
    {
        await using var f = await ApiFixture.CreateAsync();
        var th = await ApiTestData.ThailandAsync(f);
        await ApiTestData.SmallOperationAsync(f);
        var handover = (await ApiTestData.PlanHandoverAsync(f)).GetProperty("summary").GetProperty("id").GetGuid();

        var denied = await th.GetAsync(new Uri($"/api/v1/handovers/{handover}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, denied.StatusCode);
        await AssertDeniedAuditedAsync(f, handover, "api:th-test");

        var receiver = await ApiFixture.JsonAsync(await f.Cn.GetAsync(new Uri($"/api/v1/handovers/{handover}", UriKind.Relative)));
        Assert.Equal(1, receiver.GetProperty("summary").GetProperty("persons").GetInt32());
    }

    [Fact]
    public async Task GetOperation_LeadSender_Sees_OtherAgency_Returns404AndAudits()
    {
        await using var f = await ApiFixture.CreateAsync();
        var th = await ApiTestData.ThailandAsync(f);
        await ApiTestData.SmallOperationAsync(f);

        var seen = await ApiFixture.JsonAsync(await f.Cn.GetAsync(new Uri($"/api/v1/operations/{ApiTestData.OperationCode}", UriKind.Relative)));
        Assert.Equal("MM-MPF", seen.GetProperty("agency").GetString());
        var denied = await th.GetAsync(new Uri($"/api/v1/operations/{ApiTestData.OperationCode}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, denied.StatusCode);
        var id = seen.GetProperty("id").GetGuid();
        await AssertDeniedAuditedAsync(f, id, "api:th-test");
    }
}
