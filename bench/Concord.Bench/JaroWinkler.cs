namespace Concord.Bench;

/// <summary>Classic Jaro–Winkler (Winkler 1990): prefix up to 4 characters, scale 0.1, boost above Jaro 0.7.</summary>
public static class JaroWinkler
{
    private const double PrefixScale = 0.1;
    private const double BoostThreshold = 0.7;

    public static double Similarity(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length == 0 || b.Length == 0)
        {
            return a.Length == b.Length ? 1.0 : 0.0;
        }
        var window = Math.Max(0, (Math.Max(a.Length, b.Length) / 2) - 1);
        // Names are short; stack buffers keep the baseline from being penalised by allocation it need not do.
        Span<bool> aMatched = a.Length <= 256 ? stackalloc bool[a.Length] : new bool[a.Length];
        Span<bool> bMatched = b.Length <= 256 ? stackalloc bool[b.Length] : new bool[b.Length];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var lo = Math.Max(0, i - window);
            var hi = Math.Min(b.Length - 1, i + window);
            for (var j = lo; j <= hi; j++)
            {
                if (!bMatched[j] && a[i] == b[j])
                {
                    aMatched[i] = true;
                    bMatched[j] = true;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0)
        {
            return 0.0;
        }
        var outOfOrder = 0;
        var k = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (!aMatched[i])
            {
                continue;
            }
            while (!bMatched[k])
            {
                k++;
            }
            if (a[i] != b[k])
            {
                outOfOrder++;
            }
            k++;
        }
        double m = matches;
        var jaro = ((m / a.Length) + (m / b.Length) + ((m - (outOfOrder / 2.0)) / m)) / 3.0;
        if (jaro <= BoostThreshold)
        {
            return jaro;
        }
        var prefix = 0;
        var limit = Math.Min(4, Math.Min(a.Length, b.Length));
        while (prefix < limit && a[prefix] == b[prefix])
        {
            prefix++;
        }
        return jaro + (prefix * PrefixScale * (1.0 - jaro));
    }
}
