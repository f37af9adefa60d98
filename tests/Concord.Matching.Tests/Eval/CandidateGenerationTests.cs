using System.Globalization;
using Xunit.Abstractions;

namespace Concord.Matching.Tests.Eval;

/// <summary>
/// OpenSanctions' candidate-generation benchmark: the untreated UN positives, the US-congress persons and 50,000
/// synthetic people are indexed; each treated UN positive (typos, reordering) must find its own untreated record.
/// </summary>
public sealed class CandidateGenerationTests(ITestOutputHelper output)
{
    private static string Dir => Path.Combine(Path.GetDirectoryName(Csv.MuseDir())!, "eval", "names", "yente-candidate-generation");

    private static int? Year(Dictionary<string, string> row) =>
        row.TryGetValue("date_of_birth", out var d) && d.Length >= 4 && int.TryParse(d.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : null;

    [Fact]
    public void TreatedUnPositives_FindTheirUntreatedRecord()
    {
        var untreated = Csv.Read(Path.Combine(Dir, "positives_un_untreated.csv"));
        var treated = Csv.Read(Path.Combine(Dir, "positives_un_treated.csv"));
        Assert.Equal(untreated.Count, treated.Count);
        var index = new NameIndex();
        var ordinals = untreated.Select(r => index.Add(new NameEntry(r["full_name"], Year(r)))).ToList();
        foreach (var r in Csv.Read(Path.Combine(Dir, "positives_us_congress_untreated.csv"))) index.Add(new NameEntry(r["full_name"], Year(r)));
        foreach (var r in Csv.Read(Path.Combine(Dir, "negatives_global.csv"))) index.Add(new NameEntry(r["full_name"], Year(r)));

        int inTop10 = 0, changed = 0, changedFirst = 0;
        var misses = new List<string>();
        for (var i = 0; i < treated.Count; i++)
        {
            var query = new NameEntry(treated[i]["full_name"], Year(treated[i]));
            var hits = index.Search(query, 10);
            var rank = hits.ToList().FindIndex(h => h.Ordinal == ordinals[i]);
            if (rank >= 0) inTop10++;
            else misses.Add($"{treated[i]["full_name"]} -> {untreated[i]["full_name"]}");
            if (!string.Equals(treated[i]["full_name"], untreated[i]["full_name"], StringComparison.Ordinal))
            {
                changed++;
                if (rank == 0) changedFirst++;
                else misses.Add($"not first ({rank}): {treated[i]["full_name"]} -> {untreated[i]["full_name"]}");
            }
        }
        output.WriteLine($"indexed {index.Count}; queries {treated.Count}; in top 10: {inTop10}/{treated.Count}; changed names found first: {changedFirst}/{changed} ({100.0 * changedFirst / changed:0.0}%)");
        foreach (var m in misses.Take(30)) output.WriteLine(m);
        Assert.Equal(treated.Count, inTop10);
        Assert.True(changedFirst >= 0.99 * changed, $"{changedFirst}/{changed} changed names found first");
    }
}
