using System.Text;

namespace Concord.Matching;

internal static class BurmeseSyllables
{
    // Unicode has a precomposed U (U+1026); Zawgyi habits and some keyboards leave U+1025 U+102E instead.
    internal static string Canonical(string unicode) => unicode
        .Replace("\u200B", string.Empty, StringComparison.Ordinal)
        .Replace("\u1025\u102E", "\u1026", StringComparison.Ordinal)
        .Replace("\u1025\u103A", "\u1009\u103A", StringComparison.Ordinal);

    internal static bool IsStarter(char c) => c is >= '\u1000' and <= '\u102A' || c == '\u103F';

    internal static bool IsMyanmarMark(char c) => c is >= '\u102B' and <= '\u103E' || c is >= '\u1056' and <= '\u1059';

    // Orthographic syllables: a break goes before every consonant or independent vowel except one that is stacked
    // under the previous consonant (after U+1039) or that closes the syllable itself (asat or a stack follows it,
    // possibly with the dot below typed between, as Unicode order requires for "င့်").
    internal static List<string> Split(string text)
    {
        var s = Canonical(text);
        var result = new List<string>();
        var current = new StringBuilder();
        void End()
        {
            if (current.Length > 0)
            {
                result.Add(current.ToString());
                current.Clear();
            }
        }
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (IsStarter(c))
            {
                var prev = i > 0 ? s[i - 1] : '\0';
                var next = i + 1 < s.Length ? s[i + 1] : '\0';
                var next2 = i + 2 < s.Length ? s[i + 2] : '\0';
                var closes = next is '\u103A' or '\u1039' || (next == '\u1037' && next2 == '\u103A');
                if (prev != '\u1039' && !closes)
                {
                    End();
                }
                current.Append(c);
            }
            else if (IsMyanmarMark(c))
            {
                current.Append(c);
            }
            else if (char.IsLetterOrDigit(c))
            {
                // Digits and Latin letters inside a Myanmar name are kept as their own runs.
                if (current.Length > 0 && !char.IsLetterOrDigit(current[^1]))
                {
                    End();
                }
                current.Append(c);
            }
            else
            {
                End();
            }
        }
        End();
        return result;
    }

    // Spelling units: a stacked syllable is read as two (the upper consonant closes the first, as if with asat),
    // which is how names are romanised ("စန္ဒာ" → "San" + "dar").
    internal static List<string> Units(IEnumerable<string> syllables)
    {
        var units = new List<string>();
        foreach (var syl in syllables)
        {
            var start = 0;
            for (var i = 0; i < syl.Length; i++)
            {
                if (syl[i] != '\u1039' || i + 1 >= syl.Length || !IsStarter(syl[i + 1]))
                {
                    continue;
                }
                var head = syl[start..i];
                units.Add(head.EndsWith('\u103A') ? head : head + "\u103A");
                start = i + 1;
            }
            units.Add(syl[start..]);
        }
        return units;
    }
}
