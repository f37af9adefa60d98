using System.Collections.Concurrent;

namespace Concord.Matching;

// Scores a Latin spelling against a Burmese name as the cheapest alignment of the name's spelling units to the
// spelling's tokens, a token covering one unit or a learned run of units ("Nilar"). Costs are negative log
// frequencies from the learned table, plus an edit-distance penalty for spellings the table never saw.
// Ranking one name against thousands of spellings is the hot path, so token costs are memoised per name by
// token id and the alignment itself only reads arrays.
internal sealed class BurmeseSpellingModel
{
    private const float EditWeight = 2.2f;
    private const float EditBase = 0.6f;
    private const float SkipUnitCost = 6f;
    private const float ExtraTokenCost = 5f;
    private const float UnlearnedMergeCost = 2.5f;
    private const int CacheLimit = 4096;
    private const float MaxTokenCost = 9f;

    private static readonly Lazy<Dictionary<string, Entry>> Table = new(BuildTable);
    private static readonly ConcurrentDictionary<string, BurmeseSpellingModel> Models = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, BurmeseInfo> BurmeseCache = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, LatinInfo> LatinCache = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, int> TokenIds = new(StringComparer.Ordinal);

    // Units and runs of units recur across thousands of names, so their token costs are shared between models.
    private static readonly ConcurrentDictionary<string, ConcurrentDictionary<int, float>> GroupMemo = new(StringComparer.Ordinal);
    private static int _groupMemoCount;

    private readonly int _units;
    private readonly GroupModel?[] _groups;
    private readonly float[] _separation;
    private readonly ConcurrentDictionary<int, float[]> _memo = new();

    // ConcurrentDictionary.Count takes every lock, far too slow on the ranking path, so sizes are tracked here.
    private static int _models;
    private static int _burmese;
    private static int _latin;
    private static int _tokens;
    private int _memoCount;

    internal sealed record Candidate(string Text, float Cost);

    internal sealed record GroupModel(string Key, Candidate[] Candidates, float MergeCost, bool Learned);

    private sealed record Entry(List<(string Spelling, int Count)> Spellings, int Separate)
    {
        public int Total => Spellings.Sum(s => s.Count);
    }

    internal sealed record BurmeseInfo(BurmeseSpellingModel? Full, BurmeseSpellingModel? Stripped, string? HonorificLatin);

    internal sealed record LatinInfo(string[] Tokens, int[] Ids, int HonorificTokens, string? HonorificLatin);

    private BurmeseSpellingModel(IReadOnlyList<string> units)
    {
        _units = units.Count;
        _groups = new GroupModel?[_units * 3];
        _separation = new float[_units + 1];
        for (var i = 0; i < _units; i++)
        {
            for (var len = 1; len <= 3 && i + len <= _units; len++)
            {
                _groups[(i * 3) + len - 1] = BuildGroup(units, i, len);
            }
            if (i > 0 && Table.Value.TryGetValue(Key(units, i - 1, 2), out var pair))
            {
                var merged = pair.Total;
                _separation[i] = -MathF.Log((pair.Separate + 0.5f) / (merged + pair.Separate + 1f));
            }
        }
    }

    internal static string Key(IReadOnlyList<string> units, int start, int len) =>
        len == 1 ? units[start] : string.Join('+', units.Skip(start).Take(len));

    internal static BurmeseSpellingModel For(IReadOnlyList<string> units)
    {
        var key = string.Join('+', units);
        if (Models.TryGetValue(key, out var model))
        {
            return model;
        }
        if (Interlocked.Increment(ref _models) > CacheLimit)
        {
            Models.Clear();
            Interlocked.Exchange(ref _models, 0);
        }
        return Models.GetOrAdd(key, _ => new BurmeseSpellingModel(units));
    }

    internal static BurmeseInfo Burmese(string text)
    {
        if (BurmeseCache.TryGetValue(text, out var info))
        {
            return info;
        }
        if (Interlocked.Increment(ref _burmese) > CacheLimit)
        {
            BurmeseCache.Clear();
            Interlocked.Exchange(ref _burmese, 0);
        }
        return BurmeseCache.GetOrAdd(text, static t =>
        {
            var unicode = BurmeseSyllables.Canonical(Zawgyi.ToUnicode(t.Trim()));
            var fullUnits = BurmeseSyllables.Units(BurmeseSyllables.Split(unicode));
            if (fullUnits.Count == 0)
            {
                return new BurmeseInfo(null, null, null);
            }
            var parsed = BurmeseNames.Parse(t);
            BurmeseSpellingModel? stripped = null;
            string? honorific = null;
            if (parsed.Honorific is not null)
            {
                var units = BurmeseSyllables.Units(BurmeseSyllables.Split(parsed.Name));
                if (units.Count > 0)
                {
                    stripped = For(units);
                    honorific = BurmeseNames.HonorificLatin(parsed.Honorific);
                }
            }
            return new BurmeseInfo(For(fullUnits), stripped, honorific);
        });
    }

    internal static LatinInfo Latin(string text)
    {
        if (LatinCache.TryGetValue(text, out var info))
        {
            return info;
        }
        if (Interlocked.Increment(ref _latin) > CacheLimit * 32)
        {
            LatinCache.Clear();
            Interlocked.Exchange(ref _latin, 0);
        }
        return LatinCache.GetOrAdd(text, static t =>
        {
            var tokens = BurmeseNames.LatinTokens(t);
            var ids = new int[tokens.Count];
            for (var i = 0; i < ids.Length; i++)
            {
                ids[i] = TokenIds.TryGetValue(tokens[i], out var id) ? id
                    : Volatile.Read(ref _tokens) > 1_000_000 ? -1
                    : TokenIds.GetOrAdd(tokens[i], _ => Interlocked.Increment(ref _tokens));
            }
            var h = BurmeseNames.HonorificTokenCount(tokens);
            return new LatinInfo([.. tokens], ids, h, h > 0 ? BurmeseNames.HonorificLatinOfToken(tokens[0]) : null);
        });
    }

    internal GroupModel? Group(int start, int len) => len is < 1 or > 3 || start + len > _units ? null : _groups[(start * 3) + len - 1];

    internal float SeparationCost(int boundary) => _separation[boundary];

    internal double Similarity(LatinInfo latin, int skipTokens, float extraCost)
    {
        var m = latin.Tokens.Length - skipTokens;
        if (m <= 0)
        {
            return 0;
        }
        var n = _units;
        var w = m + 1;
        Span<float> dp = (n + 1) * w <= 256 ? stackalloc float[(n + 1) * w] : new float[(n + 1) * w];
        dp.Fill(float.PositiveInfinity);
        dp[0] = 0;
        // Token-major order: every move goes to a later unit or the next token, so one pass suffices and each
        // token's memoised costs are fetched once.
        for (var j = 0; j <= m; j++)
        {
            var t = j + skipTokens;
            var costs = j < m ? TokenCosts(latin.Tokens[t], latin.Ids[t]) : null;
            for (var i = 0; i <= n; i++)
            {
                var here = dp[(i * w) + j];
                if (float.IsPositiveInfinity(here))
                {
                    continue;
                }
                if (i < n)
                {
                    Relax(dp, ((i + 1) * w) + j, here + SkipUnitCost);
                }
                if (costs is null)
                {
                    continue;
                }
                Relax(dp, (i * w) + j + 1, here + ExtraTokenCost + latin.Tokens[t].Length);
                var sep = i > 0 && j > 0 ? _separation[i] : 0f;
                for (var len = 1; len <= 3 && i + len <= n; len++)
                {
                    Relax(dp, ((i + len) * w) + j + 1, here + sep + costs[(i * 3) + len - 1]);
                }
            }
        }
        var total = dp[(n * w) + m] + extraCost;
        return Math.Exp(-total / (n + 1.0));
    }

    private static void Relax(Span<float> dp, int at, float value)
    {
        if (value < dp[at])
        {
            dp[at] = value;
        }
    }

    private float[] TokenCosts(string token, int id)
    {
        if (id >= 0 && _memo.TryGetValue(id, out var cached))
        {
            return cached;
        }
        var costs = new float[_groups.Length];
        for (var g = 0; g < _groups.Length; g++)
        {
            var group = _groups[g];
            if (group is null)
            {
                costs[g] = float.PositiveInfinity;
                continue;
            }
            if (id >= 0)
            {
                var shared = GroupMemo.GetOrAdd(group.Key, static _ => new ConcurrentDictionary<int, float>());
                if (!shared.TryGetValue(id, out var known))
                {
                    known = BestCost(group, token);
                    if (Interlocked.Increment(ref _groupMemoCount) < 2_000_000)
                    {
                        shared.TryAdd(id, known);
                    }
                }
                costs[g] = known;
                continue;
            }
            costs[g] = BestCost(group, token);
        }
        if (id >= 0 && Interlocked.Increment(ref _memoCount) < 200_000)
        {
            _memo.TryAdd(id, costs);
        }
        return costs;
    }

    // Past MaxTokenCost a token is simply wrong for the group; capping it skips most edit distances.
    private static float BestCost(GroupModel group, string token)
    {
        var best = MaxTokenCost;
        foreach (var c in group.Candidates)
        {
            if (c.Cost >= best)
            {
                break;
            }
            if (string.Equals(c.Text, token, StringComparison.Ordinal))
            {
                best = c.Cost;
                continue;
            }
            var bound = c.Cost + EditBase + (EditWeight * Math.Abs(c.Text.Length - token.Length));
            if (bound >= best)
            {
                continue;
            }
            var limit = (int)MathF.Ceiling((best - c.Cost - EditBase) / EditWeight);
            best = Math.Min(best, c.Cost + EditBase + (EditWeight * EditDistance.Levenshtein(token, c.Text, limit)));
        }
        return best + group.MergeCost;
    }

    private static GroupModel? BuildGroup(IReadOnlyList<string> units, int start, int len)
    {
        var table = Table.Value;
        if (len == 1)
        {
            var unit = units[start];
            var fallback = BurmesePhonetic.Spell(unit);
            var list = new List<Candidate>();
            if (table.TryGetValue(unit, out var e) && e.Spellings.Count > 0)
            {
                var total = e.Total + 1f;
                list.AddRange(e.Spellings.Select(s => new Candidate(s.Spelling, -MathF.Log(s.Count / total))));
                if (!list.Exists(c => string.Equals(c.Text, fallback, StringComparison.Ordinal)))
                {
                    list.Add(new Candidate(fallback, -MathF.Log(1f / (total + 1f)) + 0.5f));
                }
            }
            else
            {
                list.Add(new Candidate(fallback, 0.3f));
            }
            return new GroupModel(unit, [.. list.OrderBy(c => c.Cost)], 0f, true);
        }
        var key = Key(units, start, len);
        if (table.TryGetValue(key, out var merged) && merged.Spellings.Count > 0)
        {
            var total = merged.Total + 1f;
            var mergeCost = -MathF.Log((merged.Total + 0.5f) / (merged.Total + merged.Separate + 1f));
            var list = merged.Spellings.Select(s => new Candidate(s.Spelling, -MathF.Log(s.Count / total))).ToList();
            return new GroupModel(key, [.. list.Concat(Concatenations(units, start, len, 1.5f)).OrderBy(c => c.Cost)], mergeCost, true);
        }
        // Three units run into one token only in learned names; guessing such runs costs more than it finds.
        return len > 2 ? null : new GroupModel(key, Concatenations(units, start, len, 0f), UnlearnedMergeCost, false);
    }

    // A run of units written as one token without a learned spelling: the top spellings of each unit run together.
    private static Candidate[] Concatenations(IReadOnlyList<string> units, int start, int len, float extra)
    {
        IEnumerable<Candidate> acc = [new Candidate(string.Empty, extra)];
        for (var k = start; k < start + len; k++)
        {
            var single = BuildGroup(units, k, 1)!.Candidates.Take(2).ToArray();
            acc = acc.SelectMany(a => single.Select(s => new Candidate(a.Text + s.Text, a.Cost + s.Cost))).ToList();
        }
        return [.. acc.OrderBy(c => c.Cost).Take(3)];
    }


    // How often each spelling unit occurs in the training names, for judging which of two readings of a string is
    // the more plausible name (Zawgyi.IsZawgyi). A learned run ("နီ+လာ") also counts as one occurrence of each unit.
    private static readonly Lazy<(Dictionary<string, int> Counts, int Total)> UnitCounts = new(BuildUnitCounts);

    // Additive smoothing: an unseen unit keeps some probability (names the table never saw are common), but less
    // than any seen unit, so a reading made of attested syllables beats one that needs unseen ones.
    private const double UnitSmoothing = 0.5;

    /// <summary>Natural-log probability of a spelling unit under the training names' unit frequencies.</summary>
    internal static double UnitLogProbability(string unit)
    {
        var (counts, total) = UnitCounts.Value;
        var count = counts.GetValueOrDefault(unit);
        return Math.Log((count + UnitSmoothing) / (total + (UnitSmoothing * (counts.Count + 1))));
    }

    private static (Dictionary<string, int> Counts, int Total) BuildUnitCounts()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        foreach (var (key, e) in Table.Value)
        {
            // "Written apart" counts repeat occurrences already counted under the single units.
            var n = e.Spellings.Sum(s => s.Count);
            foreach (var unit in key.Split('+'))
            {
                counts[unit] = counts.GetValueOrDefault(unit) + n;
                total += n;
            }
        }
        return (counts, total);
    }

    private static Dictionary<string, Entry> BuildTable()
    {
        var table = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var (key, spelling, count) in BurmeseSpellingData.Entries)
        {
            if (!table.TryGetValue(key, out var e))
            {
                e = new Entry([], 0);
                table[key] = e;
            }
            if (spelling.Length == 0)
            {
                table[key] = e with { Separate = e.Separate + count };
            }
            else
            {
                e.Spellings.Add((spelling, count));
            }
        }
        return table;
    }
}
