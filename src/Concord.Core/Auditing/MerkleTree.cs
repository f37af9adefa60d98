using System.Numerics;
using System.Security.Cryptography;

namespace Concord.Core.Auditing;

/// <summary>
/// The Merkle tree of RFC 9162 (Certificate Transparency 2.0), section 2.1, over the audit entries in their order:
/// a leaf is <c>SHA-256(0x00 ‖ entry)</c>, a node <c>SHA-256(0x01 ‖ left ‖ right)</c>, and the tree of n leaves splits
/// at the largest power of two below n. A signed root at size n fixes every one of the first n entries; a root at a
/// larger size that is consistent with it proves the log only grew.
/// </summary>
public static class MerkleTree
{
    public const int HashSize = 32;

    public static byte[] LeafHash(ReadOnlySpan<byte> entry)
    {
        var input = new byte[entry.Length + 1];
        entry.CopyTo(input.AsSpan(1));
        return SHA256.HashData(input);
    }

    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> input = stackalloc byte[1 + 2 * HashSize];
        input[0] = 1;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + HashSize)..]);
        return SHA256.HashData(input);
    }

    /// <summary>MTH(D[0:n]) over the leaf hashes given; the empty tree's root is the hash of nothing.</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leaves, int n)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, leaves.Count);
        return n == 0 ? SHA256.HashData([]) : Subtree(leaves, 0, n);
    }

    private static byte[] Subtree(IReadOnlyList<byte[]> leaves, int start, int count)
    {
        if (count == 1) return leaves[start];
        var k = Split(count);
        return NodeHash(Subtree(leaves, start, k), Subtree(leaves, start + k, count - k));
    }

    /// <summary>The largest power of two smaller than n (n ≥ 2).</summary>
    private static int Split(int n) => 1 << (31 - BitOperations.LeadingZeroCount((uint)(n - 1)));

    /// <summary>PROOF(m, D[n]) of RFC 9162 2.1.4.1: the hashes that show the tree of m leaves is a prefix of the tree of n.</summary>
    public static IReadOnlyList<byte[]> ConsistencyProof(IReadOnlyList<byte[]> leaves, int m, int n)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, leaves.Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(m, n);
        var proof = new List<byte[]>();
        if (m > 0 && m < n) SubProof(leaves, 0, m, n, true, proof);
        return proof;
    }

    private static void SubProof(IReadOnlyList<byte[]> leaves, int start, int m, int n, bool complete, List<byte[]> proof)
    {
        if (m == n)
        {
            if (!complete) proof.Add(Subtree(leaves, start, n));
            return;
        }
        var k = Split(n);
        if (m <= k)
        {
            SubProof(leaves, start, m, k, complete, proof);
            proof.Add(Subtree(leaves, start + k, n - k));
        }
        else
        {
            SubProof(leaves, start + k, m - k, n - k, false, proof);
            proof.Add(Subtree(leaves, start, k));
        }
    }

    /// <summary>RFC 9162 2.1.4.2: true when the proof shows the tree of <paramref name="m"/> leaves with root
    /// <paramref name="first"/> is a prefix of the tree of <paramref name="n"/> leaves with root <paramref name="second"/>.</summary>
    public static bool VerifyConsistency(long m, long n, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, IReadOnlyList<byte[]> proof)
    {
        if (m > n || m < 0) return false;
        if (m == n) return proof.Count == 0 && first.SequenceEqual(second);
        if (m == 0) return proof.Count == 0;
        if (proof.Count == 0) return false;
        var path = new List<byte[]>(proof.Count + 1);
        if (BitOperations.IsPow2(m)) path.Add(first.ToArray());
        path.AddRange(proof);
        long fn = m - 1, sn = n - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path[0], sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = NodeHash(c, fr);
                sr = NodeHash(c, sr);
                if ((fn & 1) == 0)
                {
                    do
                    {
                        fn >>= 1;
                        sn >>= 1;
                    } while ((fn & 1) == 0 && fn != 0);
                }
            }
            else
            {
                sr = NodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && fr.AsSpan().SequenceEqual(first) && sr.AsSpan().SequenceEqual(second);
    }
}
