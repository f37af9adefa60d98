using System.Net;
using System.Net.Http.Json;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.ApiKeys;
using Concord.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Tests.Api;

/// <summary>An API key acts in the roles it was given, by the same role table as the pages; keys are listed, expire and are revoked.</summary>
public sealed class ApiRoleTests
{
    [Fact]
    public async Task EveryApiRoute_IsInTheRoleTable_AndTheTableNamesNoOtherRoute()
    {
        await using var f = await ApiFixture.CreateAsync();
        var names = f.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? $"(unnamed) {e.RoutePattern.RawText}")
            .ToHashSet(StringComparer.Ordinal);
        Assert.Empty(names.Except(RoleTable.Api.Keys));
        Assert.Empty(RoleTable.Api.Keys.Except(names));
        Assert.All(RoleTable.Api.Values.SelectMany(RoleTable.Split), r => Assert.Contains(r, Roles.All));
    }

    [Fact]
    public async Task AKeyWithoutTheRole_Gets403_Audited_AndNothingChanges()
    {
        await using var f = await ApiFixture.CreateAsync();
        await ApiTestData.SendLeadAsync(f.Cn, ApiTestData.LeadCode, ApiFixture.Myanmar);
        await ApiFixture.JsonAsync(await f.Mm.PostAsJsonAsync("/api/v1/operations", new { code = ApiTestData.OperationCode, lead = ApiTestData.LeadCode }));
        await ApiFixture.JsonAsync(await f.Mm.PostAsync(new Uri($"/api/v1/operations/{ApiTestData.OperationCode}/roster", UriKind.Relative), ApiFixture.Csv(ApiTestData.SmallRoster)));
        var clerk = await f.ClientForAsync(ApiFixture.Myanmar, "mm-clerk-system", Roles.Clerk);

        var refused = await clerk.PostAsync(new Uri($"/api/v1/operations/{ApiTestData.OperationCode}/custody", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("commander", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // What the role allows still works: the clerk's key reads the operation.
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync(new Uri($"/api/v1/operations/{ApiTestData.OperationCode}", UriKind.Relative))).StatusCode);
        await using var db = f.Open();
        Assert.False(await db.Persons.AnyAsync(p => p.CustodyState != CustodyState.Undecided));
        var denied = await db.AuditEntries.SingleAsync(a => a.Action == "access.denied" && a.Actor == "api:mm-clerk-system");
        Assert.Equal(AuditOutcome.Denied, denied.Outcome);
        Assert.Contains("DecideCustody needs one of commander", denied.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_AreListedWithoutSecrets_ExpireAndAreRevoked_OnlyByTheirAgency()
    {
        await using var f = await ApiFixture.CreateAsync();
        var operatorActor = Actor.Operator("test");
        Guid gate, other;
        string secret, otherSecret;
        await using (var db = f.Open())
        {
            (var key, secret) = await ApiKeys.CreateAsync(db, operatorActor, ApiFixture.China, "ruili-gate", default, [Roles.PortOfficer], "Ruili gate system", DateTime.UtcNow.AddDays(30));
            gate = key.Id;
            (var mm, otherSecret) = await ApiKeys.CreateAsync(db, operatorActor, ApiFixture.Myanmar, "mm-system", default, [Roles.Clerk], "MPF HQ");
            other = mm.Id;
            await Assert.ThrowsAsync<Concord.Core.ConcordException>(() => ApiKeys.CreateAsync(db, operatorActor, ApiFixture.China, "admin-key", default, [Roles.Admin], "x"));
            await Assert.ThrowsAsync<Concord.Core.ConcordException>(() => ApiKeys.CreateAsync(db, operatorActor, ApiFixture.China, "old", default, [Roles.Clerk], "x", DateTime.UtcNow.AddDays(-1)));
        }
        var cnActor = new Actor("user:cn.admin", (await AgencyIdAsync(f, ApiFixture.China))) { Roles = new HashSet<string> { Roles.Admin } };
        await using (var db = f.Open())
        {
            var listed = await ApiKeys.ListAsync(db, cnActor, default);
            Assert.DoesNotContain(listed, k => k.Id == other);
            var view = Assert.Single(listed, k => k.Id == gate);
            Assert.Equal("Ruili gate system", view.Owner);
            Assert.Equal([Roles.PortOfficer], view.Roles);
            // Another agency's key is not there for it.
            await Assert.ThrowsAsync<Concord.Core.ConcordException>(() => ApiKeys.RevokeAsync(db, cnActor, other, default));
        }

        var gateClient = f.ClientWithSecret(secret);
        Assert.Equal(HttpStatusCode.OK, (await gateClient.GetAsync(new Uri("/api/v1/reports/cumulative", UriKind.Relative))).StatusCode);
        await using (var db = f.Open()) await ApiKeys.RevokeAsync(db, cnActor, gate, default);
        // A key read is kept for a second: the revocation takes effect within it.
        await Task.Delay(TimeSpan.FromMilliseconds(1200));
        Assert.Equal(HttpStatusCode.Unauthorized, (await gateClient.GetAsync(new Uri("/api/v1/reports/cumulative", UriKind.Relative))).StatusCode);

        // A key past its expiry is refused like a revoked one.
        await using (var db = f.Open())
        {
            var expiring = await db.ApiKeys.SingleAsync(k => k.Id == other);
            expiring.ExpiresAt = DateTime.UtcNow.AddSeconds(-1);
            await db.SaveChangesAsync();
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "apikey.revoke" && a.EntityId == gate));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await f.ClientWithSecret(otherSecret).GetAsync(new Uri("/api/v1/reports/cumulative", UriKind.Relative))).StatusCode);
    }

    private static async Task<Guid> AgencyIdAsync(ApiFixture f, string code)
    {
        await using var db = f.Open();
        return await db.Agencies.Where(a => a.Code == code).Select(a => a.Id).SingleAsync();
    }
}
