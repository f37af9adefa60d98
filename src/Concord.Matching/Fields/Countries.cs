using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Concord.Matching;

/// <summary>
/// Every territory's name in the languages Concord is used in (English, Simplified and Traditional Chinese, Burmese), from
/// CLDR (the table <c>Fields/Data/countries.tsv</c>, built by <c>tools/countries/build.mjs</c>), plus the forms clerks
/// write that CLDR does not list (PRC, Burma, 中國台灣, မြန်မာနိုင်ငံ, adjectives such as "Chinese"). It reads a
/// nationality written in any of them to its ISO 3166-1 alpha-3 code, and names a code in a language. It does not depend
/// on the machine's ICU data, so a node in invariant-globalization mode reads 緬甸 as it does everywhere else.
/// </summary>
public static class Countries
{
    /// <summary>One territory: its code and its name in each language.</summary>
    public sealed record Territory(string Iso3, string Iso2, string English, string SimplifiedChinese, string TraditionalChinese, string Burmese);

    private static readonly Lazy<(FrozenDictionary<string, Territory> ByCode, FrozenDictionary<string, string> ByName)> Table = new(Build);

    /// <summary>Every territory, by alpha-3 code.</summary>
    public static IReadOnlyDictionary<string, Territory> All => Table.Value.ByCode;

    /// <summary>The alpha-3 code of a nationality written as a code (alpha-2 or alpha-3) or a name in any of the four languages.</summary>
    public static bool TryParse(string? text, out string? iso3)
    {
        iso3 = null;
        return !string.IsNullOrWhiteSpace(text) && Table.Value.ByName.TryGetValue(Key(text), out iso3);
    }

    /// <summary>
    /// A code's name in a language: <c>en</c>, <c>zh</c> (or <c>zh-Hans</c>), <c>zh-Hant</c>, <c>my</c>; the code itself
    /// when the table does not know it.
    /// </summary>
    public static string Name(string iso3, string language)
    {
        if (!Table.Value.ByCode.TryGetValue(iso3, out var t))
        {
            return iso3;
        }
        var name = language switch
        {
            "zh" or "zh-Hans" or "zh-CN" => t.SimplifiedChinese,
            "zh-Hant" or "zh-TW" or "zh-HK" => t.TraditionalChinese,
            "my" or "my-MM" => t.Burmese,
            _ => t.English,
        };
        return name.Length > 0 ? name : t.English;
    }

    // Names are compared case- and punctuation-blind: "People's Republic of China" = "peoples republic of china".
    internal static string Key(string text)
    {
        var s = text.Normalize(NormalizationForm.FormKC).Trim().ToLowerInvariant();
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    // Forms that officers write and CLDR does not give as a territory name: official long names, old names, adjectives,
    // and the two parties' usual spellings.
    private static readonly string[][] OtherForms =
    [
        ["CHN", "PRC", "People's Republic of China", "P.R. China", "Chinese", "中华人民共和国", "中華人民共和國", "တရုတ်နိုင်ငံ", "တရုတ်ပြည်"],
        ["MMR", "Myanmar", "Burma", "Union of Myanmar", "Republic of the Union of Myanmar", "Burmese", "မြန်မာနိုင်ငံ", "缅甸联邦", "緬甸聯邦"],
        ["TWN", "臺灣", "臺湾", "中國台灣", "中国台湾", "中國臺灣", "Taiwan, China", "Chinese Taipei"],
        ["HKG", "Hong Kong", "Hong Kong SAR", "Hongkong", "中国香港", "中國香港"],
        ["MAC", "Macao", "Macau", "Macao SAR", "中国澳门", "中國澳門"],
        ["THA", "Thai", "ထိုင်းနိုင်ငံ"], ["LAO", "Lao PDR", "Lao", "Laotian", "လာအိုနိုင်ငံ"], ["VNM", "Viet Nam", "Vietnamese", "ဗီယက်နမ်နိုင်ငံ"],
        ["KHM", "Cambodian", "ကမ္ဘောဒီးယားနိုင်ငံ"], ["MYS", "Malaysian", "မလေးရှားနိုင်ငံ"], ["IDN", "Indonesian", "印尼"],
        ["PHL", "Filipino"], ["KOR", "Korea", "Republic of Korea", "South Korean"], ["PRK", "DPRK", "North Korean"],
        ["USA", "USA", "United States of America", "U.S.A."], ["GBR", "UK", "Great Britain", "Britain"],
        ["MNG", "蒙古国", "蒙古國"], ["BGD", "孟加拉"], ["TUR", "Turkey"], ["ARE", "UAE", "阿联酋", "阿聯酋"],
    ];

    private static (FrozenDictionary<string, Territory>, FrozenDictionary<string, string>) Build()
    {
        var byCode = new Dictionary<string, Territory>(StringComparer.Ordinal);
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string name, string code)
        {
            var key = Key(name);
            if (key.Length > 0)
            {
                byName.TryAdd(key, code);
            }
        }
        using var stream = typeof(Countries).Assembly.GetManifestResourceStream("Concord.Matching.Fields.countries.tsv")
            ?? throw new InvalidOperationException("The territory table is missing from Concord.Matching.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var rows = new List<string[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                rows.Add(line.Split('\t'));
            }
        }
        // Codes first, so that a name never shadows a code ("IN" is India, whatever else is written "in").
        foreach (var f in rows)
        {
            byCode[f[0]] = new Territory(f[0], f[1], f[2], f[3], f[4], f[5]);
            Add(f[0], f[0]);
            Add(f[1], f[0]);
        }
        foreach (var f in rows)
        {
            for (var i = 2; i <= 5; i++)
            {
                Add(f[i], f[0]);
                // CLDR writes some with a bracket, "Myanmar (Burma)": the part before it is the everyday name.
                var bracket = f[i].IndexOfAny(['(', '（']);
                if (bracket > 0)
                {
                    Add(f[i][..bracket], f[0]);
                }
            }
            if (f.Length > 6)
            {
                foreach (var other in f[6].Split('|', StringSplitOptions.RemoveEmptyEntries))
                {
                    Add(other, f[0]);
                }
            }
        }
        foreach (var row in OtherForms)
        {
            foreach (var name in row.Skip(1))
            {
                byName[Key(name)] = row[0];
            }
        }
        return (byCode.ToFrozenDictionary(StringComparer.Ordinal), byName.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
