using Concord.Core;
using Concord.Core.Domain;
using Concord.Core.Features.Review;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Review;

/// <summary>A file of decisions is taken whole or not at all; a refused row is named by its row and column.</summary>
public sealed class BatchDecisionTests
{
    private const string Header = "id,decision,candidate,reason";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task GoodFile_DecidesEveryTask_EachDecisionAudited(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        await ReviewScenario.SeedAsync(db);
        var (two, year, written) = await ReviewScenario.TasksAsync(db);
        var person = await ReviewScenario.PersonAsync(db, ReviewScenario.NameOnly);
        var identify = await db.ReviewTasks.SingleAsync(t => t.PersonId == person && t.Kind == ReviewTaskKind.NeedsIdentification);
        var file = Scenario.WriteTemp("decisions.csv",
        [
            Header,
            $"{two.Id},confirm,w-sm-1,photo and tattoo match",
            $"{year.Id},reject,,birth place differs",
            $"{written.Id},确认,{ReviewScenario.WrittenAgain},same person written down by two units",
            $"{identify.Id},reject,,none of the namesakes: fingerprints differ",
        ]);

        var result = await ReviewDecisions.FromFileAsync(db, Scenario.Operator, file, Scenario.Operation, default);
        Assert.Equal((4, 2), (result.Decisions, result.Confirmed));
        Assert.Equal(1 + 1 + 4, result.Rejected);

        await using var check = database.Open();
        Assert.Empty(await check.ReviewTasks.Where(t => t.Status == ReviewTaskStatus.Open && t.Kind != ReviewTaskKind.Duplicate).ToListAsync());
        Assert.Equal("W-SM-1", (await check.PersonLinks.SingleAsync(l => l.PersonId == two.PersonId)).CandidateRef);
        Assert.False(await check.PersonLinks.AnyAsync(l => l.PersonId == year.PersonId));
        // The two rows of one person are one person now.
        Assert.Equal(1, await check.RosterRecords.Where(r => r.RosterNo == ReviewScenario.Written || r.RosterNo == ReviewScenario.WrittenAgain).Select(r => r.PersonId).Distinct().CountAsync());
        Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.Action == "review.batch" && a.Details!.StartsWith("decisions.csv")));
        Assert.Equal(2, await check.AuditEntries.CountAsync(a => a.Action == "review.confirm"));
        Assert.Equal(2, await check.AuditEntries.CountAsync(a => a.Action == "review.task.confirm"));
        Assert.Equal(2, await check.AuditEntries.CountAsync(a => a.Action == "review.task.reject"));
        Assert.Equal(6, await check.AuditEntries.CountAsync(a => a.Action == "review.reject"));
        Assert.Equal("photo and tattoo match", (await check.ReviewTasks.SingleAsync(t => t.Id == two.Id)).Reason);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task FileWithABadRow_ChangesNothing_AndNamesRowAndColumn(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        await ReviewScenario.SeedAsync(db);
        var (two, year, written) = await ReviewScenario.TasksAsync(db);
        var before = await ReviewScenario.StateAsync(db);

        var file = Scenario.WriteTemp("decisions.csv",
        [
            Header,
            $"{two.Id},confirm,W-SM-2,good row",
            $"{year.Id},maybe,,not sure",
            $"{written.Id},confirm,W-SM-1,a candidate of another task",
            $"{Guid.NewGuid()},reject,,no such task",
            $"{two.Id},reject,,the same task twice",
            $"{year.Id},needs-identification,,",
        ]);
        var refused = await Assert.ThrowsAsync<ConcordException>(() => ReviewDecisions.FromFileAsync(db, Scenario.Operator, file, Scenario.Operation, default));
        var problems = Assert.IsType<InvalidInputError>(refused.Error).Problems;
        Assert.Equal([(3, "decision"), (4, "candidate"), (5, "id"), (6, "id")], problems.Select(p => (p.Row ?? 0, p.Column ?? "")));
        Assert.All(problems, p => Assert.Equal("decisions.csv", p.File));
        Assert.Equal(ProblemTexts.NotADecision, problems[0].Phrase?.Template);
        Assert.Equal(ProblemTexts.NotACandidate, problems[1].Phrase?.Template);
        Assert.Equal(ProblemTexts.NotAReviewId, problems[2].Phrase?.Template);
        Assert.Equal(ProblemTexts.TaskDecidedOnRow, problems[3].Phrase?.Template);
        Assert.Contains("row 3, column decision", refused.Error.Message, StringComparison.Ordinal);

        await using (var check = database.Open())
            Assert.Equal(before, await ReviewScenario.StateAsync(check));

        // A confirmation in a task of two candidates must name one.
        var unnamed = Scenario.WriteTemp("decisions.csv", [Header, $"{two.Id},confirm,,"]);
        var candidate = await Assert.ThrowsAsync<ConcordException>(() => ReviewDecisions.FromFileAsync(db, Scenario.Operator, unnamed, Scenario.Operation, default));
        var missing = Assert.Single(Assert.IsType<InvalidInputError>(candidate.Error).Problems);
        Assert.Equal((2, "candidate", ProblemTexts.CandidateNeeded), (missing.Row, missing.Column, missing.Phrase?.Template));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DecidingATaskAlreadyDecided_IsRefused_AndNothingElseOfTheFileIsTaken(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        await ReviewScenario.SeedAsync(db);
        var (two, year, _) = await ReviewScenario.TasksAsync(db);
        await ReviewDecisions.FromFileAsync(db, Scenario.Operator, Scenario.WriteTemp("first.csv", [Header, $"{two.Id},reject,,different tattoos"]), Scenario.Operation, default);
        var before = await ReviewScenario.StateAsync(db);

        var second = Scenario.WriteTemp("second.csv", [Header, $"{year.Id},confirm,,", $"{two.Id},confirm,W-SM-1,changed my mind"]);
        var refused = await Assert.ThrowsAsync<ConcordException>(() => ReviewDecisions.FromFileAsync(db, Scenario.Operator, second, Scenario.Operation, default));
        var problem = Assert.Single(Assert.IsType<InvalidInputError>(refused.Error).Problems);
        Assert.Equal(("second.csv", 3, "id"), (problem.File, problem.Row, problem.Column));
        Assert.Equal(ErrorTexts.TaskAlreadyRejected, problem.Phrase?.Template);
        Assert.Contains(Scenario.Operator.Name, problem.Detail, StringComparison.Ordinal);
        await using (var check = database.Open())
            Assert.Equal(before, await ReviewScenario.StateAsync(check));

        // Sent back to identify, the person's task changes kind and stays open.
        var sent = await ReviewDecisions.FromFileAsync(db, Scenario.Operator, Scenario.WriteTemp("third.csv", [Header, $"{year.Id},needs-identification,,ask for the passport"]), Scenario.Operation, default);
        Assert.Equal(1, sent.NeedsIdentification);
        var task = await db.ReviewTasks.AsNoTracking().SingleAsync(t => t.Id == year.Id);
        Assert.Equal((ReviewTaskKind.NeedsIdentification, ReviewTaskStatus.Open), (task.Kind, task.Status));
        Assert.Equal(string.Join(';', ReviewTasks.Collect.Select(f => f + ":collect")), task.Settle);
    }
}
