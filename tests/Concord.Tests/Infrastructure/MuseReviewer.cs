using System.Text.Json;
using Concord.Core.Auditing;
using Concord.Core.Features.Review;
using Concord.Core.Storage;

namespace Concord.Tests.Infrastructure;

/// <summary>
/// A reviewer who knows the sample's truth.json: confirms, in every open task, the candidate the truth pairs with the
/// arrested person, and rejects the rest. Shared by the tests and the federation benchmark.
/// </summary>
internal sealed class MuseReviewer
{
    public MuseReviewer(string truthFile)
    {
        Truth = JsonDocument.Parse(File.ReadAllText(truthFile)).RootElement;
        _truePairs = new[] { "fugitive_pairs", "target_pairs" }.SelectMany(k => Truth.GetProperty(k).EnumerateArray())
            .SelectMany(pair => pair[0].EnumerateArray().Select(r => (r.GetString()!, pair[1].GetString()!))).ToHashSet();
        _duplicates = Truth.GetProperty("duplicate_rows").EnumerateArray().Select(d => d.EnumerateArray().Select(x => x.GetString()!).ToHashSet(StringComparer.Ordinal)).ToList();
    }

    public JsonElement Truth { get; }
    private readonly HashSet<(string Roster, string Candidate)> _truePairs;
    private readonly List<HashSet<string>> _duplicates;

    /// <summary>Decides every open task of the operation in one batch; returns how many were confirmed and how many rejected.</summary>
    public async Task<(int Confirmed, int Rejected)> DecideAllAsync(ConcordDbContext db, Actor actor, string operation)
    {
        var tasks = await ReviewQueue.TasksAsync(db, actor, operation, openOnly: true, default);
        if (tasks.Count == 0) return (0, 0);
        var decisions = new List<ReviewDecisions.Decision>();
        foreach (var task in tasks)
        {
            var pick = task.Candidates.FirstOrDefault(c => c.Candidate.List == "roster"
                ? _duplicates.Any(d => d.Contains(c.Candidate.Id) && task.RosterNos.Any(d.Contains))
                : task.RosterNos.Any(r => _truePairs.Contains((r, c.Candidate.Id))));
            decisions.Add(new(decisions.Count + 2, task.Id.ToString(), pick is null ? "reject" : "confirm", pick?.Candidate.Id, "truth reviewer"));
        }
        var o = await ReviewDecisions.FindOwnAsync(db, actor, operation, default);
        var r = await ReviewDecisions.DecideAsync(db, actor, o, decisions, "truth.csv", default);
        return (r.Confirmed, r.Decisions - r.Confirmed);
    }
}
