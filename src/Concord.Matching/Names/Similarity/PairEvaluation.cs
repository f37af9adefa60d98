namespace Concord.Matching;

/// <summary>One labelled pair of names: do they name the same person or body?</summary>
public sealed record LabelledPair(string Name1, string Name2, bool IsMatch, string? Group = null);

/// <summary>Counts of a threshold's decisions against the labels, and the figures derived from them.</summary>
public sealed record PairCounts(int Pairs, int Tp, int Fp, int Fn, int Tn)
{
    public double Precision => Tp + Fp == 0 ? 0 : (double)Tp / (Tp + Fp);
    public double Recall => Tp + Fn == 0 ? 0 : (double)Tp / (Tp + Fn);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>Scores labelled pairs once, then counts at any threshold; the benchmark harness for <see cref="NameSimilarity"/>.</summary>
public static class PairEvaluation
{
    public sealed record Scored(LabelledPair Pair, double Score);

    public static IReadOnlyList<Scored> ScoreAll(IEnumerable<LabelledPair> pairs) =>
        pairs.AsParallel().AsOrdered().Select(p => new Scored(p, NameSimilarity.Score(p.Name1, p.Name2))).ToList();

    public static PairCounts Count(IEnumerable<Scored> scored, double threshold)
    {
        int n = 0, tp = 0, fp = 0, fn = 0, tn = 0;
        foreach (var s in scored)
        {
            n++;
            var said = s.Score >= threshold;
            if (said && s.Pair.IsMatch) tp++;
            else if (said) fp++;
            else if (s.Pair.IsMatch) fn++;
            else tn++;
        }
        return new(n, tp, fp, fn, tn);
    }

    /// <summary>The threshold with the best F1 on these pairs, from a 0.01 grid; ties go to the middle of the plateau.</summary>
    public static double BestThreshold(IReadOnlyList<Scored> scored)
    {
        var grid = Enumerable.Range(30, 66).Select(i => i / 100.0).ToList();
        var f1 = grid.Select(t => Math.Round(Count(scored, t).F1, 6)).ToList();
        var best = f1.Max();
        var top = grid.Where((_, i) => f1[i] == best).ToList();
        return top[top.Count / 2];
    }
}
