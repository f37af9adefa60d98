namespace Concord.Matching;

/// <summary>
/// A fixed family of MinHash functions over 64-bit shingle hashes: h_i(x) = the high 32 bits of a_i·x + b_i (a_i odd),
/// with a_i and b_i drawn from SplitMix64 at a fixed seed, so that two nodes, or two runs, sign a text alike. The share
/// of positions where two signatures agree estimates the Jaccard similarity of the two shingle sets.
/// </summary>
public sealed class MinHash
{
    private readonly ulong[] a;
    private readonly ulong[] b;

    public MinHash(int functions, ulong seed = 0x436F6E636F7264UL)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(functions, 1);
        a = new ulong[functions];
        b = new ulong[functions];
        var state = seed;
        for (var i = 0; i < functions; i++)
        {
            a[i] = Shingles.Mix(state += 0x9E3779B97F4A7C15UL) | 1UL;
            b[i] = Shingles.Mix(state += 0x9E3779B97F4A7C15UL);
        }
    }

    public int Functions => a.Length;

    /// <summary>The signature of a shingle set into <paramref name="signature"/> (one value per function); an empty set signs all ones.</summary>
    public void Sign(ReadOnlySpan<ulong> shingles, Span<uint> signature)
    {
        signature[..a.Length].Fill(uint.MaxValue);
        foreach (var x in shingles)
        {
            for (var i = 0; i < a.Length; i++)
            {
                var h = (uint)((a[i] * x + b[i]) >> 32);
                if (h < signature[i]) signature[i] = h;
            }
        }
    }

    /// <summary>The estimated Jaccard similarity of the sets two signatures sign.</summary>
    public static double Estimate(ReadOnlySpan<uint> x, ReadOnlySpan<uint> y)
    {
        var same = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (x[i] == y[i]) same++;
        }
        return (double)same / x.Length;
    }
}
