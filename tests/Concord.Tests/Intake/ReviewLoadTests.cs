using Concord.Core.Domain;
using Concord.Core.Features.Agreements;
using Concord.Core.Features.Intake;
using Concord.Core.Features.Leads;
using Concord.Core.Features.Operations;
using Concord.Core.Features.Wanted;
using Concord.Scenarios;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Concord.Tests.Intake;

/// <summary>
/// The review queue grows with the arrests, not with the wanted lists: one Muse-style operation matched against a
/// wanted list and against one ten times as long (the same roster, the same fugitives on both) leaves about as many
/// review tasks, while the namesakes on the longer list multiply. Every fugitive and arrested target is found either
/// way, and no namesake is taken for a fugitive.
/// </summary>
public sealed class ReviewLoadTests(ITestOutputHelper output)
{
    private const string Operation = "LOAD-OP";
    private const string Lead = "CN-LEAD-LOAD";

    public sealed record Figures(int Wanted, int Tasks, int NeedsIdentification, int Proposals, int Found, int Missed, int NamesakesAccepted, int OtherWantedLinks);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TenTimesTheWantedList_LeavesAtMostHalfAgainAsManyReviewTasks(string provider)
    {
        var dir = Path.Combine(Path.GetTempPath(), "concord-tests", Guid.NewGuid().ToString("N"));
        var truth = ScenarioGenerator.Generate(dir, new ScenarioOptions { Seed = 7, Arrested = 807, WantedRecords = 20_000, OperationCode = Operation });
        // The shorter list: the fugitives' records and the first tenth of the others, so that only the namesakes differ.
        var lines = File.ReadAllLines(Path.Combine(dir, "wanted.csv"));
        var fugitives = truth.FugitivePairs.Select(p => p.WantedId).ToHashSet(StringComparer.Ordinal);
        var shorter = Path.Combine(dir, "wanted-short.csv");
        File.WriteAllLines(shorter, lines.Take(1).Concat(lines.Skip(1).Where((line, i) => i < 2_000 || fugitives.Contains(line[..line.IndexOf(',', StringComparison.Ordinal)]))));
        try
        {
            var small = await LoadAsync(provider, dir, shorter, truth);
            var large = await LoadAsync(provider, dir, Path.Combine(dir, "wanted.csv"), truth);
            output.WriteLine($"{provider} short: {small}");
            output.WriteLine($"{provider} long:  {large}");
            foreach (var f in new[] { small, large })
            {
                Assert.Equal(0, f.Missed);
                Assert.Equal(0, f.NamesakesAccepted);
                Assert.Equal(0, f.OtherWantedLinks);
                Assert.Equal(truth.FugitivePairs.Count + truth.TargetPairs.Count, f.Found);
            }
            Assert.True(large.Tasks <= 1.5 * small.Tasks, $"{large.Tasks} review tasks against the long list, {small.Tasks} against the short one");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<Figures> LoadAsync(string provider, string dir, string wanted, ScenarioTruth truth)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var actor = Scenario.Operator;
        await Scenario.AgreementInForceAsync(db, Path.Combine(dir, "agreement.json"));
        await ImportLead.RunAsync(db, actor, new ImportLead.Request(Lead, "CN-MPS", "MM-MPF", "H3", Path.Combine(dir, "dens.csv"), Path.Combine(dir, "lead-targets.csv")), default);
        var listed = await ImportWantedList.RunAsync(db, actor, wanted, "CN-MPS", default);
        await CreateOperation.RunAsync(db, actor, Operation, Lead, "MM-MPF", default);
        await ImportRoster.RunAsync(db, actor, Path.Combine(dir, "roster.csv"), Operation, default);
        var summary = await MatchOperation.RunAsync(db, actor, Operation, null, default);

        var person = await db.RosterRecords.AsNoTracking().ToDictionaryAsync(r => r.RosterNo, r => r.PersonId);
        var links = (await db.PersonLinks.AsNoTracking().Select(l => new { l.PersonId, l.Kind, l.CandidateRef }).ToListAsync())
            .Select(l => (l.PersonId, l.Kind, l.CandidateRef)).ToHashSet();
        var open = (await db.ReviewItems.AsNoTracking().Where(i => i.Status == ReviewStatus.Open && db.ReviewTasks.Any(t => t.Id == i.TaskId && t.Status == ReviewTaskStatus.Open))
            .Select(i => new { i.PersonId, i.CandidateList, i.CandidateRef }).ToListAsync()).Select(i => (i.PersonId, i.CandidateList, i.CandidateRef)).ToHashSet();
        var pairs = truth.FugitivePairs.Select(p => (person[p.RosterNos[0]], LinkKind.Wanted, "wanted", p.WantedId))
            .Concat(truth.TargetPairs.Select(p => (person[p.RosterNos[0]], LinkKind.Target, "target", p.TargetId))).ToList();
        var found = pairs.Count(p => links.Contains((p.Item1, p.Item2, p.Item4)) || open.Contains((p.Item1, p.Item3, p.Item4)));
        var fugitives = truth.FugitivePairs.Select(p => (person[p.RosterNos[0]], p.WantedId)).ToHashSet();
        var traps = truth.NamesakeTraps.Select(r => person[r]).ToHashSet();
        var wantedLinks = links.Where(l => l.Kind == LinkKind.Wanted).ToList();
        return new Figures(listed.Added, summary.TasksOpen, summary.NeedsIdentification, summary.QueueOpen, found, pairs.Count - found,
            wantedLinks.Count(l => traps.Contains(l.PersonId)), wantedLinks.Count(l => !fugitives.Contains((l.PersonId, l.CandidateRef))));
    }
}
