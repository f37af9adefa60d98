using System.Globalization;
using System.Text;

namespace Concord.Matching;

/// <summary>A passage of a text: a clause between punctuation marks, as its offset and length in the text.</summary>
public readonly record struct Passage(int Start, int Length)
{
    public string Of(string text) => text.Substring(Start, Length);
}

/// <summary>
/// Character shingles of fraud scripts and victims' narratives, in Chinese, Burmese or a Latin script alike: the text
/// normalised (NFKC, lower case, without spaces, punctuation and symbols), every run of k characters hashed to 64 bits.
/// A victim retelling a script keeps its clauses nearly word for word, so the text is also cut into passages at its
/// punctuation, and a link is explained by the passage it quotes.
/// </summary>
public static class Shingles
{
    /// <summary>What ends a clause: Chinese, Burmese and Latin punctuation, and line breaks.</summary>
    private static bool EndsClause(char c) => c is '，' or '。' or '！' or '？' or '；' or '：' or '、' or ',' or '.' or '!' or '?' or ';' or ':' or '\n' or '\r'
        or '၊' or '။' or '“' or '”' or '「' or '」' or '（' or '）' or '(' or ')';

    /// <summary>Whether a character counts: letters, digits and the marks of abugidas (a Burmese vowel sign, a tone mark).</summary>
    private static bool Keeps(char c) => char.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
            or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.Surrogate => true,
        _ => false,
    };

    /// <summary>
    /// The text as shingles see it: NFKC (full-width letters and digits to ASCII), lower case, only the characters that
    /// count, and 您 and 你 read as 我: the caller's "your account" is the victim's "my account" when retold.
    /// </summary>
    public static string Normalise(string text)
    {
        var nfkc = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(nfkc.Length);
        foreach (var c in nfkc)
        {
            if (Keeps(c)) sb.Append(c is '您' or '你' ? '我' : char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    /// <summary>
    /// The text's passages: its clauses, a clause of fewer than <paramref name="minimum"/> characters that count joined to
    /// the next (a greeting, a lone name), the last one to the one before.
    /// </summary>
    public static List<Passage> Passages(string text, int minimum)
    {
        var passages = new List<Passage>();
        int start = 0, counted = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && !EndsClause(text[i]))
            {
                if (Keeps(text[i])) counted++;
                continue;
            }
            if (counted >= minimum)
            {
                passages.Add(new Passage(start, i - start));
                start = i + 1;
                counted = 0;
            }
        }
        if (counted > 0)
        {
            if (passages.Count > 0)
            {
                var last = passages[^1];
                passages[^1] = new Passage(last.Start, text.Length - last.Start);
            }
            else passages.Add(new Passage(0, text.Length));
        }
        // Strip the separators and spaces a passage starts with.
        for (var p = 0; p < passages.Count; p++)
        {
            var (s, l) = (passages[p].Start, passages[p].Length);
            while (l > 0 && (char.IsWhiteSpace(text[s]) || EndsClause(text[s]))) { s++; l--; }
            passages[p] = new Passage(s, l);
        }
        return passages;
    }

    /// <summary>The distinct hashes of the normalised text's runs of <paramref name="k"/> characters, sorted; a text shorter than k is one shingle.</summary>
    public static ulong[] Of(ReadOnlySpan<char> normalised, int k)
    {
        if (normalised.IsEmpty) return [];
        var n = Math.Max(1, normalised.Length - k + 1);
        var hashes = new ulong[n];
        for (var i = 0; i < n; i++) hashes[i] = Hash(normalised.Slice(i, Math.Min(k, normalised.Length - i)));
        Array.Sort(hashes);
        var distinct = 1;
        for (var i = 1; i < n; i++)
        {
            if (hashes[i] != hashes[distinct - 1]) hashes[distinct++] = hashes[i];
        }
        return distinct == n ? hashes : hashes[..distinct];
    }

    /// <summary>How many hashes two sorted sets share.</summary>
    public static int Shared(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { shared++; i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return shared;
    }

    /// <summary>FNV-1a over the characters, finished with SplitMix64 so that nearby shingles spread over all 64 bits.</summary>
    private static ulong Hash(ReadOnlySpan<char> shingle)
    {
        var h = 14695981039346656037UL;
        foreach (var c in shingle) h = (h ^ c) * 1099511628211UL;
        return Mix(h);
    }

    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
