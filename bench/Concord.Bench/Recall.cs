using System.Globalization;
using System.Text.Json;
using Concord.Matching;

namespace Concord.Bench;

/// <summary>
/// Untimed quality pass over the same data: a speed figure means little without knowing how many true links each
/// approach actually finds and how many proposals a clerk must then read.
/// </summary>
public static class Recall
{
    public static void Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var data = Dataset.Load();
        var truth = LoadPairs(Path.Combine(data.Root, "testdata", "muse", "truth.json"));

        var index = IntakeBenchmarks.BuildIndex(data.List);
        var matcher = new IdentityMatcher();
        var listKeys = data.List.Select(p => p.NameKey).ToArray();

        var concordLinks = new HashSet<(string Roster, string Listed)>();
        var jwLinks = new HashSet<(string Roster, string Listed)>();
        int concordProposals = 0, concordAccept = 0, jwProposals = 0;
        var hits = new List<int>();
        foreach (var row in data.Roster)
        {
            foreach (var p in matcher.Match(row.Record, index))
            {
                concordProposals++;
                if (p.Decision == MatchDecision.Accept)
                {
                    concordAccept++;
                }
                concordLinks.Add((row.Key, p.Candidate.Key));
            }
            hits.Clear();
            jwProposals += IntakeBenchmarks.ScanJaroWinkler(row.NameKey, listKeys, hits);
            foreach (var i in hits)
            {
                jwLinks.Add((row.Key, data.List[i].Key));
            }
        }

        // A person arrested twice appears on several roster rows; finding the link from any one of them is enough.
        var concordFound = truth.Count(t => t.RosterNos.Any(r => concordLinks.Contains((r, t.Listed))));
        var jwFound = truth.Count(t => t.RosterNos.Any(r => jwLinks.Contains((r, t.Listed))));
        var trueLinks = truth.SelectMany(t => t.RosterNos.Select(r => (r, t.Listed))).ToHashSet();
        var concordTrue = concordLinks.Count(trueLinks.Contains);
        var jwTrue = jwLinks.Count(trueLinks.Contains);

        var ci = CultureInfo.InvariantCulture;
        output.WriteLine("Recall over truth.json fugitive_pairs + target_pairs");
        output.WriteLine(string.Format(ci, "  list records: {0}, roster rows: {1}, true pairs: {2}", data.List.Count, data.Roster.Count, truth.Count));
        output.WriteLine(string.Format(ci, "  Concord:               found {0}/{1} ({2:P1}); proposals {3} ({4} Accept, {5} Review), {6} of them true links",
            concordFound, truth.Count, (double)concordFound / truth.Count, concordProposals, concordAccept, concordProposals - concordAccept, concordTrue));
        output.WriteLine(string.Format(ci, "  BruteForceJaroWinkler: found {0}/{1} ({2:P1}); proposals {3} (JW >= {4:0.00}), {5} of them true links",
            jwFound, truth.Count, (double)jwFound / truth.Count, jwProposals, IntakeBenchmarks.JaroWinklerThreshold, jwTrue));
    }

    private static List<(string[] RosterNos, string Listed)> LoadPairs(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var pairs = new List<(string[], string)>();
        foreach (var name in new[] { "fugitive_pairs", "target_pairs" })
        {
            foreach (var pair in doc.RootElement.GetProperty(name).EnumerateArray())
            {
                var rosterNos = pair[0].EnumerateArray().Select(e => e.GetString()!).ToArray();
                pairs.Add((rosterNos, pair[1].GetString()!));
            }
        }
        return pairs;
    }
}
