namespace Concord.Matching;

/// <summary>How a <see cref="NearTextIndex"/> shingles, signs and buckets its texts.</summary>
public sealed record NearTextOptions
{
    /// <summary>Characters per shingle: 3 keeps a Chinese clause's words apart from the same characters in another order.</summary>
    public int K { get; init; } = 3;
    /// <summary>Bands × rows MinHash functions. 64 bands of 2 find a pair of Jaccard 0.3 with probability 1 − (1 − 0.3²)^64 ≈ 0.998, of 0.2 with 0.93, of 0.1 with 0.47.</summary>
    public int Bands { get; init; } = 64;
    public int Rows { get; init; } = 2;
    /// <summary>Whether each passage of a text is signed and bucketed apart (a script, quoted clause by clause), or the text as a whole.</summary>
    public bool ByPassage { get; init; } = true;
    /// <summary>The fewest characters that count a passage has; a shorter clause is joined to the next.</summary>
    public int MinPassage { get; init; } = 6;
    /// <summary>A bucket holding more texts than this is boilerplate every report says alike; it is not scanned.</summary>
    public int MaxBucket { get; init; } = 1_000;
    /// <summary>The most candidates verified per query, those sharing the most bands first.</summary>
    public int MaxCandidates { get; init; } = 200;
    /// <summary>The fewest shingles the best passage must share with the query to count at all.</summary>
    public int MinShared { get; init; } = 6;
    /// <summary>
    /// Whether a shingle weighs by how few indexed texts hold it (ln(1 + texts / texts holding it), squared): the words every
    /// script of a kind says (理赔专员, 解冻保证金) weigh little, the names a den made up weigh much.
    /// </summary>
    public bool ByRarity { get; init; } = true;
}

/// <summary>
/// A text that came near the query: <see cref="Score"/> is the share of its best passage's shingles the query holds,
/// weighed by their rarity where the index weighs (a victim who quotes a clause of the script holds nearly all of it), <see cref="Estimated"/> the MinHash estimate of
/// the Jaccard similarity of the pair of units that met in the buckets, <see cref="Jaccard"/> and
/// <see cref="Containment"/> (the share of the query's shingles the text holds) the exact figures of the whole texts.
/// </summary>
public sealed record NearMatch(int Id, double Score, double Estimated, double Jaccard, double Containment, int Shared, Passage Passage, string PassageText);

/// <summary>
/// Character n-gram MinHash with locality-sensitive hashing: each text (or each of its passages) is signed with
/// <c>Bands × Rows</c> MinHash functions and filed under one key per band; a query meets the texts that agree with it on
/// all the rows of at least one band, and each is then verified on its exact shingles. Texts are added and queried from
/// one thread at a time.
/// </summary>
public sealed class NearTextIndex
{
    private readonly NearTextOptions options;
    private readonly MinHash minHash;
    private readonly Dictionary<ulong, (int Head, int Count)>[] buckets;
    private int[] next = new int[1024];
    private int[] unitDoc = new int[64];
    private int units;
    private readonly List<int> ids = [];
    private readonly List<string> texts = [];
    // The passages of each text and their shingles, kept where texts are passage-indexed (few, long: scripts).
    private readonly List<(Passage Passage, ulong[] Shingles)[]?> kept = [];
    // How many texts hold each shingle, where shingles weigh by rarity.
    private readonly Dictionary<ulong, int>? holding;

    public NearTextIndex(NearTextOptions? options = null)
    {
        this.options = options ??= new NearTextOptions();
        minHash = new MinHash(options.Bands * options.Rows);
        buckets = new Dictionary<ulong, (int, int)>[options.Bands];
        if (options.ByRarity) holding = [];
        for (var b = 0; b < buckets.Length; b++) buckets[b] = [];
    }

    public NearTextOptions Options => options;

    /// <summary>How many texts are indexed.</summary>
    public int Count => ids.Count;

    /// <summary>How many units (passages, or whole texts) are bucketed.</summary>
    public int Units => units;

    /// <summary>Indexes a text under the caller's id; a text with nothing that counts is kept but never met.</summary>
    public void Add(int id, string text)
    {
        var doc = ids.Count;
        ids.Add(id);
        texts.Add(text);
        Span<uint> signature = stackalloc uint[minHash.Functions];
        if (options.ByPassage)
        {
            var passages = PassageShingles(text);
            kept.Add(passages);
            foreach (var (_, shingles) in passages) File(doc, shingles, signature);
            if (holding is not null) Tally(passages.SelectMany(p => p.Item2).Distinct());
        }
        else
        {
            kept.Add(null);
            var shingles = Shingles.Of(Shingles.Normalise(text), options.K);
            File(doc, shingles, signature);
            if (holding is not null) Tally(shingles);
        }
    }

    private void Tally(IEnumerable<ulong> shingles)
    {
        foreach (var x in shingles) System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(holding!, x, out _)++;
    }

    /// <summary>A shingle's weight: 1 where shingles do not weigh by rarity.</summary>
    private double Weight(ulong shingle)
    {
        if (holding is null) return 1.0;
        var idf = Math.Log(1.0 + (double)ids.Count / Math.Max(1, holding.GetValueOrDefault(shingle)));
        return idf * idf;
    }

    /// <summary>How many of a passage's shingles the query holds, and the share of the passage's weight they carry.</summary>
    private (int Shared, double Score) Held(ReadOnlySpan<ulong> passage, ReadOnlySpan<ulong> query)
    {
        int j = 0, shared = 0;
        double held = 0, all = 0;
        foreach (var x in passage)
        {
            var w = Weight(x);
            all += w;
            while (j < query.Length && query[j] < x) j++;
            if (j < query.Length && query[j] == x) { shared++; held += w; }
        }
        return (shared, all == 0 ? 0 : held / all);
    }

    private void File(int doc, ulong[] shingles, Span<uint> signature)
    {
        if (shingles.Length == 0) return;
        minHash.Sign(shingles, signature);
        var u = units++;
        if (unitDoc.Length <= u) Array.Resize(ref unitDoc, unitDoc.Length * 2);
        if (next.Length < (u + 1) * buckets.Length) Array.Resize(ref next, Math.Max(next.Length * 2, (u + 1) * buckets.Length));
        unitDoc[u] = doc;
        for (var b = 0; b < buckets.Length; b++)
        {
            var key = BandKey(signature, b);
            ref var bucket = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(buckets[b], key, out var exists);
            next[u * buckets.Length + b] = exists ? bucket.Head : -1;
            bucket = (u, exists ? bucket.Count + 1 : 1);
        }
    }

    private ulong BandKey(ReadOnlySpan<uint> signature, int band)
    {
        var h = (ulong)band * 0x9E3779B97F4A7C15UL;
        for (var r = 0; r < options.Rows; r++) h = Shingles.Mix(h ^ signature[band * options.Rows + r]);
        return h;
    }

    private (Passage, ulong[])[] PassageShingles(string text)
    {
        var passages = Shingles.Passages(text, options.MinPassage);
        var result = new (Passage, ulong[])[passages.Count];
        for (var p = 0; p < passages.Count; p++)
            result[p] = (passages[p], Shingles.Of(Shingles.Normalise(passages[p].Of(text)), options.K));
        return result;
    }

    /// <summary>
    /// The indexed texts near <paramref name="text"/> whose best passage scores at least <paramref name="minScore"/>,
    /// best first; <paramref name="except"/> leaves out the caller's own id (a report already indexed).
    /// </summary>
    public List<NearMatch> Query(string text, double minScore, int? except = null)
    {
        var result = new List<NearMatch>();
        var normalised = Shingles.Normalise(text);
        var whole = Shingles.Of(normalised, options.K);
        if (whole.Length == 0) return result;
        var queryUnits = options.ByPassage ? [.. PassageShingles(text).Select(p => p.Item2).Where(s => s.Length > 0)] : new[] { whole };
        var signatures = new uint[queryUnits.Length * minHash.Functions];
        // The unit pair with the most bands in common for each text met: the text, its unit, the query's unit, bands.
        var met = new List<(int Doc, int Unit, int QueryUnit, int Bands)>();
        var metAt = new Dictionary<int, int>();
        var hits = new Dictionary<int, int>();
        for (var q = 0; q < queryUnits.Length; q++)
        {
            var signature = signatures.AsSpan(q * minHash.Functions, minHash.Functions);
            minHash.Sign(queryUnits[q], signature);
            hits.Clear();
            for (var b = 0; b < buckets.Length; b++)
            {
                if (!buckets[b].TryGetValue(BandKey(signature, b), out var bucket) || bucket.Count > options.MaxBucket) continue;
                for (var u = bucket.Head; u >= 0; u = next[u * buckets.Length + b])
                    hits[u] = hits.GetValueOrDefault(u) + 1;
            }
            foreach (var (u, n) in hits)
            {
                var doc = unitDoc[u];
                if (except is { } own && ids[doc] == own) continue;
                if (!metAt.TryGetValue(doc, out var i))
                {
                    metAt[doc] = met.Count;
                    met.Add((doc, u, q, n));
                }
                else if (met[i].Bands < n) met[i] = (doc, u, q, n);
            }
        }
        met.Sort((x, y) => y.Bands.CompareTo(x.Bands));
        Span<uint> theirs = stackalloc uint[minHash.Functions];
        foreach (var (doc, unit, q, _) in met.Take(options.MaxCandidates))
        {
            var passages = kept[doc] ?? PassageShingles(texts[doc]);
            int best = -1, bestShared = 0;
            var bestScore = 0.0;
            for (var p = 0; p < passages.Length; p++)
            {
                var shingles = passages[p].Shingles;
                if (shingles.Length == 0) continue;
                var (shared, score) = Held(shingles, whole);
                if (shared >= options.MinShared && (score > bestScore || (score == bestScore && shared > bestShared))) (best, bestScore, bestShared) = (p, score, shared);
            }
            if (best < 0 || bestScore < minScore) continue;
            var all = Shingles.Of(Shingles.Normalise(texts[doc]), options.K);
            var common = Shingles.Shared(all, whole);
            // The estimate compares the units that met: the query's and the text's, signed alike.
            var unitShingles = options.ByPassage ? UnitShingles(passages, unit) : all;
            minHash.Sign(unitShingles, theirs);
            var estimated = MinHash.Estimate(signatures.AsSpan(q * minHash.Functions, minHash.Functions), theirs);
            var passage = passages[best].Passage;
            result.Add(new NearMatch(ids[doc], bestScore, estimated, (double)common / (all.Length + whole.Length - common), (double)common / whole.Length, bestShared,
                passage, passage.Of(texts[doc])));
        }
        result.Sort((x, y) => y.Score != x.Score ? y.Score.CompareTo(x.Score) : y.Shared.CompareTo(x.Shared));
        return result;
    }

    /// <summary>The passage of <paramref name="text"/> (a narrative) that shares the most shingles with <paramref name="passage"/> (the script's): the words that quote it.</summary>
    public string Quoting(string text, string passage)
    {
        var theirs = Shingles.Of(Shingles.Normalise(passage), options.K);
        var best = (Shared: -1, Text: text);
        foreach (var (p, shingles) in PassageShingles(text))
        {
            var shared = Shingles.Shared(shingles, theirs);
            if (shared > best.Shared) best = (shared, p.Of(text));
        }
        return best.Text;
    }

    /// <summary>The shingles of a text's bucketed unit: its passages in order, the empty ones never bucketed.</summary>
    private ulong[] UnitShingles((Passage Passage, ulong[] Shingles)[] passages, int unit)
    {
        var first = unit;
        while (first > 0 && unitDoc[first - 1] == unitDoc[unit]) first--;
        var n = unit - first;
        foreach (var (_, shingles) in passages)
        {
            if (shingles.Length == 0) continue;
            if (n-- == 0) return shingles;
        }
        return [];
    }
}
