using System.Globalization;
using System.Text;

namespace Concord.Matching;

public static class BurmeseNames
{
    // Syllables of each honorific in canonical Unicode, its usual Latin spelling, and how many name syllables
    // must follow before the prefix is read as a title. Sai (Shan "Mr") is also a very common first element of
    // Shan given names that clerks keep ("Sai Lin"), so it is taken as a title only when two or more syllables
    // follow ("Sai Aung Win"); a lone "Sai X" stays whole.
    private static readonly (string[] Syllables, string Latin, int MinRest)[] MyanmarHonorifics =
    [
        (["\u1006", "\u101B\u102C", "\u1019"], "Sayama", 1),
        (["\u1006", "\u101B\u102C"], "Saya", 1),
        (["\u1026\u1038"], "U", 1),
        (["\u1012\u1031\u102B\u103A"], "Daw", 1),
        (["\u1012\u1031\u102C\u103A"], "Daw", 1),
        (["\u1019\u1031\u102C\u1004\u103A"], "Maung", 1),
        (["\u1000\u102D\u102F"], "Ko", 1),
        (["\u1019"], "Ma", 1),
        (["\u1014\u1031\u102C\u103A"], "Naw", 1),
        (["\u1005\u102D\u102F\u1004\u103A\u1038"], "Sai", 2),
    ];

    private static readonly Dictionary<string, (string Latin, int MinRest)> LatinHonorifics = new(StringComparer.Ordinal)
    {
        ["u"] = ("U", 1),
        ["daw"] = ("Daw", 1),
        ["maung"] = ("Maung", 1),
        ["mg"] = ("Maung", 1),
        ["ko"] = ("Ko", 1),
        ["ma"] = ("Ma", 1),
        ["saya"] = ("Saya", 1),
        ["sayama"] = ("Sayama", 1),
        ["naw"] = ("Naw", 1),
        ["sai"] = ("Sai", 2),
    };

    /// <summary>Converts Zawgyi to Unicode and takes one leading honorific (Myanmar script or Latin) off the front.
    /// Only the first of several variants written in one field (separated by ၊ , ; /) is kept.</summary>
    public static BurmeseName Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = Alternatives(text)[0].Trim();
        string? latinHonorific = null;
        var firstSpace = trimmed.IndexOfAny([' ', '\t', '.']);
        if (firstSpace > 0 && NameText.DetectScript(trimmed[..firstSpace]) == Script.Latin)
        {
            var rest = trimmed[(firstSpace + 1)..].TrimStart(' ', '\t', '.');
            if (LatinHonorifics.TryGetValue(FoldToken(trimmed[..firstSpace]), out var h) && rest.Length > 0)
            {
                var restIsMyanmar = NameText.DetectScript(rest) == Script.Myanmar;
                var restCount = restIsMyanmar ? BurmeseSyllables.Split(Zawgyi.ToUnicode(rest)).Count : LatinTokens(rest).Count;
                if (restCount >= h.MinRest)
                {
                    latinHonorific = trimmed[..firstSpace];
                    if (!restIsMyanmar)
                    {
                        return new BurmeseName(rest, latinHonorific);
                    }
                    trimmed = rest;
                }
            }
        }
        if (NameText.DetectScript(trimmed) is not (Script.Myanmar or Script.Mixed))
        {
            return new BurmeseName(trimmed, latinHonorific);
        }
        var syllables = BurmeseSyllables.Split(Zawgyi.ToUnicode(trimmed));
        if (latinHonorific is null)
        {
            foreach (var (hs, _, minRest) in MyanmarHonorifics)
            {
                if (StartsWith(syllables, hs) && syllables.Count - hs.Length >= minRest)
                {
                    return new BurmeseName(string.Concat(syllables.Skip(hs.Length)), string.Concat(hs));
                }
            }
        }
        return new BurmeseName(string.Concat(syllables), latinHonorific);
    }

    /// <summary>Orthographic syllables of Unicode Myanmar text; stacks and kinzi stay with their syllable.</summary>
    public static IReadOnlyList<string> Syllables(string unicodeName)
    {
        ArgumentNullException.ThrowIfNull(unicodeName);
        return BurmeseSyllables.Split(unicodeName);
    }

    /// <summary>Up to <paramref name="max"/> conventional Latin spellings, best first, honorific included.</summary>
    public static IReadOnlyList<string> Romanize(string text, int max = 4)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var parsed = Parse(text);
        var prefix = parsed.Honorific is null ? string.Empty : HonorificLatin(parsed.Honorific) + " ";
        var units = BurmeseSyllables.Units(BurmeseSyllables.Split(parsed.Name));
        if (units.Count == 0)
        {
            return [];
        }
        var model = BurmeseSpellingModel.For(units);
        var beam = new List<(float Cost, string Text)>[units.Count + 1];
        beam[0] = [(0f, string.Empty)];
        var width = Math.Max(8, max * 3);
        for (var i = 0; i < units.Count; i++)
        {
            beam[i] ??= [];
            if (beam[i].Count == 0)
            {
                continue;
            }
            var top = beam[i].OrderBy(b => b.Cost).Take(width).ToList();
            for (var len = 1; len <= Math.Min(3, units.Count - i); len++)
            {
                var group = model.Group(i, len);
                if (group is null || (len > 1 && !group.Learned))
                {
                    continue;
                }
                var sep = i > 0 ? model.SeparationCost(i) : 0f;
                foreach (var cand in group.Candidates.Take(max + 1))
                {
                    foreach (var (cost, sofar) in top)
                    {
                        var next = sofar.Length == 0 ? Capitalize(cand.Text) : sofar + " " + Capitalize(cand.Text);
                        (beam[i + len] ??= []).Add((cost + sep + cand.Cost + group.MergeCost, next));
                    }
                }
            }
        }
        var results = new List<string>(max);
        foreach (var (_, t) in (beam[units.Count] ?? []).OrderBy(b => b.Cost))
        {
            var full = prefix + t;
            if (!results.Contains(full, StringComparer.Ordinal))
            {
                results.Add(full);
                if (results.Count == max)
                {
                    break;
                }
            }
        }
        return results;
    }

    /// <summary>How well a Latin spelling fits a Burmese name, in [0, 1], for ranking spellings of one name;
    /// either side may carry an honorific. Results are cached per name and per spelling.</summary>
    public static double SpellingSimilarity(string burmese, string latin)
    {
        ArgumentNullException.ThrowIfNull(burmese);
        ArgumentNullException.ThrowIfNull(latin);
        var l = BurmeseSpellingModel.Latin(latin);
        if (l.Tokens.Length == 0)
        {
            return 0;
        }
        // A register sometimes lists variant spellings in one field ("ဘထူး၊ ဗထူး"); the best one counts.
        var best = 0.0;
        foreach (var alternative in Alternatives(burmese))
        {
            best = Math.Max(best, Score(BurmeseSpellingModel.Burmese(alternative), l));
        }
        return best;
    }

    private static double Score(BurmeseSpellingModel.BurmeseInfo b, BurmeseSpellingModel.LatinInfo l)
    {
        if (b.Full is null)
        {
            return 0;
        }
        // Either side may carry a title the other lacks; dropping one costs a little so that a spelling that
        // matches the title too ("Ma Ma Gyi" for မမကြီး) still wins over one that only matches the rest.
        var best = b.Full.Similarity(l, 0, 0f);
        if (b.Stripped is not null)
        {
            best = Math.Max(best, b.Stripped.Similarity(l, 0, 0.5f));
            if (l.HonorificTokens > 0)
            {
                var same = string.Equals(b.HonorificLatin, l.HonorificLatin, StringComparison.Ordinal);
                best = Math.Max(best, b.Stripped.Similarity(l, l.HonorificTokens, same ? 0f : 1.5f));
            }
        }
        if (l.HonorificTokens > 0)
        {
            best = Math.Max(best, b.Full.Similarity(l, l.HonorificTokens, 0.5f));
        }
        return best;
    }

    internal static string[] Alternatives(string text)
    {
        if (text.IndexOfAny(AlternativeSeparators) < 0)
        {
            return [text];
        }
        var parts = text.Split(AlternativeSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length == 0 ? [text] : parts;
    }

    private static readonly char[] AlternativeSeparators = ['\u104A', '\u104B', ',', ';', '/'];

    /// <summary>Lower-case letters and digits of a Latin Burmese name without its leading honorific, for blocking.</summary>
    public static string LatinKey(string latin)
    {
        ArgumentNullException.ThrowIfNull(latin);
        var tokens = LatinTokens(latin);
        var skip = HonorificTokenCount(tokens);
        return string.Concat(tokens.Skip(skip));
    }

    internal static int HonorificTokenCount(IReadOnlyList<string> foldedTokens) =>
        foldedTokens.Count > 0 && LatinHonorifics.TryGetValue(foldedTokens[0], out var h) && foldedTokens.Count - 1 >= h.MinRest ? 1 : 0;

    internal static string? HonorificLatinOfToken(string foldedToken) =>
        LatinHonorifics.TryGetValue(foldedToken, out var h) ? h.Latin : null;

    internal static string HonorificLatin(string honorific)
    {
        var folded = FoldToken(honorific);
        if (LatinHonorifics.TryGetValue(folded, out var h))
        {
            return h.Latin;
        }
        var syllables = BurmeseSyllables.Split(honorific);
        foreach (var (hs, latin, _) in MyanmarHonorifics)
        {
            if (syllables.Count == hs.Length && StartsWith(syllables, hs))
            {
                return latin;
            }
        }
        return honorific;
    }

    internal static List<string> LatinTokens(string latin)
    {
        var tokens = new List<string>();
        var sb = new StringBuilder();
        foreach (var c in latin.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
            else if (c is not '\'' and not '\u2019' && sb.Length > 0)
            {
                tokens.Add(sb.ToString());
                sb.Clear();
            }
        }
        if (sb.Length > 0)
        {
            tokens.Add(sb.ToString());
        }
        return tokens;
    }

    internal static string FoldToken(string token) => string.Concat(LatinTokens(token));

    private static bool StartsWith(List<string> syllables, string[] prefix)
    {
        if (syllables.Count < prefix.Length)
        {
            return false;
        }
        for (var i = 0; i < prefix.Length; i++)
        {
            if (!string.Equals(syllables[i], prefix[i], StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
