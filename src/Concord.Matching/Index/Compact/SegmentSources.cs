namespace Concord.Matching;

/// <summary>The records an index holds in memory, with their frozen postings, as the source of a segment file.</summary>
internal sealed class TailSource(RecordStore store, PostingSegment? postings, int first) : IndexSegment.ISource
{
    public int First => first;

    public int Count => store.Count;

    public long Postings => postings?.Length ?? 0;

    public int Birth(int ordinal) => store.Births[ordinal - first];

    public byte Sex(int ordinal) => store.Sexes[ordinal - first];

    public ReadOnlySpan<byte> Blob(int ordinal)
    {
        var (chunk, offset) = store.Locate(ordinal - first);
        return chunk.AsSpan(offset);
    }

    public IEnumerable<(ulong[] Hashes, int[] Ordinals, int Length)> SortedPostings()
    {
        if (postings is not null)
        {
            yield return (postings.Hashes, postings.Ordinals, postings.Length);
        }
    }
}

/// <summary>Adjacent segments as the source of the one segment that replaces them: records in turn, postings merged by hash.</summary>
internal sealed class MergeSource(IndexSegment[] parts) : IndexSegment.ISource
{
    private const int Chunk = 1 << 16;

    public int First => parts[0].First;

    public int Count => parts.Sum(p => p.Count);

    public long Postings => parts.Sum(p => p.Postings);

    private IndexSegment Of(int ordinal) => parts.First(p => p.Contains(ordinal));

    public int Birth(int ordinal) => Of(ordinal).Birth(ordinal);

    public byte Sex(int ordinal) => Of(ordinal).Sex(ordinal);

    public ReadOnlySpan<byte> Blob(int ordinal) => Of(ordinal).Blob(ordinal);

    public IEnumerable<(ulong[] Hashes, int[] Ordinals, int Length)> SortedPostings()
    {
        var positions = new long[parts.Length];
        var hashes = new ulong[Chunk];
        var ordinals = new int[Chunk];
        int n;
        while ((n = Fill(positions, hashes, ordinals)) > 0)
        {
            yield return (hashes, ordinals, n);
        }
    }

    /// <summary>The next pairs in hash order, taken from whichever part has the smallest next hash.</summary>
    private int Fill(long[] positions, ulong[] hashes, int[] ordinals)
    {
        var n = 0;
        while (n < hashes.Length)
        {
            var best = -1;
            var bestHash = ulong.MaxValue;
            for (var p = 0; p < parts.Length; p++)
            {
                if (positions[p] < parts[p].Postings)
                {
                    var h = parts[p].AllHashes[(int)positions[p]];
                    if (best < 0 || h < bestHash)
                    {
                        (best, bestHash) = (p, h);
                    }
                }
            }
            if (best < 0)
            {
                break;
            }
            hashes[n] = bestHash;
            ordinals[n++] = parts[best].AllOrdinals[(int)positions[best]++];
        }
        return n;
    }
}
