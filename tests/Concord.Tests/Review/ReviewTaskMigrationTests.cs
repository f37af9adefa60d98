using Concord.Core.Domain;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Concord.Tests.Review;

/// <summary>A node upgraded with proposals in its queue finds them as tasks: one per person and kind, open while any of its proposals is.</summary>
public sealed class ReviewTaskMigrationTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ProposalsQueuedBeforeTasks_BecomeOneTaskPerPersonAndKind(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        Guid operation, agency, person = Guid.CreateVersion7(), other = Guid.CreateVersion7();
        await using (var db = database.Open())
        {
            await db.GetService<IMigrator>().MigrateAsync("ListRevisions");
            // The audit entries and operations the workflows write have gained columns since; they are lent to this older schema and taken
            // back before it is brought up to date, which adds them again.
            await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "AuditEntries" ADD "Outcome" varchar(32) NOT NULL DEFAULT 'Done'""");
            await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "AuditEntries" ADD "Source" varchar(64) NULL""");
            await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "Operations" ADD "Handling" varchar(32) NOT NULL DEFAULT 'H0'""");
            await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "Operations" ADD "TimeZone" varchar(64) NOT NULL DEFAULT 'UTC'""");
            await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "Operations" ADD "ReportedCounts" text NULL""");
            await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "Persons" ADD "SearchText" text NULL""");
            await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "Persons" ADD "RosterNo" text NULL""");
            await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "Agencies" ADD "Node" varchar(128) NULL""");
            // The tables the operation needs are the same before and after: the workflows write them (the agreement's table
            // changed since, and no agreement is needed to queue proposals: the two agencies are entered as they are).
            await Scenario.LeadOperationAsync(db);
            var op = await db.Operations.AsNoTracking().SingleAsync();
            (operation, agency) = (op.Id, op.AgencyId);
            // Raw parameters as each provider stores a Guid: SQLite as upper-case text.
            object G(Guid g) => provider == "sqlite" ? g.ToString().ToUpperInvariant() : g;
            async Task QueueAsync(Guid who, string list, string candidate, string status, int priority) =>
                await db.Database.ExecuteSqlRawAsync("""
                    INSERT INTO "ReviewItems" ("Id", "OperationId", "PersonId", "CandidateList", "CandidateId", "CandidateRef", "Score", "Priority", "Evidence", "Status", "DecidedBy", "AgencyId", "CreatedAt")
                    VALUES ({0}, {1}, {2}, {3}, {4}, {5}, 0.6, {6}, '[]', {7}, {8}, {9}, {10})
                    """, G(Guid.CreateVersion7()), G(operation), G(who), list, G(Guid.CreateVersion7()), candidate, priority, status, "reviewer", G(agency), DateTime.UtcNow);
            await QueueAsync(person, "wanted", "W0000001", "Open", 1);
            await QueueAsync(person, "target", "T001", "Rejected", 0);
            await QueueAsync(person, "roster", "R-0002", "Confirmed", 4);
            await QueueAsync(other, "wanted", "W0000002", "Rejected", 1);
            await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "AuditEntries" DROP COLUMN "Outcome" """);
            await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "AuditEntries" DROP COLUMN "Source" """);
            await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "Operations" DROP COLUMN "Handling" """);
            await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "Operations" DROP COLUMN "TimeZone" """);
            await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "Operations" DROP COLUMN "ReportedCounts" """);
            await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "Persons" DROP COLUMN "SearchText" """);
            await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "Persons" DROP COLUMN "RosterNo" """);
            await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "Agencies" DROP COLUMN "Node" """);
        }
        await Core.Storage.Database.MigrateAsync(database.Target, default);

        await using var check = database.Open();
        var tasks = await check.ReviewTasks.AsNoTracking().Include(t => t.Items).ToListAsync();
        Assert.Equal(3, tasks.Count);
        Assert.All(tasks, t => Assert.Equal((operation, agency), (t.OperationId, t.AgencyId)));
        var identity = tasks.Single(t => t.PersonId == person && t.Kind == ReviewTaskKind.Identity);
        Assert.Equal((ReviewTaskStatus.Open, 0, 2), (identity.Status, identity.Priority, identity.Items.Count));
        var duplicate = tasks.Single(t => t.PersonId == person && t.Kind == ReviewTaskKind.Duplicate);
        Assert.Equal((ReviewTaskStatus.Decided, "confirmed", "R-0002"), (duplicate.Status, duplicate.Outcome, duplicate.Items.Single().CandidateRef));
        var decided = tasks.Single(t => t.PersonId == other);
        Assert.Equal((ReviewTaskStatus.Decided, "rejected", "reviewer"), (decided.Status, decided.Outcome, decided.DecidedBy));
        Assert.Equal(0, await check.ReviewItems.CountAsync(i => !check.ReviewTasks.Any(t => t.Id == i.TaskId)));
        // The operation started before handling codes were carried takes its lead's.
        Assert.Equal(Handling.H3, (await check.Operations.AsNoTracking().SingleAsync()).Handling);
    }
}
