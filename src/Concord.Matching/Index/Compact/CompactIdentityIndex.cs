using System.Runtime.InteropServices;

namespace Concord.Matching;

/// <summary>A record the index proposes for a query: its ordinal (for <see cref="CompactIdentityIndex.Get"/>), key and cheap score.</summary>
public readonly record struct Candidate(int Ordinal, string Key, float Score);

/// <summary>
/// Candidate retrieval for ten million identities in a few hundred bytes each. Records are packed into a
/// <see cref="RecordStore"/>; their blocking keys (document numbers, CN-RIC with one block masked, every name form in
/// every script, each alone and with the birth year, name tokens with the birth year) are 64-bit hashes in a frozen
/// sorted <see cref="PostingSegment"/> plus a small delta of pairs added since the last <see cref="Freeze"/>, which a
/// search reads through a hash chain built on first use. Candidates are ranked by the rarity (IDF) of the keys they
/// share with the query and by birth-date agreement; the explainable scorer is meant to run on the top few.
/// Searches and <see cref="Get"/> may run on many threads at once; additions and <see cref="Freeze"/> are serialised.
/// </summary>
public sealed class CompactIdentityIndex
{
    // A posting longer than this is a common name without a year ("wangwei" in 10M): scanning it costs milliseconds and
    // says almost nothing; the year-combined key or the document keys carry the query instead.
    private const int ScanLimit = 8_000;

    // Below the hard limit, a plain name key (no year) or a name token is still skipped when it is this common and the
    // query has a birth year: the year-combined keys reach the same records at a fraction of the scan, and the only
    // records lost are namesakes born in another year, which the date check would rank down anyway.
    private const int CommonKeyLimit = 1_000;
    private const int BatchSize = 4_096;

    private readonly Lock gate = new();

    // Frozen runs of records in segment files (ordinals below sealedCount), then the tail held in memory: its records
    // (ordinals from sealedCount), its frozen postings and its delta.
    private IndexSegment[] segments = [];
    private int sealedCount;
    private RecordStore store = new();
    private PostingSegment? main;

    // The delta: pairs added since the last Freeze, and a chain per key over the first `chained` of them.
    private ulong[] pendingHashes = new ulong[1024];
    private int[] pendingOrdinals = new int[1024];
    private int[] pendingNext = [];
    private int pendingCount;
    private int chained;
    private readonly Dictionary<ulong, int> pendingHeads = [];

    // Records withdrawn or replaced: still stored (ordinals never move) but never returned. Copied on write, so a
    // search reads the array it took without a lock.
    private ulong[] masked = [];
    private int maskedCount;

    public int Count
    {
        get
        {
            lock (gate)
            {
                return sealedCount + store.Count;
            }
        }
    }

    /// <summary>The segment files the frozen records are read from, in ordinal order.</summary>
    public IReadOnlyList<IndexSegment> Segments
    {
        get
        {
            lock (gate)
            {
                return segments;
            }
        }
    }

    /// <summary>Records held in memory only, not yet written to a segment.</summary>
    public int TailCount
    {
        get
        {
            lock (gate)
            {
                return store.Count;
            }
        }
    }

    /// <summary>An index over segment files already written (contiguous, in ordinal order) and the records they mask.</summary>
    public static CompactIdentityIndex Open(IReadOnlyList<IndexSegment> segments, ReadOnlySpan<ulong> mask)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var index = new CompactIdentityIndex();
        var next = 0;
        foreach (var segment in segments)
        {
            if (segment.First != next)
            {
                throw new InvalidDataException($"{segment.Path}: starts at record {segment.First}, the segments before it end at {next}");
            }
            next += segment.Count;
        }
        index.segments = [.. segments];
        index.sealedCount = next;
        var words = (next + 63) >> 6;
        index.masked = new ulong[words];
        mask[..Math.Min(mask.Length, words)].CopyTo(index.masked);
        foreach (var word in index.masked)
        {
            index.maskedCount += System.Numerics.BitOperations.PopCount(word);
        }
        return index;
    }

    /// <summary>The masked records as a bit per ordinal, to be saved beside the segments.</summary>
    public ulong[] MaskWords()
    {
        lock (gate)
        {
            var words = new ulong[(sealedCount + store.Count + 63) >> 6];
            masked.AsSpan(0, Math.Min(masked.Length, words.Length)).CopyTo(words);
            return words;
        }
    }

    /// <summary>
    /// Writes the records held in memory to a segment file and reads them from it from then on. The caller serialises
    /// this with additions; searches go on meanwhile. Returns null when there was nothing to write.
    /// </summary>
    public IndexSegment? SealTail(string path)
    {
        Freeze();
        RecordStore tail;
        PostingSegment? postings;
        int first;
        lock (gate)
        {
            (tail, postings, first) = (store, main, sealedCount);
        }
        if (tail.Count == 0)
        {
            return null;
        }
        var segment = IndexSegment.Write(path, new TailSource(tail, postings, first));
        lock (gate)
        {
            segments = [.. segments, segment];
            sealedCount += tail.Count;
            store = new RecordStore();
            main = null;
        }
        return segment;
    }

    /// <summary>
    /// Merges <paramref name="count"/> adjacent segments from <paramref name="from"/> into one file, which replaces
    /// them. The files replaced stay mapped until no search holds them; the caller deletes them.
    /// </summary>
    public IndexSegment MergeSegments(int from, int count, string path)
    {
        IndexSegment[] parts;
        lock (gate)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(from);
            ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(from + count, segments.Length);
            parts = segments[from..(from + count)];
        }
        var merged = IndexSegment.Write(path, new MergeSource(parts));
        lock (gate)
        {
            segments = [.. segments[..from], merged, .. segments[(from + count)..]];
        }
        return merged;
    }

    /// <summary>Records masked by <see cref="Mask"/>: stored, never returned.</summary>
    public int MaskedCount
    {
        get
        {
            lock (gate)
            {
                return maskedCount;
            }
        }
    }

    /// <summary>Takes a record out of every later search (a withdrawn record, or the old version of a corrected one).</summary>
    public void Mask(int ordinal)
    {
        lock (gate)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(ordinal, sealedCount + store.Count);
            var words = Math.Max(masked.Length, (sealedCount + store.Count + 63) >> 6);
            var copy = new ulong[words];
            masked.CopyTo(copy, 0);
            if ((copy[ordinal >> 6] & (1UL << ordinal)) == 0)
            {
                copy[ordinal >> 6] |= 1UL << ordinal;
                maskedCount++;
            }
            masked = copy;
        }
    }

    public bool IsMasked(int ordinal)
    {
        var bits = Volatile.Read(ref masked);
        return (ordinal >> 6) < bits.Length && (bits[ordinal >> 6] & (1UL << ordinal)) != 0;
    }

    /// <summary>The live (unmasked) records filed under <paramref name="key"/>, the key a record was added with.</summary>
    public IReadOnlyList<int> Find(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var hash = BlockingKeys.RecordKey(key);
        var keys = new List<BlockingKey>(1) { new(hash, KeyKind.Record) };
        PostingSegment? segment;
        IndexSegment[] files;
        List<int>[]? deltaHits = null;
        lock (gate)
        {
            segment = main;
            files = segments;
            if (pendingCount > 0)
            {
                deltaHits = DeltaLookup(keys);
            }
        }
        var result = new List<int>(1);
        void Consider(int ordinal)
        {
            if (!IsMasked(ordinal) && string.Equals(DecodeKey(ordinal), key, StringComparison.Ordinal))
            {
                result.Add(ordinal);
            }
        }
        foreach (var file in files)
        {
            foreach (var ordinal in file.Find(hash))
            {
                Consider(ordinal);
            }
        }
        if (segment is not null)
        {
            foreach (var ordinal in segment.Find(hash))
            {
                Consider(ordinal);
            }
        }
        if (deltaHits is not null)
        {
            foreach (var ordinal in deltaHits[0])
            {
                Consider(ordinal);
            }
        }
        return result;
    }

    private string DecodeKey(int ordinal)
    {
        lock (gate)
        {
            return ordinal < sealedCount ? RecordStore.DecodeKey(SegmentOf(segments, ordinal).Blob(ordinal)) : store.DecodeKey(ordinal - sealedCount);
        }
    }

    private static IndexSegment SegmentOf(IndexSegment[] files, int ordinal)
    {
        int lo = 0, hi = files.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >> 1;
            if (files[mid].First <= ordinal)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return files[lo];
    }

    public void Add(IdentityRecord record)
    {
        var prepared = Prepare(record);
        lock (gate)
        {
            Append(prepared);
        }
    }

    /// <summary>Adds many records, working out keys and packing on other cores while the caller's sequence is read.</summary>
    public void AddRange(IEnumerable<IdentityRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var pipeline = new AddPipeline(this);
        foreach (var record in records) pipeline.Add(record);
        pipeline.Complete();
    }

    /// <summary>
    /// As <see cref="AddRange"/>, for a sequence read asynchronously (rows streamed from a database): the next rows are
    /// read while the last batch is worked out on the other cores.
    /// </summary>
    public async Task AddRangeAsync(IAsyncEnumerable<IdentityRecord> records, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var pipeline = new AddPipeline(this);
        await foreach (var record in records.WithCancellation(ct)) pipeline.Add(record);
        pipeline.Complete();
    }

    /// <summary>Batches of records prepared on other cores, one in flight while the next is gathered, appended in order.</summary>
    private sealed class AddPipeline(CompactIdentityIndex index)
    {
        private readonly List<IdentityRecord> batch = new(BatchSize);
        private Task<Prepared[]>? inFlight;

        public void Add(IdentityRecord record)
        {
            ArgumentNullException.ThrowIfNull(record);
            batch.Add(record);
            if (batch.Count < BatchSize) return;
            var ready = inFlight;
            var work = batch.ToArray();
            inFlight = Task.Run(() => PrepareAll(work));
            batch.Clear();
            if (ready is not null) index.AppendAll(ready.GetAwaiter().GetResult());
        }

        public void Complete()
        {
            if (inFlight is not null) index.AppendAll(inFlight.GetAwaiter().GetResult());
            inFlight = null;
            if (batch.Count > 0) index.AppendAll(PrepareAll([.. batch]));
            batch.Clear();
        }
    }

    /// <summary>Merges the delta into the frozen segment and drops growth slack; searches see every record either way.</summary>
    public void Freeze()
    {
        lock (gate)
        {
            if (pendingCount > 0)
            {
                var sorted = PostingSegment.Build(pendingHashes, pendingOrdinals, pendingCount);
                main = main is null ? sorted : main.Merge(sorted);
                pendingHashes = new ulong[1024];
                pendingOrdinals = new int[1024];
                pendingNext = [];
                pendingCount = 0;
                chained = 0;
                pendingHeads.Clear();
                pendingHeads.TrimExcess();
            }
            store.Trim();
        }
    }

    public IdentityRecord Get(int ordinal)
    {
        lock (gate)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(ordinal, sealedCount + store.Count);
            if (ordinal >= sealedCount)
            {
                return store.Decode(ordinal - sealedCount);
            }
            var file = SegmentOf(segments, ordinal);
            return RecordStore.Decode(file.Blob(ordinal), file.Birth(ordinal), file.Sex(ordinal));
        }
    }

    public IReadOnlyList<Candidate> Search(IdentityRecord query, int max = 20)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var keys = new List<BlockingKey>(24);
        BlockingKeys.Collect(query, keys);

        PostingSegment? segment;
        IndexSegment[] files;
        int total;
        int sealedBelow;
        RecordStore tail;
        int[] births;
        byte[] sexes;
        List<int>[]? deltaHits = null;
        lock (gate)
        {
            segment = main;
            files = segments;
            sealedBelow = sealedCount;
            tail = store;
            total = sealedCount + store.Count;
            births = store.Births;
            sexes = store.Sexes;
            if (pendingCount > 0)
            {
                deltaHits = DeltaLookup(keys);
            }
        }
        if (total == 0)
        {
            return [];
        }

        var hasYear = BlockingKeys.BirthYear(query) > 0;
        var scores = new Dictionary<int, Tally>(256);
        for (var k = 0; k < keys.Count; k++)
        {
            var frozen = segment is null ? [] : segment.Find(keys[k].Hash);
            var delta = deltaHits?[k];
            var df = frozen.Length + (delta?.Count ?? 0);
            foreach (var file in files)
            {
                df += file.Find(keys[k].Hash).Length;
            }
            if (df == 0 || df > ScanLimit || (hasYear && df > CommonKeyLimit && keys[k].Kind is KeyKind.Name or KeyKind.LatinName or KeyKind.Token))
            {
                continue;
            }
            var kind = keys[k].Kind;
            var weight = BlockingKeys.Weight(kind) * MathF.Log(1f + ((float)total / df));
            foreach (var file in files)
            {
                foreach (var ordinal in file.Find(keys[k].Hash))
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(scores, ordinal, out _).Add(kind, weight);
                }
            }
            foreach (var ordinal in frozen)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(scores, ordinal, out _).Add(kind, weight);
            }
            if (delta is not null)
            {
                foreach (var ordinal in delta)
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(scores, ordinal, out _).Add(kind, weight);
                }
            }
        }
        if (scores.Count == 0)
        {
            return [];
        }

        var queryBirth = RecordStore.PackDate(query.BirthDate);
        var ranked = new (int Ordinal, float Score)[scores.Count];
        var n = 0;
        var mask = Volatile.Read(ref masked);
        foreach (var (ordinal, tally) in scores)
        {
            if ((ordinal >> 6) < mask.Length && (mask[ordinal >> 6] & (1UL << ordinal)) != 0)
            {
                continue;
            }
            int birth;
            Sex sex;
            if (ordinal >= sealedBelow)
            {
                (birth, sex) = (births[ordinal - sealedBelow], (Sex)sexes[ordinal - sealedBelow]);
            }
            else
            {
                var file = SegmentOf(files, ordinal);
                (birth, sex) = (file.Birth(ordinal), (Sex)file.Sex(ordinal));
            }
            ranked[n++] = (ordinal, tally.Total + Agreement(queryBirth, birth, query.Sex, sex));
        }
        if (n == 0)
        {
            return [];
        }
        Array.Resize(ref ranked, n);
        Array.Sort(ranked, static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Ordinal.CompareTo(b.Ordinal));
        var take = Math.Min(max, ranked.Length);
        var result = new Candidate[take];
        for (var i = 0; i < take; i++)
        {
            var ordinal = ranked[i].Ordinal;
            var key = ordinal >= sealedBelow ? tail.DecodeKey(ordinal - sealedBelow) : RecordStore.DecodeKey(SegmentOf(files, ordinal).Blob(ordinal));
            result[i] = new Candidate(ordinal, key, ranked[i].Score);
        }
        // The mapped segments stay mapped while this search reads them.
        GC.KeepAlive(files);
        return result;
    }

    /// <summary>
    /// Birth date and sex only reorder records that already share keys: a full date agreeing (or agreeing with day and
    /// month swapped, a common clerical slip) separates namesakes, a different year counts against.
    /// </summary>
    private static float Agreement(int query, int record, Sex querySex, Sex recordSex)
    {
        var score = 0f;
        if (query != 0 && record != 0)
        {
            int qy = query >> 9, qm = (query >> 5) & 0xF, qd = query & 0x1F;
            int ry = record >> 9, rm = (record >> 5) & 0xF, rd = record & 0x1F;
            if (qy != ry)
            {
                score -= 4f;
            }
            else if (qm == 0 || rm == 0)
            {
                score += 1f;
            }
            else if (qm == rm && (qd == 0 || rd == 0 || qd == rd))
            {
                score += qd != 0 && rd != 0 ? 8f : 3f;
            }
            else if (qd != 0 && qm == rd && qd == rm)
            {
                score += 6f;
            }
            else
            {
                score -= 1f;
            }
        }
        if (querySex != Sex.Unknown && recordSex != Sex.Unknown && querySex != recordSex)
        {
            score -= 2f;
        }
        return score;
    }

    private List<int>[] DeltaLookup(List<BlockingKey> keys)
    {
        if (chained < pendingCount)
        {
            if (pendingNext.Length < pendingHashes.Length)
            {
                Array.Resize(ref pendingNext, pendingHashes.Length);
            }
            for (; chained < pendingCount; chained++)
            {
                var h = pendingHashes[chained];
                pendingNext[chained] = pendingHeads.TryGetValue(h, out var head) ? head : -1;
                pendingHeads[h] = chained;
            }
        }
        var hits = new List<int>[keys.Count];
        for (var k = 0; k < keys.Count; k++)
        {
            var list = new List<int>();
            if (pendingHeads.TryGetValue(keys[k].Hash, out var at))
            {
                // One past the limit is enough to know the key is too common to scan.
                for (; at >= 0 && list.Count <= ScanLimit; at = pendingNext[at])
                {
                    list.Add(pendingOrdinals[at]);
                }
            }
            hits[k] = list;
        }
        return hits;
    }

    /// <summary>Per candidate: the sum over most keys, the best of its Latin name keys (plain and with the year).</summary>
    private struct Tally
    {
        private float sum;
        private float latin;
        private float latinYear;

        public readonly float Total => sum + latin + latinYear;

        public void Add(KeyKind kind, float weight)
        {
            switch (kind)
            {
                case KeyKind.LatinName:
                    latin = MathF.Max(latin, weight);
                    break;
                case KeyKind.LatinNameYear:
                    latinYear = MathF.Max(latinYear, weight);
                    break;
                default:
                    sum += weight;
                    break;
            }
        }
    }

    private readonly record struct Prepared(byte[] Blob, ulong[] Keys, int Birth, byte Sex);

    private static Prepared Prepare(IdentityRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var keys = new List<BlockingKey>(20);
        BlockingKeys.Collect(record, keys);
        var hashes = new ulong[keys.Count + 1];
        for (var i = 0; i < keys.Count; i++)
        {
            hashes[i] = keys[i].Hash;
        }
        hashes[^1] = BlockingKeys.RecordKey(record.Key);
        return new Prepared(RecordStore.Encode(record), hashes, RecordStore.PackDate(record.BirthDate), (byte)record.Sex);
    }

    private static Prepared[] PrepareAll(IdentityRecord[] records)
    {
        var prepared = new Prepared[records.Length];
        Parallel.For(0, records.Length, i => prepared[i] = Prepare(records[i]));
        return prepared;
    }

    private void AppendAll(Prepared[] batch)
    {
        lock (gate)
        {
            foreach (var p in batch)
            {
                Append(p);
            }
        }
    }

    private void Append(Prepared p)
    {
        var ordinal = sealedCount + store.Append(p.Blob, p.Birth, p.Sex);
        if (pendingCount + p.Keys.Length > pendingHashes.Length)
        {
            var size = Math.Max(pendingHashes.Length * 2, pendingCount + p.Keys.Length);
            Array.Resize(ref pendingHashes, size);
            Array.Resize(ref pendingOrdinals, size);
        }
        foreach (var h in p.Keys)
        {
            pendingHashes[pendingCount] = h;
            pendingOrdinals[pendingCount++] = ordinal;
        }
    }
}
