namespace Concord.Matching;

/// <summary>
/// The frozen postings: (key hash, ordinal) pairs sorted by hash, as two parallel arrays (12 bytes a posting, no
/// per-key overhead, which matters because most document keys have exactly one posting), plus a directory addressed by
/// the top bits of the hash so that a lookup is one directory read and a short binary search instead of ~27 cache misses.
/// Immutable once built: searches read it without a lock and Freeze swaps in a new one.
/// </summary>
internal sealed class PostingSegment
{
    private readonly ulong[] hashes;
    private readonly int[] ordinals;
    private readonly int[] directory;
    private readonly int shift;

    private PostingSegment(ulong[] hashes, int[] ordinals, int[] directory, int bits)
    {
        this.hashes = hashes;
        this.ordinals = ordinals;
        this.directory = directory;
        shift = 64 - bits;
    }

    public int Length => hashes.Length;

    internal ulong[] Hashes => hashes;

    internal int[] Ordinals => ordinals;

    public ReadOnlySpan<int> Find(ulong hash)
    {
        var bucket = (int)(hash >> shift);
        var (start, length) = EqualRange(hashes, directory[bucket], directory[bucket + 1], hash);
        return ordinals.AsSpan(start, length);
    }

    /// <summary>Where <paramref name="hash"/> stands in the sorted run [lo, hi) of <paramref name="hashes"/>: a binary search, then the equal ones.</summary>
    internal static (int Start, int Length) EqualRange(ReadOnlySpan<ulong> hashes, int lo, int hi, ulong hash)
    {
        var limit = hi;
        while (lo < hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            if (hashes[mid] < hash)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        var end = lo;
        while (end < limit && hashes[end] == hash)
        {
            end++;
        }
        return (lo, end - lo);
    }

    /// <summary>Sorts the first <paramref name="count"/> pairs (which it may overwrite) into a segment.</summary>
    public static PostingSegment Build(ulong[] pendingHashes, int[] pendingOrdinals, int count)
    {
        var bits = DirectoryBits(count);
        var shift = 64 - bits;
        var starts = Directory(pendingHashes.AsSpan(0, count), bits);
        var hashes = GC.AllocateUninitializedArray<ulong>(count);
        var ordinals = GC.AllocateUninitializedArray<int>(count);
        // One counting pass by the top bits, then each bucket sorted on its own: linear scatter plus small sorts that
        // run on every core, instead of one introsort over a hundred million pairs.
        var next = (int[])starts.Clone();
        for (var i = 0; i < count; i++)
        {
            var h = pendingHashes[i];
            var at = next[(int)(h >> shift)]++;
            hashes[at] = h;
            ordinals[at] = pendingOrdinals[i];
        }
        Parallel.For(0, starts.Length - 1, b =>
        {
            var length = starts[b + 1] - starts[b];
            if (length > 1)
            {
                Array.Sort(hashes, ordinals, starts[b], length);
            }
        });
        return new PostingSegment(hashes, ordinals, starts, bits);
    }

    /// <summary>This segment's pairs and a sorted segment's, merged in one linear pass.</summary>
    public PostingSegment Merge(PostingSegment other)
    {
        var count = hashes.Length + other.hashes.Length;
        var merged = GC.AllocateUninitializedArray<ulong>(count);
        var mergedOrdinals = GC.AllocateUninitializedArray<int>(count);
        int i = 0, j = 0, k = 0;
        while (i < hashes.Length && j < other.hashes.Length)
        {
            if (hashes[i] <= other.hashes[j])
            {
                merged[k] = hashes[i];
                mergedOrdinals[k++] = ordinals[i++];
            }
            else
            {
                merged[k] = other.hashes[j];
                mergedOrdinals[k++] = other.ordinals[j++];
            }
        }
        for (; i < hashes.Length; i++, k++)
        {
            merged[k] = hashes[i];
            mergedOrdinals[k] = ordinals[i];
        }
        for (; j < other.hashes.Length; j++, k++)
        {
            merged[k] = other.hashes[j];
            mergedOrdinals[k] = other.ordinals[j];
        }
        var bits = DirectoryBits(count);
        return new PostingSegment(merged, mergedOrdinals, Directory(merged, bits), bits);
    }

    /// <summary>About 32 postings a bucket: the directory costs an eighth of a posting and a search touches one cache line or two.</summary>
    private static int DirectoryBits(int count) => Math.Clamp(64 - (int)ulong.LeadingZeroCount((ulong)Math.Max(count, 1)) - 5, 1, 26);

    private static int[] Directory(ReadOnlySpan<ulong> hashes, int bits)
    {
        var shift = 64 - bits;
        var starts = new int[(1 << bits) + 1];
        foreach (var h in hashes)
        {
            starts[(int)(h >> shift) + 1]++;
        }
        for (var b = 1; b < starts.Length; b++)
        {
            starts[b] += starts[b - 1];
        }
        return starts;
    }
}
