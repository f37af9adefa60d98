namespace Concord.Matching;

/// <summary>The one edit distance the name code shares (stack buffers, no allocation on names of ordinary length).</summary>
internal static class EditDistance
{
    // Edit distance, or any value >= limit as soon as the distance is known to reach it.
    public static int Levenshtein(string a, string b, int limit = int.MaxValue)
    {
        if (a.Length > 64 || b.Length > 64)
        {
            return Math.Max(a.Length, b.Length);
        }
        Span<int> prev = stackalloc int[b.Length + 1];
        Span<int> cur = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                cur[j] = Math.Min(sub, Math.Min(prev[j] + 1, cur[j - 1] + 1));
                rowMin = Math.Min(rowMin, cur[j]);
            }
            if (rowMin >= limit)
            {
                return limit;
            }
            cur.CopyTo(prev);
        }
        return prev[b.Length];
    }
}
