using System.Globalization;
using System.Text.Json.Nodes;
using Concord.Matching;
using Concord.Scenarios;
using CsvHelper;

namespace Concord.Bench.Cases;

/// <summary>
/// How well near links find the den of the script a narrative quotes, in the generated Muse sequel (<c>--cases --quality</c>):
/// every report's narrative against the seized scripts, at several shingle lengths and score thresholds.
/// </summary>
internal static class NearQuality
{
    public static void Run(string root, TextWriter log)
    {
        var dir = Directory.CreateTempSubdirectory("concord-near-").FullName;
        var truth = CaseScenario.Generate(Path.Combine(root, "testdata", "muse"), dir);
        var dens = File.ReadAllLines(Path.Combine(root, "testdata", "muse", "seizures.csv")).Skip(1).Select(l => l.Split(',')).ToDictionary(c => c[0], c => c[1], StringComparer.Ordinal);
        var scripts = new List<(string Den, string Text)>();
        foreach (var file in Directory.GetFiles(Path.Combine(dir, "extractions"), "*.json").Order(StringComparer.Ordinal))
        {
            var json = JsonNode.Parse(File.ReadAllText(file))!;
            foreach (var s in json["scripts"]?.AsArray() ?? []) scripts.Add((dens[json["item_no"]!.GetValue<string>()], s!["text"]!.GetValue<string>()));
        }
        var narratives = new List<(string CaseNo, string Narrative)>();
        using (var reader = new StreamReader(Path.Combine(dir, "reports.csv")))
        using (var csv = new CsvReader(reader, CultureInfo.InvariantCulture))
        {
            csv.Read();
            csv.ReadHeader();
            while (csv.Read()) narratives.Add((csv.GetField("case_no")!, csv.GetField("narrative")!));
        }
        Directory.Delete(dir, recursive: true);
        var expected = truth.Reports.Where(r => r.Value.Near).SelectMany(r => r.Value.Dens.Select(d => (r.Key, d))).ToHashSet();
        log.WriteLine(Inv($"near quality: {scripts.Count} scripts, {narratives.Count:N0} narratives, {expected.Count} true report→den links through a script"));
        foreach (var k in new[] { 2, 3, 4 })
        {
            foreach (var rarity in new[] { false, true })
            {
                var index = new NearTextIndex(new NearTextOptions { K = k, ByRarity = rarity });
                for (var s = 0; s < scripts.Count; s++) index.Add(s, scripts[s].Text);
                var scored = new List<(double Score, string CaseNo, string Den, string Narrative, string Passage)>();
                foreach (var (caseNo, narrative) in narratives)
                {
                    foreach (var m in index.Query(narrative, 0.3)) scored.Add((m.Score, caseNo, scripts[m.Id].Den, narrative, m.PassageText));
                }
                foreach (var threshold in new[] { 0.6, 0.7, 0.8, 0.85, 0.9 })
                {
                    var found = scored.Where(x => x.Score >= threshold).Select(x => (x.CaseNo, x.Den)).ToHashSet();
                    var hits = found.Count(expected.Contains);
                    log.WriteLine(Inv($"  k={k} {(rarity ? "by rarity" : "unweighted")} score≥{threshold:0.00}: recall {100.0 * hits / expected.Count:0.00} %, precision {(found.Count == 0 ? 100 : 100.0 * hits / found.Count):0.00} % ({found.Count} found)"));
                }
                if (k == 3 && rarity)
                {
                    foreach (var x in scored.Where(x => x.Score >= 0.8 && !expected.Contains((x.CaseNo, x.Den))).Take(5))
                        log.WriteLine(Inv($"    false {x.Score:0.00} {x.CaseNo} {x.Den}: {x.Narrative} | {x.Passage}"));
                }
            }
        }
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
