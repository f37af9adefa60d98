using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Agreements;
using Concord.Core.Features.Assignment;
using Concord.Core.Features.Custody;
using Concord.Core.Features.Handover;
using Concord.Core.Features.Leads;
using Concord.Core.Features.Intake;
using Concord.Core.Features.Operations;
using Concord.Core.Features.Persons;
using Concord.Core.Features.Reports;
using Concord.Core.Features.Review;
using Concord.Core.Features.Wanted;
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

    /// <summary>
    /// The reads (lists, a person, the review queue, reports, manifests) and the imports check roles in Core as the changes
    /// do: refused, audited, nothing written. A correction matches its person again under the correction's roles, and
    /// the dashboard a user of any role lands on leaves out the operation report their roles do not take.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reads_and_imports_check_roles_in_Core_too(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        Guid mm, cn, person;
        await using (var db = database.Open())
        {
            await Scenario.AgreementLeadOperationAsync(db);
            await ImportRoster.RunAsync(db, Scenario.Operator, Scenario.WriteTemp("roster.csv", Scenario.RosterLines(20)), Scenario.Operation, default);
            mm = await AgencyAsync(db, "MM-MPF");
            cn = await AgencyAsync(db, "CN-MPS");
            person = await db.Persons.Select(p => p.Id).FirstAsync();
        }
        var before = await SnapshotAsync(database);
        var roster = Scenario.WriteTemp("roster.csv", Scenario.RosterLines(25));
        var refused = new List<(string Step, Func<ConcordDbContext, Task> Call)>
        {
            ("roster import", db => ImportRoster.RunAsync(db, As(mm, Roles.Reviewer), roster, Scenario.Operation, default)),
            ("wanted import", db => ImportWantedList.RunAsync(db, As(cn, Roles.Clerk), Repo.Muse("wanted.csv"), "CN-MPS", default)),
            ("operation create", db => CreateOperation.RunAsync(db, As(mm, Roles.Clerk), "OP-ROLES", Scenario.Lead, "MM-MPF", default)),
            ("match", db => MatchOperation.RunAsync(db, As(mm, Roles.Clerk, Roles.Reviewer), Scenario.Operation, null, default)),
            ("roster correction", db => CorrectRoster.RunAsync(db, As(mm, Roles.PortOfficer), Scenario.Operation, "MUSE-0001", new CorrectRoster.Correction(null, "M", null, null, "walk"), default)),
            ("lead list", db => LeadViews.ListAsync(db, As(mm, Roles.Clerk), default)),
            ("operation list", db => OperationViews.ListAsync(db, As(mm, Roles.PortOfficer), default)),
            ("review list", db => ReviewQueue.TasksAsync(db, As(mm, Roles.Clerk), Scenario.Operation, true, default)),
            ("person read", db => PersonViews.GetAsync(db, As(mm, Roles.Auditor), person, db.ReadsIn(), default)),
            ("operation report", db => OperationReport.BuildAsync(db, As(mm, Roles.Admin), Scenario.Operation, db.ReadsIn(), default)),
            ("cumulative report", db => CumulativeReport.BuildAsync(db, As(cn, Roles.Admin), db.ReadsIn(), default)),
            ("handover list", db => HandoverViews.ListAsync(db, As(mm, Roles.Clerk), default)),
            ("assignment board", db => AssignmentBoard.BuildAsync(db, As(cn, Roles.Commander), default)),
            ("agreement list", db => AgreementViews.ListAsync(db, As(mm, Roles.Reviewer), default)),
        };
        foreach (var (step, call) in refused)
        {
            await using var db = database.Open();
            var e = await Assert.ThrowsAsync<ConcordException>(() => call(db));
            Assert.True(e.Error is ForbiddenError, $"{step}: {e.Error}");
        }
        Assert.Equal(before, await SnapshotAsync(database));
        await using (var db = database.Open())
        {
            var denied = await db.AuditEntries.Where(a => a.Action == "access.denied").OrderBy(a => a.Sequence).Select(a => a.Details!).ToListAsync();
            Assert.Equal(refused.Select(r => r.Step), denied.Select(d => d[..d.IndexOf(" needs one of ", StringComparison.Ordinal)]));
        }

        await using (var db = database.Open())
        {
            // A clerk corrects a row: the person is matched again, though matching the operation is the commander's.
            var corrected = await CorrectRoster.RunAsync(db, As(mm, Roles.Clerk), Scenario.Operation, "MUSE-0001", new CorrectRoster.Correction(null, "M", null, null, "the field says male"), default);
            Assert.NotNull(corrected.Match);
            // An administrator's dashboard has the figures, not the operation's report; a coordinator's has both.
            var admin = As(cn, Roles.Admin);
            var view = await Dashboard.BuildAsync(db, admin, null, db.ReadsIn(), default);
            Assert.Contains(view.Operations, o => o.Code == Scenario.Operation);
            Assert.Null(await Dashboard.CurrentReportAsync(db, admin, view, null, db.ReadsIn(), default));
            Assert.NotNull(await Dashboard.CurrentReportAsync(db, As(cn, Roles.Coordinator), view, null, db.ReadsIn(), default));
        }
    }

    private static async Task<string> SnapshotAsync(TestDatabase database)
    {
        await using var db = database.Open();
        return await Scenario.SnapshotAsync(db) + ";" + string.Join(',', await db.Persons.AsNoTracking().OrderBy(p => p.Id).Select(p => p.CustodyState.ToString()).ToListAsync())
            + ";" + string.Join(',', await db.Leads.AsNoTracking().Select(l => l.Status.ToString()).ToListAsync());
    }
}
