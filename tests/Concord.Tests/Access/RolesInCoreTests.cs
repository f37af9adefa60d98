using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Custody;
using Concord.Core.Features.Handover;
using Concord.Core.Features.Leads;
using Concord.Core.Features.Operations;
using Concord.Core.Storage;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Access;

/// <summary>
/// The Core functions that change custody, handovers, assignments, reviews, leads and consents check the caller's roles
/// against the one role table themselves, whichever door the call came through: a role the step does not take is
/// refused, audited, and nothing changes.
/// </summary>
public sealed class RolesInCoreTests
{
    private static async Task<Guid> AgencyAsync(ConcordDbContext db, string code) => await db.Agencies.Where(a => a.Code == code).Select(a => a.Id).SingleAsync();

    private static Actor As(Guid agency, params string[] roles) => new($"user:{string.Join('+', roles)}", agency) { Roles = roles.ToHashSet(StringComparer.Ordinal) };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_role_the_step_does_not_take_is_refused_in_Core_audited_and_nothing_changes(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        Guid mm, lead;
        await using (var db = database.Open())
        {
            await Scenario.AgreementLeadOperationAsync(db);
            await ImportRoster.RunAsync(db, Scenario.Operator, Scenario.WriteTemp("roster.csv", Scenario.RosterLines(20)), Scenario.Operation, default);
            mm = await AgencyAsync(db, "MM-MPF");
            lead = await db.Leads.Select(l => l.Id).SingleAsync();
        }
        var before = await SnapshotAsync(database);

        await using (var db = database.Open())
        {
            // A clerk of the arresting agency sorts no one; a coordinator of the receiving one acknowledges no lead.
            var custody = await Assert.ThrowsAsync<ConcordException>(() => DecideCustody.RunAsync(db, As(mm, Roles.Clerk), Scenario.Operation, default));
            var needs = Assert.IsType<ForbiddenError>(custody.Error);
            Assert.Equal((RoleTable.Custody, ErrorTexts.RoleNeeded), (needs.Needs, needs.Phrase?.Template));
            await Assert.ThrowsAsync<ConcordException>(() => AcknowledgeLead.RunAsync(db, As(mm, Roles.Coordinator, Roles.Clerk), lead, default));
            await Assert.ThrowsAsync<ConcordException>(() => Handovers.PlanAsync(db, As(mm, Roles.PortOfficer), Scenario.Operation, "CN-MPS", "Ruili", new DateOnly(2024, 3, 31), default));
        }
        Assert.Equal(before, await SnapshotAsync(database));
        await using (var db = database.Open())
        {
            var denied = await db.AuditEntries.Where(a => a.Action == "access.denied").OrderBy(a => a.Sequence).ToListAsync();
            Assert.Equal(["custody.decide needs one of commander", $"lead.acknowledge needs one of {RoleTable.AcknowledgeLeads}", $"handover.plan needs one of {RoleTable.PlanHandovers}"],
                denied.Select(a => a.Details));
            Assert.All(denied, a => Assert.Equal((mm, AuditOutcome.Denied), (a.AgencyId!.Value, a.Outcome)));
        }

        // The roles the table names go through, the same calls.
        await using (var db = database.Open())
        {
            await DecideCustody.RunAsync(db, As(mm, Roles.Commander), Scenario.Operation, default);
            await AcknowledgeLead.RunAsync(db, As(mm, Roles.Commander), lead, default);
            await Handovers.PlanAsync(db, As(mm, Roles.Commander), Scenario.Operation, "CN-MPS", "Ruili", new DateOnly(2024, 3, 31), default);
        }
        Assert.NotEqual(before, await SnapshotAsync(database));
    }

    private static async Task<string> SnapshotAsync(TestDatabase database)
    {
        await using var db = database.Open();
        return await Scenario.SnapshotAsync(db) + ";" + string.Join(',', await db.Persons.AsNoTracking().OrderBy(p => p.Id).Select(p => p.CustodyState.ToString()).ToListAsync())
            + ";" + string.Join(',', await db.Leads.AsNoTracking().Select(l => l.Status.ToString()).ToListAsync());
    }
}
