using Concord.Core;
using Concord.Core.Domain;
using Concord.Core.Features.Intake;
using Concord.Core.Features.Operations;
using Concord.Core.Features.Review;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Review;

/// <summary>The queue holds one task per arrested person, their candidates ranked; a person with nothing but a name and many namesakes is one task to identify.</summary>
public sealed class ReviewTaskTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Matching_RaisesOneTaskPerPerson_CandidatesRanked_DuplicatesApart(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        await ReviewScenario.SeedAsync(db);

        var tasks = await ReviewQueue.TasksAsync(db, Scenario.Operator, Scenario.Operation, openOnly: true, default);
        // Every open task is one person's, and a person has at most one of each kind.
        Assert.Equal(tasks.Count, tasks.Select(t => (string.Join('+', t.RosterNos), t.Kind == "duplicate")).Distinct().Count());

        var two = Assert.Single(tasks, t => t.RosterNos.Contains(ReviewScenario.TwoCandidates));
        Assert.Equal("identity", two.Kind);
        Assert.Equal(["W-SM-1", "W-SM-2"], two.Candidates.Select(c => c.Candidate.Id).Order(StringComparer.Ordinal));
        Assert.True(two.Candidates.Zip(two.Candidates.Skip(1)).All(p => p.First.Score >= p.Second.Score), "candidates best first");
        Assert.All(two.Candidates, c => Assert.Equal(two.Id, c.TaskId));
        Assert.Equal(1, two.Priority);
        // Both candidates have a full birth date where the roster has a year: that is what would settle it.
        Assert.Contains(two.Settle, s => s is { Field: "birth_date", State: "partial" });
        Assert.Contains(two.Settle, s => s is { Field: "document", State: "missing" });

        var year = Assert.Single(tasks, t => t.RosterNos.Contains(ReviewScenario.YearOnly) && t.Kind != "duplicate");
        Assert.Equal("identity", year.Kind);
        Assert.Equal("W-OY-2", Assert.Single(year.Candidates).Candidate.Id);

        var duplicate = Assert.Single(tasks, t => t.RosterNos.Contains(ReviewScenario.Written));
        Assert.Equal("duplicate", duplicate.Kind);
        Assert.Equal(ReviewScenario.WrittenAgain, Assert.Single(duplicate.Candidates).Candidate.Id);
        Assert.Equal(4, duplicate.Priority);

        // The records settle 诸葛亮: a link, no task.
        Assert.DoesNotContain(tasks, t => t.RosterNos.Contains(ReviewScenario.Settled));
        var settled = await ReviewScenario.PersonAsync(db, ReviewScenario.Settled);
        Assert.Equal("W-ZG-1", (await db.PersonLinks.SingleAsync(l => l.PersonId == settled)).CandidateRef);

        // Matching again raises nothing new: the candidates are on their tasks already.
        var again = await MatchOperation.RunAsync(db, Scenario.Operator, Scenario.Operation, null, default);
        Assert.Equal(0, again.Queued);
        Assert.Equal(tasks.Count, again.TasksOpen);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task NothingButAName_AgainstManyNamesakes_IsOneTaskToIdentify(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.Open())
        {
            await ReviewScenario.SeedAsync(db);
            var tasks = await ReviewQueue.TasksAsync(db, Scenario.Operator, Scenario.Operation, openOnly: true, default);
            var identify = Assert.Single(tasks, t => t.Kind == "needs-identification");
            Assert.Equal([ReviewScenario.NameOnly], identify.RosterNos);
            Assert.Equal(4, identify.Namesakes);
            var lists = Assert.Single(identify.NamesakeLists);
            Assert.Equal(("wanted", "CN-MPS", 4), (lists.List, lists.Agency, lists.Count));
            Assert.Equal(ReviewTasks.Collect, identify.Settle.Select(s => s.Field));
            Assert.All(identify.Settle, s => Assert.Equal("collect", s.State));
            // The namesakes stay on the task, so that nobody on the lists is lost from view.
            Assert.Equal(ReviewScenario.Namesakes.Select(n => n.Id).Order(StringComparer.Ordinal), identify.Candidates.Select(c => c.Candidate.Id).Order(StringComparer.Ordinal));
            var summary = await MatchOperation.RunAsync(db, Scenario.Operator, Scenario.Operation, null, default);
            Assert.Equal(1, summary.NeedsIdentification);
        }

        // Asked for more namesakes than there are, the same person is an ordinary task of four candidates.
        await using var strict = await TestDatabase.CreateAsync(provider);
        await using (var db = strict.Open())
        {
            await ReviewScenario.SeedAsync(db, MatchSettings.Parse(null, null, [], namesakes: 5));
            var task = await ReviewScenario.OpenTaskAsync(db, ReviewScenario.YearOnly);
            var nameOnly = await ReviewScenario.PersonAsync(db, ReviewScenario.NameOnly);
            var tasks = await db.ReviewTasks.Include(t => t.Items).Where(t => t.PersonId == nameOnly && t.Kind != ReviewTaskKind.Duplicate).ToListAsync();
            Assert.Equal(ReviewTaskKind.Identity, Assert.Single(tasks).Kind);
            Assert.Equal(4, tasks[0].Items.Count);
            Assert.Equal(ReviewTaskKind.Identity, task.Kind);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RosterCorrection_MatchesThePersonAgain_AndClosesTheTaskToIdentify(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.Open())
        {
            await ReviewScenario.SeedAsync(db);
            var before = await ReviewScenario.StateAsync(db);
            var bad = await Assert.ThrowsAsync<ConcordException>(() => CorrectRoster.RunAsync(db, Scenario.Operator, Scenario.Operation, ReviewScenario.NameOnly,
                new CorrectRoster.Correction("1990-13-45", null, null, null), default));
            Assert.Equal("birth_date", Assert.IsType<InvalidRequestError>(bad.Error).Field);
            Assert.Contains("1990-13-45", bad.Error.Message, StringComparison.Ordinal);
            var nothing = await Assert.ThrowsAsync<ConcordException>(() => CorrectRoster.RunAsync(db, Scenario.Operator, Scenario.Operation, ReviewScenario.NameOnly,
                new CorrectRoster.Correction(null, null, null, null), default));
            Assert.Equal(ErrorTexts.NothingToCorrect, nothing.Error.Phrase?.Template);
            Assert.Equal(before, await ReviewScenario.StateAsync(db));
        }

        // The interview gives a birth date: the person is that namesake, and the records settle it.
        var identify = Guid.Empty;
        await using (var db = database.Open())
        {
            identify = (await db.ReviewTasks.SingleAsync(t => t.Kind == ReviewTaskKind.NeedsIdentification)).Id;
            var result = await CorrectRoster.RunAsync(db, Scenario.Operator, Scenario.Operation, ReviewScenario.NameOnly,
                new CorrectRoster.Correction(ReviewScenario.Namesakes[2].Born, null, null, null, "interview at Muse station"), default);
            Assert.Equal(["birth_date: - -> " + ReviewScenario.Namesakes[2].Born], result.Changed);
            Assert.Equal(["wanted " + ReviewScenario.Namesakes[2].Id], result.Links);
            Assert.DoesNotContain(result.OpenTasks, t => t.StartsWith("needs-identification", StringComparison.Ordinal) || t.StartsWith("identity", StringComparison.Ordinal));
        }
        await using (var check = database.Open())
        {
            var closed = await check.ReviewTasks.Include(t => t.Items).SingleAsync(t => t.Id == identify);
            Assert.Equal((ReviewTaskStatus.Decided, "withdrawn"), (closed.Status, closed.Outcome));
            Assert.All(closed.Items, i => Assert.Equal(ReviewStatus.Withdrawn, i.Status));
            var row = await check.RosterRecords.SingleAsync(r => r.RosterNo == ReviewScenario.NameOnly);
            Assert.Equal(ReviewScenario.Namesakes[2].Born, row.BirthDate);
            Assert.True(await check.AuditEntries.AnyAsync(a => a.Action == "roster.correct" && a.EntityId == row.Id && a.Details!.Contains("interview at Muse station")));
            Assert.True(await check.AuditEntries.AnyAsync(a => a.Action == "review.task.withdraw" && a.EntityId == identify));
            // A decided task cannot be decided again.
            var refused = await Assert.ThrowsAsync<ConcordException>(() => ReviewDecisions.DecideOneAsync(check, Scenario.Operator, identify, "reject", null, "too late", default));
            Assert.Equal(ErrorTexts.TaskWithdrawn, Assert.IsType<ConflictError>(refused.Error).Phrase?.Template);
        }

        // A document found on the person settles another: the number is that of a namesake's ID card.
        await using (var db = database.Open())
        {
            var result = await CorrectRoster.RunAsync(db, Scenario.Operator, Scenario.Operation, ReviewScenario.YearOnly,
                new CorrectRoster.Correction(null, null, null, ReviewScenario.Namesakes[1].Ric), default);
            Assert.Contains("id_type: - -> CN-RIC", result.Changed);
            Assert.Contains("wanted " + ReviewScenario.Namesakes[1].Id, result.Links);
            Assert.DoesNotContain(result.OpenTasks, t => t.StartsWith("identity", StringComparison.Ordinal));
            Assert.True(await db.PersonIdentifiers.AnyAsync(i => i.PersonId == result.PersonId && i.Number == ReviewScenario.Namesakes[1].Ric && i.Source == "roster:" + ReviewScenario.YearOnly));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OneCandidateConfirmed_TheOthersOfItsTaskAreRejected_AsAnotherCandidateConfirmed(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        await ReviewScenario.SeedAsync(db);
        var task = await ReviewScenario.OpenTaskAsync(db, ReviewScenario.TwoCandidates);
        var pick = task.Items.Single(i => i.CandidateRef == "W-SM-2");

        // A candidate named by its own id, as the single-item decision always did.
        var outcome = await ReviewDecisions.DecideOneAsync(db, Scenario.Operator, pick.Id, "confirm", null, "photo matches", default);
        Assert.Equal(("decided", "W-SM-2", 1), (outcome.Status, outcome.Confirmed, outcome.Rejected));

        await using var check = database.Open();
        var items = await check.ReviewItems.Where(i => i.TaskId == task.Id).ToDictionaryAsync(i => i.CandidateRef);
        Assert.Equal(ReviewStatus.Confirmed, items["W-SM-2"].Status);
        Assert.Equal(ReviewStatus.Rejected, items["W-SM-1"].Status);
        Assert.StartsWith("another candidate confirmed", items["W-SM-1"].Reason, StringComparison.Ordinal);
        var link = await check.PersonLinks.SingleAsync(l => l.PersonId == task.PersonId);
        Assert.Equal(("W-SM-2", LinkKind.Wanted), (link.CandidateRef, link.Kind));
        Assert.True(await check.PersonIdentifiers.AnyAsync(i => i.PersonId == task.PersonId && i.Source == "wanted:W-SM-2"));
        var decided = await check.ReviewTasks.SingleAsync(t => t.Id == task.Id);
        Assert.Equal((ReviewTaskStatus.Decided, "confirmed", "photo matches"), (decided.Status, decided.Outcome, decided.Reason));

        // The other candidate, and the task, are decided now.
        var again = await Assert.ThrowsAsync<ConcordException>(() => ReviewDecisions.DecideOneAsync(check, Scenario.Operator, items["W-SM-1"].Id, "confirm", null, null, default));
        Assert.Equal(ErrorTexts.ReviewAlreadyRejected, Assert.IsType<ConflictError>(again.Error).Phrase?.Template);
        var taskAgain = await Assert.ThrowsAsync<ConcordException>(() => ReviewDecisions.DecideOneAsync(check, Scenario.Operator, task.Id, "reject", null, "no", default));
        Assert.Equal(ErrorTexts.TaskAlreadyConfirmed, Assert.IsType<ConflictError>(taskAgain.Error).Phrase?.Template);
    }
}
