using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;

namespace Concord.Matching;

/// <summary>
/// A frozen run of records of a <see cref="CompactIdentityIndex"/> (ordinals <see cref="First"/> to
/// <see cref="First"/> + <see cref="Count"/> − 1) with their postings, in a file that is memory-mapped rather than read:
/// opening one costs a few system calls whatever its size, the pages a search touches are read on demand, and the
/// operating system's page cache shares them between the node and the commands run beside it.
/// </summary>
/// <remarks>
/// Layout (little-endian, every section 64-byte aligned): a 128-byte header (magic, version, first ordinal, record
/// count, posting count, directory bits, blob length, file length, then the offset of each section); per record its
/// blob offset (int64), packed birth date (int32) and sex (byte); the record blobs; the posting hashes (uint64, sorted)
/// and their ordinals (int32); the directory of posting starts by the hash's top bits. A file is written under a
/// temporary name, flushed to disk and renamed, so a reader sees a whole file or none.
/// </remarks>
public sealed unsafe class IndexSegment : IDisposable
{
    private const ulong Magic = 0x3158444943444E43; // "CNDCIDX1"
    private const int Version = 1;
    private const int HeaderSize = 128;
    private const int Align = 64;

    private readonly MemoryMappedFile? file;
    private readonly MemoryMappedViewAccessor? view;
    private byte* start;
    private readonly long* locations;
    private readonly int* births;
    private readonly byte* sexes;
    private readonly byte* blobs;
    private readonly long blobLength;
    private readonly ulong* hashes;
    private readonly int* ordinals;
    private readonly int* directory;
    private readonly int shift;

    private IndexSegment(string path, MemoryMappedFile? file, MemoryMappedViewAccessor? view, byte* start, long length)
    {
        Path = path;
        this.file = file;
        this.view = view;
        this.start = start;
        Bytes = length;
        if (length == 0)
        {
            return;
        }
        var header = new ReadOnlySpan<byte>(start, (int)Math.Min(length, HeaderSize));
        if (header.Length < HeaderSize || BinaryPrimitives.ReadUInt64LittleEndian(header) != Magic)
        {
            throw new InvalidDataException($"{path}: not an identity index segment");
        }
        if (BinaryPrimitives.ReadInt32LittleEndian(header[8..]) != Version)
        {
            throw new InvalidDataException($"{path}: segment format {BinaryPrimitives.ReadInt32LittleEndian(header[8..])}, this version reads {Version}");
        }
        var bits = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
        First = BinaryPrimitives.ReadInt32LittleEndian(header[16..]);
        Count = BinaryPrimitives.ReadInt32LittleEndian(header[20..]);
        Postings = BinaryPrimitives.ReadInt64LittleEndian(header[24..]);
        blobLength = BinaryPrimitives.ReadInt64LittleEndian(header[32..]);
        if (BinaryPrimitives.ReadInt64LittleEndian(header[40..]) != length || bits is < 1 or > 30 || First < 0 || Count < 0 || Postings < 0 || Postings > int.MaxValue)
        {
            throw new InvalidDataException($"{path}: truncated or damaged segment (header does not agree with the file)");
        }
        var offsets = new long[7];
        long[] sizes = [8L * Count, 4L * Count, Count, blobLength, 8 * Postings, 4 * Postings, 4 * ((1L << bits) + 1)];
        for (var i = 0; i < offsets.Length; i++)
        {
            offsets[i] = BinaryPrimitives.ReadInt64LittleEndian(header[(48 + (8 * i))..]);
            if (offsets[i] < HeaderSize || offsets[i] % Align != 0 || offsets[i] + sizes[i] > length)
            {
                throw new InvalidDataException($"{path}: truncated or damaged segment (section {i} lies outside the file)");
            }
        }
        locations = (long*)(start + offsets[0]);
        births = (int*)(start + offsets[1]);
        sexes = start + offsets[2];
        blobs = start + offsets[3];
        hashes = (ulong*)(start + offsets[4]);
        ordinals = (int*)(start + offsets[5]);
        directory = (int*)(start + offsets[6]);
        shift = 64 - bits;
        if (directory[1 << bits] != Postings)
        {
            throw new InvalidDataException($"{path}: truncated or damaged segment (directory does not end at the last posting)");
        }
    }

    public string Path { get; }

    /// <summary>The ordinal of the segment's first record in the index.</summary>
    public int First { get; }

    public int Count { get; }

    public long Postings { get; }

    /// <summary>The file's size on disk.</summary>
    public long Bytes { get; }

    /// <summary>Maps a segment file read-only; refuses a file whose header or sections do not agree with its length.</summary>
    public static IndexSegment Open(string path)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("index segments are little-endian");
        }
        var length = new FileInfo(path).Length;
        if (length < HeaderSize)
        {
            throw new InvalidDataException($"{path}: truncated segment ({length} bytes)");
        }
        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        MemoryMappedViewAccessor? view = null;
        try
        {
            view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            byte* pointer = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            pointer += view.PointerOffset;
            return new IndexSegment(path, file, view, pointer, length);
        }
        catch
        {
            if (view is not null)
            {
                view.SafeMemoryMappedViewHandle.ReleasePointer();
                view.Dispose();
            }
            file.Dispose();
            throw;
        }
    }

    public bool Contains(int ordinal) => ordinal >= First && ordinal - First < Count;

    public ReadOnlySpan<int> Find(ulong hash)
    {
        if (Postings == 0)
        {
            return [];
        }
        var bucket = (int)(hash >> shift);
        var (start, length) = PostingSegment.EqualRange(AllHashes, directory[bucket], directory[bucket + 1], hash);
        return new ReadOnlySpan<int>(ordinals + start, length);
    }

    public int Birth(int ordinal) => births[ordinal - First];

    public byte Sex(int ordinal) => sexes[ordinal - First];

    /// <summary>The record's blob: from its offset to the blob section's end (the decoder reads only its own fields).</summary>
    public ReadOnlySpan<byte> Blob(int ordinal)
    {
        var offset = locations[ordinal - First];
        return new ReadOnlySpan<byte>(blobs + offset, (int)Math.Min(int.MaxValue, blobLength - offset));
    }

    internal ReadOnlySpan<ulong> AllHashes => new(hashes, (int)Postings);

    internal ReadOnlySpan<int> AllOrdinals => new(ordinals, (int)Postings);

    /// <summary>
    /// Unmaps the file. Only for a segment no search can still hold: one merged away is left to the view's own
    /// finalizer, which unmaps it once nothing refers to the segment.
    /// </summary>
    public void Dispose()
    {
        if (view is not null && start is not null)
        {
            start = null;
            view.SafeMemoryMappedViewHandle.ReleasePointer();
            view.Dispose();
            file?.Dispose();
        }
    }

    /// <summary>What a segment file is written from: records in ordinal order and postings in hash order.</summary>
    internal interface ISource
    {
        int First { get; }

        int Count { get; }

        long Postings { get; }

        int Birth(int ordinal);

        byte Sex(int ordinal);

        ReadOnlySpan<byte> Blob(int ordinal);

        /// <summary>Every posting, sorted by hash, in chunks.</summary>
        IEnumerable<(ulong[] Hashes, int[] Ordinals, int Length)> SortedPostings();
    }

    /// <summary>Writes a segment file from <paramref name="source"/> (under a temporary name, flushed, then renamed) and maps it.</summary>
    internal static IndexSegment Write(string path, ISource source)
    {
        var count = source.Count;
        var postings = source.Postings;
        var bits = Math.Clamp(64 - (int)ulong.LeadingZeroCount((ulong)Math.Max(postings, 1)) - 5, 1, 26);
        long blobLength = 0;
        for (var i = 0; i < count; i++)
        {
            blobLength += RecordStore.BlobLength(source.Blob(source.First + i));
        }
        static long Up(long x) => (x + Align - 1) / Align * Align;
        var offsets = new long[7];
        long[] sizes = [8L * count, 4L * count, count, blobLength, 8 * postings, 4 * postings, 4 * ((1L << bits) + 1)];
        var at = (long)HeaderSize;
        for (var i = 0; i < offsets.Length; i++)
        {
            offsets[i] = at;
            at = Up(at + sizes[i]);
        }
        var length = at;
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            var header = new byte[HeaderSize];
            BinaryPrimitives.WriteUInt64LittleEndian(header, Magic);
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), Version);
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), bits);
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), source.First);
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(20), count);
            BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(24), postings);
            BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(32), blobLength);
            BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(40), length);
            for (var i = 0; i < offsets.Length; i++)
            {
                BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(48 + (8 * i)), offsets[i]);
            }
            stream.Write(header);
            void Pad(int section)
            {
                while (stream.Position < offsets[section])
                {
                    stream.WriteByte(0);
                }
            }

            Pad(0);
            long cursor = 0;
            WriteColumn<long>(stream, count, (buffer, from) =>
            {
                // Offsets of each blob, running over the records in order.
                for (var i = 0; i < buffer.Length; i++)
                {
                    buffer[i] = cursor;
                    cursor += RecordStore.BlobLength(source.Blob(source.First + from + i));
                }
            });
            Pad(1);
            WriteColumn<int>(stream, count, (buffer, from) =>
            {
                for (var i = 0; i < buffer.Length; i++)
                {
                    buffer[i] = source.Birth(source.First + from + i);
                }
            });
            Pad(2);
            WriteColumn<byte>(stream, count, (buffer, from) =>
            {
                for (var i = 0; i < buffer.Length; i++)
                {
                    buffer[i] = source.Sex(source.First + from + i);
                }
            });
            Pad(3);
            for (var i = 0; i < count; i++)
            {
                var blob = source.Blob(source.First + i);
                stream.Write(blob[..RecordStore.BlobLength(blob)]);
            }
            Pad(4);
            // Two passes over the sorted postings: the hashes (counting the directory on the way), then their ordinals.
            var starts = new int[(1 << bits) + 1];
            long written = 0;
            foreach (var (h, _, n) in source.SortedPostings())
            {
                stream.Write(MemoryMarshal.AsBytes(h.AsSpan(0, n)));
                for (var i = 0; i < n; i++)
                {
                    starts[(int)(h[i] >> (64 - bits)) + 1]++;
                }
                written += n;
            }
            if (written != postings)
            {
                throw new InvalidOperationException($"segment source gave {written} postings, announced {postings}");
            }
            Pad(5);
            foreach (var (_, o, n) in source.SortedPostings())
            {
                stream.Write(MemoryMarshal.AsBytes(o.AsSpan(0, n)));
            }
            for (var b = 1; b < starts.Length; b++)
            {
                starts[b] += starts[b - 1];
            }
            Pad(6);
            stream.Write(MemoryMarshal.AsBytes(starts.AsSpan()));
            while (stream.Position < length)
            {
                stream.WriteByte(0);
            }
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
        return Open(path);
    }

    private delegate void Fill<T>(Span<T> buffer, int from);

    private static void WriteColumn<T>(Stream stream, int count, Fill<T> fill)
        where T : unmanaged
    {
        var buffer = new T[Math.Min(Math.Max(count, 1), 1 << 16)];
        for (var from = 0; from < count; from += buffer.Length)
        {
            var span = buffer.AsSpan(0, Math.Min(buffer.Length, count - from));
            fill(span, from);
            stream.Write(MemoryMarshal.AsBytes(span));
        }
    }
}
