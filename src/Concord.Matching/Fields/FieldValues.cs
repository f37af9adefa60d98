using System.Collections.Frozen;
using System.Globalization;

namespace Concord.Matching;

public static class FieldValues
{
    public static bool TryParseSex(string? text, out Sex sex)
    {
        sex = Sex.Unknown;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        var s = text.Trim();
        if (s.Equals("M", StringComparison.OrdinalIgnoreCase) || s.Equals("male", StringComparison.OrdinalIgnoreCase)
            || s.Equals("男", StringComparison.Ordinal))
        {
            sex = Sex.Male;
            return true;
        }
        if (s.Equals("F", StringComparison.OrdinalIgnoreCase) || s.Equals("female", StringComparison.OrdinalIgnoreCase)
            || s.Equals("女", StringComparison.Ordinal))
        {
            sex = Sex.Female;
            return true;
        }
        return false;
    }

    public static bool TryParseNationality(string? text, out string? iso3)
    {
        iso3 = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        return Countries.Value.TryGetValue(CountryKey(text), out iso3);
    }

    public static string ToAsciiDigits(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var i = 0;
        while (i < text.Length && !IsForeignDigit(text[i]))
        {
            i++;
        }
        if (i == text.Length)
        {
            return text;
        }
        return string.Create(text.Length, text, static (span, src) =>
        {
            for (var k = 0; k < src.Length; k++)
            {
                var c = src[k];
                span[k] = c switch
                {
                    >= '\u1040' and <= '\u1049' => (char)('0' + (c - '\u1040')),
                    >= '\uFF10' and <= '\uFF19' => (char)('0' + (c - '\uFF10')),
                    _ => c,
                };
            }
        });
    }

    internal static bool IsForeignDigit(char c) => c is (>= '\u1040' and <= '\u1049') or (>= '\uFF10' and <= '\uFF19');

    // Names are compared case- and punctuation-blind: "People's Republic of China" = "peoples republic of china".
    private static string CountryKey(string text)
    {
        var s = text.Normalize(System.Text.NormalizationForm.FormKC).Trim().ToLowerInvariant();
        var sb = new System.Text.StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    private static readonly Lazy<FrozenDictionary<string, string>> Countries = new(BuildCountries);

    private static FrozenDictionary<string, string> BuildCountries()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string name, string code) => map.TryAdd(CountryKey(name), code);
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            RegionInfo region;
            try
            {
                region = new RegionInfo(culture.Name);
            }
            catch (ArgumentException)
            {
                continue;
            }
            var code = region.ThreeLetterISORegionName;
            if (code.Length != 3 || !code.All(char.IsAsciiLetter))
            {
                continue;
            }
            code = code.ToUpperInvariant();
            Add(code, code);
            Add(region.EnglishName, code);
            Add(region.NativeName, code);
            // ICU spells some as "Myanmar (Burma)": the part before the bracket is the everyday name.
            var bracket = region.EnglishName.IndexOf('(', StringComparison.Ordinal);
            if (bracket > 0)
            {
                Add(region.EnglishName[..bracket], code);
            }
        }
        // The two parties' own spellings must work even where ICU data is missing (invariant globalization).
        string[][] extra =
        [
            ["CHN", "CHN", "China", "PRC", "People's Republic of China", "P.R. China", "Chinese", "中国", "中國", "中华人民共和国", "中華人民共和國", "တရုတ်", "တရုတ်နိုင်ငံ"],
            ["MMR", "MMR", "Myanmar", "Burma", "Union of Myanmar", "Republic of the Union of Myanmar", "Myanmar (Burma)", "Burmese", "缅甸", "緬甸", "မြန်မာ", "မြန်မာနိုင်ငံ"],
            ["TWN", "TWN", "Taiwan", "台湾", "台灣", "臺灣", "臺湾", "中國台灣", "中国台湾", "ထိုင်ဝမ်"],
            ["HKG", "HKG", "Hong Kong", "Hong Kong SAR", "香港", "中国香港", "中國香港", "ဟောင်ကောင်"],
            ["MAC", "MAC", "Macao", "Macau", "澳门", "澳門", "中国澳门", "中國澳門", "မကာအို"],
            ["THA", "THA", "Thailand", "泰国", "泰國", "ထိုင်း", "ထိုင်းနိုင်ငံ"], ["LAO", "LAO", "Laos", "Lao PDR", "老挝", "老撾", "လာအို", "လာအိုနိုင်ငံ"],
            ["VNM", "VNM", "Vietnam", "Viet Nam", "越南", "ဗီယက်နမ်", "ဗီယက်နမ်နိုင်ငံ"],
            ["KHM", "KHM", "Cambodia", "柬埔寨", "ကမ္ဘောဒီးယား", "ကမ္ဘောဒီးယားနိုင်ငံ"], ["MYS", "MYS", "Malaysia", "马来西亚", "馬來西亞", "မလေးရှား", "မလေးရှားနိုင်ငံ"], ["IDN", "IDN", "Indonesia", "印度尼西亚", "印尼"],
            ["PHL", "PHL", "Philippines", "菲律宾", "菲律賓"], ["SGP", "SGP", "Singapore", "新加坡"], ["KOR", "KOR", "South Korea", "Korea", "韩国", "韓國"],
            ["PRK", "PRK", "North Korea", "朝鲜", "朝鮮"], ["JPN", "JPN", "Japan", "日本"], ["IND", "IND", "India", "印度", "အိန္ဒိယ"],
            ["BGD", "BGD", "Bangladesh", "孟加拉国", "孟加拉"], ["PAK", "PAK", "Pakistan", "巴基斯坦"], ["NPL", "NPL", "Nepal", "尼泊尔", "尼泊爾"],
            ["LKA", "LKA", "Sri Lanka", "斯里兰卡", "斯里蘭卡"], ["BRN", "BRN", "Brunei", "文莱", "汶莱"], ["TLS", "TLS", "Timor-Leste", "East Timor", "东帝汶"],
            ["MNG", "MNG", "Mongolia", "蒙古", "蒙古国"], ["BTN", "BTN", "Bhutan", "不丹"], ["MDV", "MDV", "Maldives", "马尔代夫"],
            ["AFG", "AFG", "Afghanistan", "阿富汗"], ["IRN", "IRN", "Iran", "伊朗"], ["IRQ", "IRQ", "Iraq", "伊拉克"], ["KAZ", "KAZ", "Kazakhstan", "哈萨克斯坦"],
            ["KGZ", "KGZ", "Kyrgyzstan", "吉尔吉斯斯坦"], ["TJK", "TJK", "Tajikistan", "塔吉克斯坦"], ["UZB", "UZB", "Uzbekistan", "乌兹别克斯坦"],
            ["TKM", "TKM", "Turkmenistan", "土库曼斯坦"], ["SAU", "SAU", "Saudi Arabia", "沙特阿拉伯"], ["ARE", "ARE", "United Arab Emirates", "阿联酋"],
            ["TUR", "TUR", "Turkey", "Türkiye", "土耳其"], ["ISR", "ISR", "Israel", "以色列"], ["RUS", "RUS", "Russia", "俄罗斯"],
            ["USA", "USA", "United States", "USA", "美国"], ["GBR", "GBR", "United Kingdom", "UK", "英国"],
        ];
        foreach (var row in extra)
        {
            foreach (var name in row.Skip(1))
            {
                map[CountryKey(name)] = row[0];
            }
        }
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
