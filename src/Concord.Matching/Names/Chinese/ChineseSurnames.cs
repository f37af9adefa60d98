using System.Collections.Frozen;

namespace Concord.Matching;

/// <summary>Which end of a Latin name of several tokens holds the surname.</summary>
internal enum SurnameEnd { None, First, Last }

/// <summary>
/// Tells the surname of a Latin-written Chinese name from its given name, so that a regional surname spelling is read
/// on the surname only. Either end may hold it (clerks write "LI YONG" and "Yong Li"). When both ends could be a
/// surname: a spelling that is no pinyin (Lee, Wong, Cheung) cannot be a given name; then a common surname in its own
/// pinyin beats a token that is a surname only as another surname's regional spelling or as a rare one (Yong Li is Mr
/// Li, Cheng Ling Ms Cheng); between two common surnames, the commoner of what each can stand for (Tan Wei: Tan is also
/// Chen, the commonest but four).
/// </summary>
internal static class ChineseSurnames
{
    // The commonest surnames of the mainland household register, commonest first (published rankings; neighbours with
    // near-equal counts change places from year to year, which does not matter here). A surname beyond the list ranks
    // after all of them.
    private const string Commonest =
        "王李张刘陈杨黄赵吴周徐孙马胡朱郭何罗高林郑梁谢唐许冯宋韩邓彭曹曾田于萧潘袁董叶杜丁蒋程余吕魏蔡苏任卢沈姜姚钟崔陆谭汪"
        + "石付贾范金方韦夏廖侯白孟邹秦尹江熊薛邱阎段雷季史陶毛贺龙万顾关郝孔向龚邵钱武扶黎汤戴严文常牛莫洪米康温代赖施覃安";

    private const int Rare = int.MaxValue;

    public static SurnameEnd End(string first, string last)
    {
        var f = Rank(first);
        var l = Rank(last);
        if (f is null && l is null)
        {
            return SurnameEnd.None;
        }
        if (l is null)
        {
            return SurnameEnd.First;
        }
        if (f is null)
        {
            return SurnameEnd.Last;
        }
        var firstPinyin = IsPinyin(first);
        if (firstPinyin != IsPinyin(last))
        {
            return firstPinyin ? SurnameEnd.Last : SurnameEnd.First;
        }
        var firstCommon = f.Value.Own != Rare;
        if (firstCommon != (l.Value.Own != Rare))
        {
            return firstCommon ? SurnameEnd.First : SurnameEnd.Last;
        }
        // Surname first on a tie: that is how Chinese documents and passports write a name.
        return Math.Min(l.Value.Own, l.Value.Regional) < Math.Min(f.Value.Own, f.Value.Regional) ? SurnameEnd.Last : SurnameEnd.First;
    }

    /// <summary>
    /// How common the token is as a surname in its own pinyin, and as the commonest surname it is a regional spelling of
    /// (0 the commonest, <see cref="Rare"/> beyond the list); null when the token is no surname at all.
    /// </summary>
    internal static (int Own, int Regional)? Rank(string token)
    {
        var regional = NameText.RegionalReadings(token);
        if (!PinyinSurnames.Value.Contains(token) && regional.Count == 0)
        {
            return null;
        }
        var own = Ranks.Value.GetValueOrDefault(token, Rare);
        var other = Rare;
        foreach (var p in regional)
        {
            other = Math.Min(other, Ranks.Value.GetValueOrDefault(p, Rare));
        }
        return (own, other);
    }

    /// <summary>Whether the token is a surname in pinyin or in a regional spelling of one.</summary>
    internal static bool IsSurname(string token) => Rank(token) is not null;

    /// <summary>
    /// Whether the token can stand where a surname stands, spelt right or not: a surname, one pinyin syllable, or no
    /// pinyin at all (a misspelling such as "zhnag"); "xutong" and "shanfu", given names of two syllables, cannot.
    /// </summary>
    internal static bool CouldBeSurname(string token) => IsSurname(token) || Syllables.Value.Contains(token) || !IsPinyin(token);

    /// <summary>
    /// Whether the token can be read as pinyin syllables, as a given name is written: a syllable after the first begins
    /// with a consonant (pinyin writes an apostrophe otherwise), so "lee" is no "le'e" and "wong" no "wo'ng".
    /// </summary>
    internal static bool IsPinyin(string token)
    {
        // reachable[i]: the first i letters are whole syllables.
        var reachable = new bool[token.Length + 1];
        reachable[0] = true;
        for (var i = 0; i < token.Length; i++)
        {
            if (!reachable[i] || (i > 0 && "aeiou".Contains(token[i], StringComparison.Ordinal)))
            {
                continue;
            }
            for (var n = 1; n <= MaxSyllable && i + n <= token.Length; n++)
            {
                if (Syllables.Value.Contains(token.Substring(i, n)))
                {
                    reachable[i + n] = true;
                }
            }
        }
        return reachable[token.Length];
    }

    private const int MaxSyllable = 6;

    // Interjections (嗯 ng, 呣 m) are syllables no name is written in.
    private static readonly Lazy<FrozenSet<string>> Syllables = new(() =>
        ChineseTables.Readings.Values.SelectMany(r => r).Select(PinyinSpelling.Key).Where(r => r.Any(c => "aeiouv".Contains(c, StringComparison.Ordinal)))
            .ToFrozenSet(StringComparer.Ordinal));

    private static readonly Lazy<FrozenSet<string>> PinyinSurnames = new(() =>
        ChineseTables.SurnameReadings.Values.SelectMany(r => r).Select(Key).ToFrozenSet(StringComparer.Ordinal));

    private static readonly Lazy<FrozenDictionary<string, int>> Ranks = new(() =>
    {
        var ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Commonest.Length; i++)
        {
            if (ChineseTables.SurnameReadings.TryGetValue(Commonest[i].ToString(), out var readings))
            {
                ranks.TryAdd(Key(readings[0]), i);
            }
        }
        return ranks.ToFrozenDictionary(StringComparer.Ordinal);
    });

    private static string Key(string[] syllables) => string.Concat(syllables.Select(PinyinSpelling.Key));
}
