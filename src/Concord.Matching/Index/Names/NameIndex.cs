using System.Runtime.InteropServices;
using Concord.Matching.Similarity;

namespace Concord.Matching;

/// <summary>A name to search for or to file: the name as written and, when known, the birth year.</summary>
public readonly record struct NameEntry(string Name, int? BirthYear = null);

/// <summary>A record found for a name query, with the similarity that ranked it.</summary>
public readonly record struct NameHit(int Ordinal, double Score);

/// <summary>
/// Candidate generation by name alone, in any script: every name is folded and romanised, cut into character trigrams
/// of its tokens, and filed in an inverted index. A query collects the records sharing the rarest trigrams (weighted by
/// inverse document frequency, so typos and reordered or joined tokens still meet), then the best few hundred are
/// re-ranked by <see cref="NameSimilarity"/> and birth-year agreement. Records can be added at any time.
/// </summary>
public sealed class NameIndex
{
    private readonly List<NameEntry> entries = [];
    private readonly Dictionary<string, List<int>> postings = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public int Count
    {
        get { lock (gate) return entries.Count; }
    }

    public NameEntry this[int ordinal]
    {
        get { lock (gate) return entries[ordinal]; }
    }

    public int Add(NameEntry entry)
    {
        var grams = Trigrams(entry.Name);
        lock (gate)
        {
            var ordinal = entries.Count;
            entries.Add(entry);
            foreach (var g in grams)
            {
                ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(postings, g, out _);
                list ??= new List<int>(2);
                list.Add(ordinal);
            }
            return ordinal;
        }
    }

    /// <summary>The best <paramref name="max"/> records for a name, best first.</summary>
    public IReadOnlyList<NameHit> Search(NameEntry query, int max = 10, int shortlist = 300)
    {
        var grams = Trigrams(query.Name);
        var scores = new Dictionary<int, double>();
        lock (gate)
        {
            var n = Math.Max(1, entries.Count);
            foreach (var g in grams)
            {
                if (!postings.TryGetValue(g, out var list)) continue;
                var idf = Math.Log(1 + n / (double)list.Count);
                foreach (var id in list)
                {
                    ref var s = ref CollectionsMarshal.GetValueRefOrAddDefault(scores, id, out _);
                    s += idf;
                }
            }
        }
        var ranked = scores.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Take(shortlist).Select(kv => kv.Key).ToList();
        var hits = new List<NameHit>(ranked.Count);
        foreach (var id in ranked)
        {
            NameEntry candidate;
            lock (gate) candidate = entries[id];
            var score = NameSimilarity.Score(query.Name, candidate.Name);
            if (query.BirthYear is { } qy && candidate.BirthYear is { } cy)
                score += qy == cy ? 0.05 : Math.Abs(qy - cy) <= 1 ? 0 : -0.1;
            hits.Add(new NameHit(id, score));
        }
        hits.Sort(static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Ordinal.CompareTo(b.Ordinal));
        return hits.Count > max ? hits.GetRange(0, max) : hits;
    }

    internal static HashSet<string> Trigrams(string name)
    {
        var grams = new HashSet<string>(StringComparer.Ordinal);
        foreach (var variant in Transliteration.Variants(NameFolding.Fold(name)))
        {
            foreach (var token in variant.Text.Split([' ', '.', '-'], StringSplitOptions.RemoveEmptyEntries))
            {
                var padded = "^" + token + "$";
                if (padded.Length <= 3) { grams.Add(padded); continue; }
                for (var i = 0; i + 3 <= padded.Length; i++) grams.Add(padded.Substring(i, 3));
            }
        }
        return grams;
    }
}
