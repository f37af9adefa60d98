using System.Text.Json;
using Xunit.Abstractions;

namespace Concord.Matching.Tests;

public sealed class MuseAcceptanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Roster_against_wanted_and_lead_targets_matches_truth()
    {
        var dir = Csv.MuseDir();
        var roster = Csv.Read(Path.Combine(dir, "roster.csv"));
        var wanted = Csv.Read(Path.Combine(dir, "wanted.csv"));
        var targets = Csv.Read(Path.Combine(dir, "lead-targets.csv"));
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "truth.json")));
        Assert.Equal(811, roster.Count);
        Assert.Equal(20_000, wanted.Count);

        var index = new IdentityIndex();
        foreach (var w in wanted)
        {
            index.Add(Csv.ToRecord("wanted:" + w["wanted_id"], w));
        }
        foreach (var t in targets.Where(t => string.Equals(t["nationality"], "CHN", StringComparison.Ordinal)))
        {
            index.Add(Csv.ToRecord("target:" + t["target_id"], t));
        }

        var truePairs = new HashSet<(string Roster, string Key)>();
        foreach (var pair in truth.RootElement.GetProperty("fugitive_pairs").EnumerateArray())
        {
            foreach (var r in pair[0].EnumerateArray())
            {
                truePairs.Add((r.GetString()!, "wanted:" + pair[1].GetString()));
            }
        }
        foreach (var pair in truth.RootElement.GetProperty("target_pairs").EnumerateArray())
        {
            foreach (var r in pair[0].EnumerateArray())
            {
                truePairs.Add((r.GetString()!, "target:" + pair[1].GetString()));
            }
        }
        var traps = truth.RootElement.GetProperty("namesake_traps").EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal);

        var matcher = new IdentityMatcher();
        var proposed = new HashSet<(string, string)>();
        var accepts = new List<(string Roster, string Key)>();
        var reviews = 0;
        var trapAccepts = new List<string>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (var row in roster)
        {
            var no = row["roster_no"];
            foreach (var p in matcher.Match(Csv.ToRecord("roster:" + no, row), index))
            {
                proposed.Add((no, p.Candidate.Key));
                if (p.Decision == MatchDecision.Accept)
                {
                    accepts.Add((no, p.Candidate.Key));
                    if (traps.Contains(no) && p.Candidate.Key.StartsWith("wanted:", StringComparison.Ordinal))
                    {
                        trapAccepts.Add(no + " -> " + p.Candidate.Key + ": " + string.Join("; ", p.Evidence.Select(e => e.Text)));
                    }
                }
                else
                {
                    reviews++;
                }
            }
        }
        watch.Stop();

        var missed = truePairs.Where(tp => !proposed.Contains(tp)).ToList();
        var falseAccepts = accepts.Where(a => !truePairs.Contains(a)).ToList();
        var trueAccepts = accepts.Count - falseAccepts.Count;
        output.WriteLine($"(1) truth pairs proposed: {truePairs.Count - missed.Count}/{truePairs.Count}; missed: {string.Join(", ", missed)}");
        output.WriteLine($"(2) namesake traps accepted against wanted: {trapAccepts.Count} {string.Join(" | ", trapAccepts)}");
        output.WriteLine($"(3) accepts: {accepts.Count}, true {trueAccepts}, false {falseAccepts.Count}: {string.Join(", ", falseAccepts)}");
        output.WriteLine($"(4) review proposals: {reviews}");
        output.WriteLine($"matching 811 rows against {index.Count} records took {watch.ElapsedMilliseconds} ms");

        // (5) duplicates inside the roster
        var rosterIndex = new IdentityIndex();
        foreach (var row in roster)
        {
            rosterIndex.Add(Csv.ToRecord("roster:" + row["roster_no"], row));
        }
        var dupAccepts = new HashSet<(string, string)>();
        var dupReviews = 0;
        foreach (var row in roster)
        {
            foreach (var p in matcher.Match(Csv.ToRecord("roster:" + row["roster_no"], row), rosterIndex))
            {
                if (p.Decision == MatchDecision.Accept)
                {
                    var a = row["roster_no"];
                    var b = p.Candidate.Key["roster:".Length..];
                    dupAccepts.Add(string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a));
                }
                else
                {
                    dupReviews++;
                }
            }
        }
        var dupTruth = truth.RootElement.GetProperty("duplicate_rows").EnumerateArray()
            .Select(p => (p[0].GetString()!, p[1].GetString()!)).Select(p => string.CompareOrdinal(p.Item1, p.Item2) < 0 ? p : (p.Item2, p.Item1)).ToHashSet();
        output.WriteLine($"(5) duplicate pairs accepted: {dupAccepts.Count(dupTruth.Contains)}/{dupTruth.Count}; other accepted roster pairs: {string.Join(", ", dupAccepts.Where(d => !dupTruth.Contains(d)))}; roster-roster review proposals (both directions): {dupReviews}");

        Assert.Empty(missed);
        Assert.Empty(trapAccepts);
        Assert.Empty(falseAccepts);
        Assert.True(reviews < 120, "review proposals " + reviews);
        Assert.True(dupTruth.SetEquals(dupAccepts), "roster duplicates accepted: " + string.Join(", ", dupAccepts));
    }
}
