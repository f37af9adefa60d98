using System.Globalization;
using Xunit.Abstractions;

namespace Concord.Matching.Tests.Similarity;

/// <summary>
/// The nomenklatura name benchmark (testdata/eval/names/nomenklatura-name-bench-cases.csv, MIT): 826 labelled pairs.
/// <see cref="NameSimilarity.DefaultThreshold"/> is calibrated here: the F1 curve over the whole file is swept in
/// steps of 0.01, the constant must sit on its plateau, and two-fold cross-validation (fit on even rows, test on odd,
/// and the reverse) shows how much of the figure is the choice of threshold.
/// </summary>
public sealed class NameBenchmarkTests(ITestOutputHelper output)
{
    private static readonly string[] Curated = ["nk_checks", "nk_unit_tests"];

    private static string BenchmarkPath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Concord.slnx"))) dir = dir.Parent;
        if (dir is null) throw new DirectoryNotFoundException("Concord.slnx not found above " + AppContext.BaseDirectory);
        return Path.Combine(dir.FullName, "testdata", "eval", "names", "nomenklatura-name-bench-cases.csv");
    }

    private static IReadOnlyList<PairEvaluation.Scored> Scored { get; } = PairEvaluation.ScoreAll(
        Csv.Read(BenchmarkPath()).Select(r => new LabelledPair(r["name1"], r["name2"], bool.Parse(r["is_match"]), r["case_group"])).ToList());

    private static string F(double x) => x.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Counts(PairCounts c) => $"pairs {c.Pairs} tp {c.Tp} fp {c.Fp} fn {c.Fn} tn {c.Tn}";

    [Fact]
    public void Benchmark_F1_AtTheDefaultThreshold()
    {
        Assert.Equal(826, Scored.Count);
        var all = PairEvaluation.Count(Scored, NameSimilarity.DefaultThreshold);
        var curated = PairEvaluation.Count(Scored.Where(s => Curated.Contains(s.Pair.Group)), NameSimilarity.DefaultThreshold);
        output.WriteLine($"threshold {F(NameSimilarity.DefaultThreshold)}");
        output.WriteLine($"all      {Counts(all)} precision {F(all.Precision)} recall {F(all.Recall)} f1 {F(all.F1)}");
        output.WriteLine($"curated  {Counts(curated)} precision {F(curated.Precision)} recall {F(curated.Recall)} f1 {F(curated.F1)}");
        foreach (var g in Scored.GroupBy(s => s.Pair.Group).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var c = PairEvaluation.Count(g, NameSimilarity.DefaultThreshold);
            output.WriteLine($"{g.Key,-16} {Counts(c)} f1 {F(c.F1)}");
        }
        Assert.True(all.F1 > 0.79, $"F1 on the whole benchmark {F(all.F1)}");
        Assert.True(curated.F1 >= 0.92, $"F1 on nk_checks + nk_unit_tests {F(curated.F1)}");
    }

    [Fact]
    public void DefaultThreshold_SitsOnThePlateauOfTheSweep()
    {
        var curve = Enumerable.Range(30, 66).Select(i => i / 100.0).Select(t => (t, f1: PairEvaluation.Count(Scored, t).F1)).ToList();
        foreach (var (t, f1) in curve.Where(c => Math.Abs(c.t - NameSimilarity.DefaultThreshold) <= 0.10 + 1e-9))
        {
            var curated = PairEvaluation.Count(Scored.Where(s => Curated.Contains(s.Pair.Group)), t).F1;
            output.WriteLine($"threshold {F(t)}  f1 all {F(f1)}  curated {F(curated)}");
        }
        var best = curve.Max(c => c.f1);
        var atDefault = PairEvaluation.Count(Scored, NameSimilarity.DefaultThreshold).F1;
        output.WriteLine($"best {F(best)} at {string.Join(", ", curve.Where(c => c.f1 == best).Select(c => F(c.t)))}; default {F(atDefault)}");
        Assert.True(best - atDefault <= 0.005, $"default threshold is {F(best - atDefault)} below the best F1 of the sweep");
    }

    [Fact]
    public void TwoFoldCrossValidation_OfTheThreshold()
    {
        var even = Scored.Where((_, i) => i % 2 == 0).ToList();
        var odd = Scored.Where((_, i) => i % 2 == 1).ToList();
        var tEven = PairEvaluation.BestThreshold(even);
        var tOdd = PairEvaluation.BestThreshold(odd);
        var onOdd = PairEvaluation.Count(odd, tEven);
        var onEven = PairEvaluation.Count(even, tOdd);
        var pooled = new PairCounts(onOdd.Pairs + onEven.Pairs, onOdd.Tp + onEven.Tp, onOdd.Fp + onEven.Fp, onOdd.Fn + onEven.Fn, onOdd.Tn + onEven.Tn);
        output.WriteLine($"fit on even rows: threshold {F(tEven)}, F1 on odd rows {F(onOdd.F1)}");
        output.WriteLine($"fit on odd rows: threshold {F(tOdd)}, F1 on even rows {F(onEven.F1)}");
        output.WriteLine($"pooled held-out F1 {F(pooled.F1)} (precision {F(pooled.Precision)}, recall {F(pooled.Recall)})");
        Assert.True(pooled.F1 > 0.79, $"cross-validated F1 {F(pooled.F1)}");
    }
}
