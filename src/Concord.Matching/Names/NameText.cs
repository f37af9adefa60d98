using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Concord.Matching;

public static class NameText
{
    public static Script DetectScript(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var seen = Script.Unknown;
        foreach (var rune in text.EnumerateRunes())
        {
            var s = ScriptOf(rune.Value);
            if (s == Script.Unknown)
            {
                continue;
            }
            if (seen == Script.Unknown)
            {
                seen = s;
            }
            else if (seen != s)
            {
                return Script.Mixed;
            }
        }
        return seen;
    }

    private static Script ScriptOf(int cp) => cp switch
    {
        >= 'a' and <= 'z' or >= 'A' and <= 'Z' => Script.Latin,
        >= 0x00C0 and <= 0x024F when cp != 0xD7 && cp != 0xF7 => Script.Latin,
        >= 0x1E00 and <= 0x1EFF => Script.Latin,
        >= 0xFF21 and <= 0xFF3A or >= 0xFF41 and <= 0xFF5A => Script.Latin,
        >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF or >= 0xF900 and <= 0xFAFF or >= 0x20000 and <= 0x3134F or 0x3007 => Script.Han,
        >= 0x1000 and <= 0x109F or >= 0xA9E0 and <= 0xA9FF or >= 0xAA60 and <= 0xAA7F => cp is >= 0x104A and <= 0x104F ? Script.Unknown : Script.Myanmar,
        _ => Script.Unknown,
    };

    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var sb = new StringBuilder(s.Length);
        var pendingSpace = false;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (char.IsPunctuation(c) || char.IsSymbol(c))
            {
                continue;
            }
            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    public static IReadOnlyList<string> LatinKeys(string latinName)
    {
        var sink = new List<LatinKey>(4);
        AddLatinKeys(latinName, sink);
        var keys = new List<string>(sink.Count);
        foreach (var k in sink)
        {
            if (!keys.Contains(k.Key, StringComparer.Ordinal))
            {
                keys.Add(k.Key);
            }
        }
        return keys;
    }

    public static string HanKey(string hanName)
    {
        ArgumentNullException.ThrowIfNull(hanName);
        var s = hanName.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c))
            {
                continue;
            }
            sb.Append(TraditionalToSimplified.Value.TryGetValue(c, out var simple) ? simple : c);
        }
        return sb.ToString();
    }

    /// <summary>
    /// A match key with, when it came through a regional surname spelling, the mapping used; <see cref="SurnameLength"/>
    /// is how much of the key the surname takes in the reading that made it, so that a surname only ever meets the other
    /// side's surname ("zhen|xinyang" is not "zhenxin|yang", "feng|guoze" not "guo|zefeng"); 0 for a name written as one
    /// word, whose surname could end anywhere.
    /// </summary>
    internal readonly record struct LatinKey(string Key, string? Via, int SurnameLength);

    internal static void AddLatinKeys(string latinName, List<LatinKey> sink)
    {
        var tokens = LatinTokens(latinName);
        if (tokens.Count == 0)
        {
            return;
        }
        if (tokens.Count == 1)
        {
            var token = tokens[0];
            AddDistinct(sink, new LatinKey(token, null, 0));
            AddVariants(sink, token, string.Empty);
            // Written as one word ("HOYULAN"): a surname spelling at its start, a given name in pinyin after it.
            for (var n = 2; n < token.Length - 1; n++)
            {
                if (SurnameSpellings.Value.ContainsKey(token[..n]) && ChineseSurnames.IsPinyin(token[n..]))
                {
                    AddVariants(sink, token[..n], token[n..]);
                }
            }
            return;
        }
        var rest = string.Concat(tokens.Skip(1));
        var head = string.Concat(tokens.Take(tokens.Count - 1));
        var last = tokens[^1];
        AddDistinct(sink, new LatinKey(tokens[0] + rest, null, tokens[0].Length));
        // Chinese names written given-name first: the last token is the surname.
        AddDistinct(sink, new LatinKey(last + head, null, last.Length));
        // A two-syllable surname written as two words ("OU YANG XIU" is Ouyang Xiu).
        if (tokens.Count >= 3)
        {
            if (ChineseSurnames.IsSurname(tokens[0] + tokens[1]))
            {
                AddDistinct(sink, new LatinKey(tokens[0] + rest, null, tokens[0].Length + tokens[1].Length));
            }
            if (ChineseSurnames.IsSurname(tokens[^2] + last))
            {
                AddDistinct(sink, new LatinKey(tokens[^2] + last + string.Concat(tokens.Take(tokens.Count - 2)), null, tokens[^2].Length + last.Length));
            }
        }
        // Both orders are kept as written, but a regional spelling is read only where the surname stands: "LI YONG"
        // is Li Yong, and "yong = yang" would make him LI YANG.
        // "Chu, Yuan": a comma after the first word says it is the surname, as lists written "Surname, Given" do.
        switch (SurnameBeforeComma(latinName) ? SurnameEnd.First : ChineseSurnames.End(tokens[0], last))
        {
            case SurnameEnd.First:
                AddVariants(sink, tokens[0], rest);
                break;
            case SurnameEnd.Last:
                AddVariants(sink, last, head);
                break;
            default:
                break;
        }
    }

    internal static bool SurnameBeforeComma(string latinName)
    {
        var comma = latinName.IndexOf(',', StringComparison.Ordinal);
        return comma > 0 && LatinTokens(latinName[..comma]).Count == 1 && LatinTokens(latinName[(comma + 1)..]).Count > 0;
    }

    private static void AddVariants(List<LatinKey> sink, string surname, string given)
    {
        if (!SurnameSpellings.Value.TryGetValue(surname, out var pinyins))
        {
            return;
        }
        foreach (var p in pinyins)
        {
            AddDistinct(sink, new LatinKey(p + given, surname + " = " + p, p.Length));
        }
    }

    /// <summary>The pinyin surnames a regional spelling stands for (none for a spelling the table does not hold).</summary>
    internal static IReadOnlyList<string> RegionalReadings(string token) =>
        SurnameSpellings.Value.TryGetValue(token, out var pinyins) ? pinyins : [];

    /// <summary>One entry per key and reading of it: "li li" once, "OUYANG XIU" and "OU YANG XIU" with the surname each gives.</summary>
    private static void AddDistinct(List<LatinKey> sink, LatinKey key)
    {
        foreach (var k in sink)
        {
            if (string.Equals(k.Key, key.Key, StringComparison.Ordinal) && k.SurnameLength == key.SurnameLength && (k.Via is null) == (key.Via is null))
            {
                return;
            }
        }
        sink.Add(key);
    }

    /// <summary>Letters-only lower-case tokens; hyphens and dots join ("Xiao-ming" is one token), spaces and commas split.</summary>
    internal static List<string> LatinTokens(string name)
    {
        var tokens = new List<string>(3);
        var s = name.Normalize(NormalizationForm.FormKD);
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (c is >= 'a' and <= 'z')
            {
                sb.Append(c);
            }
            else if (c is >= 'A' and <= 'Z')
            {
                sb.Append((char)(c + 32));
            }
            else if (char.IsWhiteSpace(c) || c == ',' || c == '，' || c == '/')
            {
                Flush(tokens, sb);
            }
        }
        Flush(tokens, sb);
        return tokens;

        static void Flush(List<string> tokens, StringBuilder sb)
        {
            if (sb.Length > 0)
            {
                tokens.Add(sb.ToString());
                sb.Clear();
            }
        }
    }

    /// <summary>The pinyin surnames a (possibly regional) spelling can stand for, the spelling itself first.</summary>
    internal static IEnumerable<string> SurnameReadings(string token)
    {
        yield return token;
        if (SurnameSpellings.Value.TryGetValue(token, out var pinyins))
        {
            foreach (var p in pinyins)
            {
                yield return p;
            }
        }
    }

    /// <summary>Key for Myanmar-script names: folded, without spaces (clerks split syllables differently).</summary>
    internal static string MyanmarKey(string name) => Fold(name).Replace(" ", string.Empty, StringComparison.Ordinal);

    private static readonly Lazy<FrozenDictionary<string, string[]>> SurnameSpellings = new(() =>
    {
        var map = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var row in ResourceTables.Read("Concord.Matching.Names.chinese-surname-spellings.tsv"))
        {
            if (row.Length < 2)
            {
                continue;
            }
            if (!map.TryGetValue(row[0], out var list))
            {
                map[row[0]] = list = [];
            }
            if (!list.Contains(row[1]))
            {
                list.Add(row[1]);
            }
        }
        return map.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
    });

    // Common given-name characters; the surname pairs come from the embedded table.
    private const string GivenTraditional = "華國偉強軍東興龍鳳麗紅燕輝華傑傳兒勝勞寶實寧嶺嶽廣慶憶樂標權歡滿潔濤熱愛爾紀紅純絲經綠維網義聖聲聽蘭虹術衛裝誠謙護豐貴賢輝達遠運進郵鄉鋒鐵長開陽隊雙雲電靜韋順頌風飛馬鳴鵬麥黃齊";
    private const string GivenSimplified = "华国伟强军东兴龙凤丽红燕辉华杰传儿胜劳宝实宁岭岳广庆忆乐标权欢满洁涛热爱尔纪红纯丝经绿维网义圣声听兰虹术卫装诚谦护丰贵贤辉达远运进邮乡锋铁长开阳队双云电静韦顺颂风飞马鸣鹏麦黄齐";

    private static readonly Lazy<FrozenDictionary<char, char>> TraditionalToSimplified = new(() =>
    {
        var map = new Dictionary<char, char>();
        foreach (var row in ResourceTables.Read("Concord.Matching.Names.traditional-simplified.tsv"))
        {
            if (row.Length >= 2 && row[0].Length == 1 && row[1].Length == 1)
            {
                map.TryAdd(row[0][0], row[1][0]);
            }
        }
        for (var i = 0; i < GivenTraditional.Length && i < GivenSimplified.Length; i++)
        {
            if (GivenTraditional[i] != GivenSimplified[i])
            {
                map.TryAdd(GivenTraditional[i], GivenSimplified[i]);
            }
        }
        return map.ToFrozenDictionary();
    });

    internal static string ToInvariantUpper(string s) => s.ToUpper(CultureInfo.InvariantCulture);
}
