using System.Collections.Frozen;

namespace Concord.Matching;

/// <summary>One corpus row of regional surname spellings; <see cref="Number"/> lets the evaluation hold rows out.</summary>
internal sealed record RegionalSurname(int Number, string Simplified, string Traditional, string[] Spellings);

/// <summary>The generated tables in Data/, parsed once on first use (the strings stay in the assembly either way).</summary>
internal static class ChineseTables
{
    public static FrozenDictionary<char, string[]> Readings => LazyReadings.Value;

    public static FrozenDictionary<char, char> TraditionalToSimplified => LazyTraditional.Value;

    /// <summary>Name readings of surnames, keyed by simplified form; each reading is its syllables.</summary>
    public static FrozenDictionary<string, string[][]> SurnameReadings => LazySurnames.Value;

    /// <summary>Two-character surnames in simplified form, for <see cref="ChineseNames.Split"/>.</summary>
    public static FrozenSet<string> CompoundSurnames => LazyCompounds.Value;

    /// <summary>Regional spelling rows keyed by both their simplified and traditional forms.</summary>
    public static FrozenDictionary<string, RegionalSurname[]> Regional => LazyRegional.Value;

    /// <summary>Regional rows by their mainland pinyin (the first spelling), for guessing at homophone surnames.</summary>
    public static FrozenDictionary<string, RegionalSurname[]> RegionalByPinyin => LazyByPinyin.Value;

    private static readonly Lazy<FrozenDictionary<string, RegionalSurname[]>> LazyByPinyin = new(() =>
        Regional.Values.SelectMany(rows => rows).Distinct()
            .GroupBy(row => row.Spellings[0], StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.OrderBy(row => row.Number).ToArray(), StringComparer.Ordinal));

    private static readonly Lazy<FrozenDictionary<char, string[]>> LazyReadings = new(() =>
    {
        var map = new Dictionary<char, string[]>();
        foreach (var entry in ChineseData.Readings.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            map[entry[0]] = entry[1..].Split(',');
        }
        return map.ToFrozenDictionary();
    });

    private static readonly Lazy<FrozenDictionary<char, char>> LazyTraditional = new(() =>
    {
        var pairs = ChineseData.TraditionalSimplified;
        var map = new Dictionary<char, char>(pairs.Length / 2);
        for (var i = 0; i + 1 < pairs.Length; i += 2)
        {
            map[pairs[i]] = pairs[i + 1];
        }
        return map.ToFrozenDictionary();
    });

    private static readonly Lazy<FrozenDictionary<string, string[][]>> LazySurnames = new(() =>
    {
        var map = new Dictionary<string, string[][]>(StringComparer.Ordinal);
        foreach (var entry in ChineseData.SurnameReadings.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var cut = 0;
            while (cut < entry.Length && !char.IsAsciiLetterLower(entry[cut]) && entry[cut] != 'ü')
            {
                cut++;
            }
            var key = ChineseNames.ToSimplified(entry[..cut]);
            var readings = entry[cut..].Split(',').Select(r => r.Split('-')).ToArray();
            // The hand-checked reading of a simplified key wins over one reached through a traditional key.
            map.TryAdd(key, readings);
            if (string.Equals(key, entry[..cut], StringComparison.Ordinal))
            {
                map[key] = readings;
            }
        }
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    });

    private static readonly Lazy<FrozenSet<string>> LazyCompounds = new(() =>
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in SurnameReadings.Keys)
        {
            if (key.Length == 2)
            {
                set.Add(key);
            }
        }
        foreach (var rows in Regional.Values)
        {
            foreach (var row in rows)
            {
                if (row.Simplified.Length == 2)
                {
                    set.Add(ChineseNames.ToSimplified(row.Simplified));
                    set.Add(ChineseNames.ToSimplified(row.Traditional));
                }
            }
        }
        return set.ToFrozenSet(StringComparer.Ordinal);
    });

    private static readonly Lazy<FrozenDictionary<string, RegionalSurname[]>> LazyRegional = new(() =>
    {
        var map = new Dictionary<string, List<RegionalSurname>>(StringComparer.Ordinal);
        foreach (var entry in ChineseData.RegionalSpellings.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = entry.Split('|');
            var row = new RegionalSurname(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), parts[1], parts[2], parts[3].Split(','));
            foreach (var key in new[] { row.Simplified, row.Traditional, ChineseNames.ToSimplified(row.Traditional) })
            {
                if (!map.TryGetValue(key, out var list))
                {
                    map[key] = list = [];
                }
                if (!list.Contains(row))
                {
                    list.Add(row);
                }
            }
        }
        return map.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
    });
}
