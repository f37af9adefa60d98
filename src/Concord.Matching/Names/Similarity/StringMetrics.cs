using System.Text;

namespace Concord.Matching.Similarity;

/// <summary>Edit distances and phonetic keys on folded Latin tokens.</summary>
internal static class StringMetrics
{
    public static int Levenshtein(string a, string b)
    {
        if (a.Length == 0) return b.Length;
        if (b.Length == 0) return a.Length;
        var prev2 = new int[b.Length + 1];
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                // A swap of two neighbours is one slip, not two (Damerau, optimal string alignment).
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = Math.Min(cur[j], prev2[j - 2] + 1);
            }
            (prev2, prev, cur) = (prev, cur, prev2);
        }
        return prev[b.Length];
    }

    public static double LevenshteinRatio(string a, string b)
    {
        var max = Math.Max(a.Length, b.Length);
        return max == 0 ? 1 : 1 - (double)Levenshtein(a, b) / max;
    }

    public static double JaroWinkler(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0) return a.Length == b.Length ? 1 : 0;
        var window = Math.Max(0, Math.Max(a.Length, b.Length) / 2 - 1);
        var aUsed = new bool[a.Length];
        var bUsed = new bool[b.Length];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            for (var j = Math.Max(0, i - window); j < Math.Min(b.Length, i + window + 1); j++)
            {
                if (bUsed[j] || a[i] != b[j]) continue;
                aUsed[i] = bUsed[j] = true;
                matches++;
                break;
            }
        }
        if (matches == 0) return 0;
        var t = 0;
        for (int i = 0, k = 0; i < a.Length; i++)
        {
            if (!aUsed[i]) continue;
            while (!bUsed[k]) k++;
            if (a[i] != b[k]) t++;
            k++;
        }
        var m = (double)matches;
        var jaro = (m / a.Length + m / b.Length + (m - t / 2.0) / m) / 3;
        var prefix = 0;
        while (prefix < 4 && prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix]) prefix++;
        return jaro + prefix * 0.1 * (1 - jaro);
    }

    /// <summary>
    /// A small Metaphone-like key: sounds that spellings of one name trade for each other (c/k/q, ph/f, v/w, z/s,
    /// doubled letters, silent h, vowels after the first letter) collapse, so "Schulze" and "Scholz" share a key.
    /// </summary>
    public static string Phonetic(string token)
    {
        if (token.Length == 0) return token;
        var s = token
            .Replace("sch", "s", StringComparison.Ordinal).Replace("ph", "f", StringComparison.Ordinal)
            .Replace("kh", "h", StringComparison.Ordinal).Replace("ck", "k", StringComparison.Ordinal)
            .Replace("th", "t", StringComparison.Ordinal).Replace("sh", "s", StringComparison.Ordinal)
            .Replace("ch", "k", StringComparison.Ordinal).Replace("ts", "s", StringComparison.Ordinal)
            .Replace("tz", "s", StringComparison.Ordinal).Replace("dj", "j", StringComparison.Ordinal);
        var sb = new StringBuilder(s.Length);
        var last = '\0';
        for (var i = 0; i < s.Length; i++)
        {
            var c = Class(s[i]);
            if (i == 0) { sb.Append(c == '*' ? 'a' : c); last = c; continue; }
            if (c == '*' || c == 'h') { last = c == '*' ? '*' : last; continue; }
            if (c != last) sb.Append(c);
            last = c;
        }
        return sb.ToString();
    }

    private static char Class(char c) => c switch
    {
        // j and y are glides that spellings trade for i ("Sergej", "Sergey", "Sergei").
        'a' or 'e' or 'i' or 'o' or 'u' or 'y' or 'j' => '*',
        'c' or 'k' or 'q' => 'k',
        'g' => 'g',
        'x' => 'k',
        'z' or 's' => 's',
        'v' or 'w' or 'f' => 'f',
        'p' or 'b' => 'b',
        'd' or 't' => 't',
        _ => c,
    };

    /// <summary>
    /// The consonant skeleton of a token, as an abjad writes it: vowels, h and glides dropped, letters that one
    /// alphabet lacks merged with their neighbour (p/b, v/f, q/k, z/s), doubles collapsed. "Fernando" and
    /// "فرناندو" (frnandu) share "frnnd" → "frnd".
    /// </summary>
    public static string Skeleton(string token)
    {
        var s = token.Replace("sh", "s", StringComparison.Ordinal).Replace("kh", "k", StringComparison.Ordinal)
            .Replace("th", "t", StringComparison.Ordinal).Replace("dh", "d", StringComparison.Ordinal)
            .Replace("gh", "g", StringComparison.Ordinal).Replace("ch", "s", StringComparison.Ordinal)
            .Replace("ou", "u", StringComparison.Ordinal).Replace("oo", "u", StringComparison.Ordinal);
        var sb = new StringBuilder(s.Length);
        foreach (var raw in s)
        {
            var c = raw switch
            {
                'p' => 'b',
                'v' => 'f',
                'q' or 'c' or 'g' => 'k',
                'z' => 's',
                'x' => 's',
                'e' or 'i' or 'o' or 'u' or 'a' or 'y' or 'w' or 'h' => '\0',
                _ => raw,
            };
            if (c == '\0') continue;
            if (sb.Length > 0 && sb[^1] == c) continue;
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Sørensen–Dice over characters: for scripts compared as written (Han, Hangul, Myanmar).</summary>
    public static double CharacterDice(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0) return 0;
        var counts = new Dictionary<char, int>();
        foreach (var c in a) counts[c] = counts.GetValueOrDefault(c) + 1;
        var common = 0;
        foreach (var c in b)
        {
            if (counts.GetValueOrDefault(c) <= 0) continue;
            counts[c]--;
            common++;
        }
        return 2.0 * common / (a.Length + b.Length);
    }
}
