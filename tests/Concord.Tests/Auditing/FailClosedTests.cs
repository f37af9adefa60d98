using System.Net;
using Concord.Core.Domain;
using Concord.Core.Features.Custody;
using System.Net.Http.Json;
using Concord.Core.Features.Operations;
using Concord.Core.Storage;
using Concord.Tests.Api;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Auditing;

/// <summary>No change without its audit entry: when the audit table will not take the entry, the change is not committed.</summary>
public sealed class FailClosedTests
{
    /// <summary>An audit store that refuses every write, as a full disk or a revoked grant would.</summary>
    private static Task RefuseAuditWritesAsync(ConcordDbContext db) => db.Database.IsNpgsql()
        ? db.Database.ExecuteSqlRawAsync("""
            CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit store refuses writes'; END $$;
            CREATE TRIGGER refuse_audit BEFORE INSERT ON "AuditEntries" FOR EACH ROW EXECUTE FUNCTION refuse_audit();
            """)
        : db.Database.ExecuteSqlRawAsync("""CREATE TRIGGER refuse_audit BEFORE INSERT ON "AuditEntries" BEGIN SELECT RAISE(ABORT, 'audit store refuses writes'); END;""");

    private static Task AllowAuditWritesAsync(ConcordDbContext db) =>
        db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql() ? """DROP TRIGGER refuse_audit ON "AuditEntries";""" : "DROP TRIGGER refuse_audit;");

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CustodyDecision_WithAnAuditStoreThatRefuses_CommitsNothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        string before;
        await using (var db = database.Open())
        {
            await Scenario.AgreementLeadOperationAsync(db);
            await ImportRoster.RunAsync(db, Scenario.Operator, Scenario.WriteTemp("roster.csv", Scenario.RosterLines(20)), Scenario.Operation, default);
            before = await Scenario.SnapshotAsync(db);
            await RefuseAuditWritesAsync(db);
        }
        await using (var db = database.Open())
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => DecideCustody.RunAsync(db, Scenario.Operator, Scenario.Operation, default));
        await using (var db = database.Open())
        {
            await AllowAuditWritesAsync(db);
            Assert.Equal(before, await Scenario.SnapshotAsync(db));
            Assert.Equal(20, await db.Persons.CountAsync(p => p.CustodyState == CustodyState.Undecided));
        }
    }

    [Fact]
    public async Task CustodyDecision_OverTheApi_Answers503ProblemDetails_AndCommitsNothing()
    {
        await using var f = await ApiFixture.CreateAsync();
        await ApiTestData.SendLeadAsync(f.Cn, ApiTestData.LeadCode, ApiFixture.Myanmar);
        await ApiFixture.JsonAsync(await f.Mm.PostAsJsonAsync("/api/v1/operations", new { code = ApiTestData.OperationCode, lead = ApiTestData.LeadCode }));
        await ApiFixture.JsonAsync(await f.Mm.PostAsync(new Uri($"/api/v1/operations/{ApiTestData.OperationCode}/roster", UriKind.Relative), ApiFixture.Csv(ApiTestData.SmallRoster)));
        string before;
        await using (var db = f.Open())
        {
            before = await Scenario.SnapshotAsync(db);
            await RefuseAuditWritesAsync(db);
        }

        var refused = await f.Mm.PostAsync(new Uri($"/api/v1/operations/{ApiTestData.OperationCode}/custody", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(30), refused.Headers.RetryAfter?.Delta);
        var problem = System.Text.Json.JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Not saved", problem.GetProperty("title").GetString());
        Assert.Contains("nothing was changed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        await using (var db = f.Open())
        {
            await AllowAuditWritesAsync(db);
            Assert.Equal(before, await Scenario.SnapshotAsync(db));
            Assert.False(await db.Persons.AnyAsync(p => p.CustodyState != CustodyState.Undecided));
        }
    }
}
