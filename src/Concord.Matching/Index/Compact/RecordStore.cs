using System.Text;

namespace Concord.Matching;

/// <summary>
/// Records packed for ten million at a time: every string field as UTF-8 in one blob per record, the blobs laid end to end
/// in fixed-size chunks, and the fields the ranking reads on every candidate (birth date, sex) in their own columns.
/// Chunks are never reallocated and the columns grow by copying, so a reader holding an older column array still reads
/// every record that existed when it took it.
/// </summary>
internal sealed class RecordStore
{
    // Small enough that the part-filled last chunk is noise even at 200k records, large enough to stay off the small heap.
    private const int ChunkSize = 1 << 20;

    private byte[][] chunks = new byte[16][];
    private int chunkCount;
    private int chunkUsed = ChunkSize;
    private long[] locations = new long[1024];
    private int[] births = new int[1024];
    private byte[] sexes = new byte[1024];

    public int Count { get; private set; }

    public int[] Births => births;

    public byte[] Sexes => sexes;

    public int Append(ReadOnlySpan<byte> blob, int birth, byte sex)
    {
        if (chunkUsed + blob.Length > ChunkSize || chunkCount == 0)
        {
            if (chunkCount == chunks.Length)
            {
                Array.Resize(ref chunks, chunks.Length * 2);
            }
            chunks[chunkCount++] = new byte[Math.Max(ChunkSize, blob.Length)];
            chunkUsed = 0;
        }
        var chunk = chunkCount - 1;
        blob.CopyTo(chunks[chunk].AsSpan(chunkUsed));
        var ordinal = Count;
        if (ordinal == locations.Length)
        {
            var size = checked(locations.Length * 2);
            locations = Grow(locations, size);
            births = Grow(births, size);
            sexes = Grow(sexes, size);
        }
        locations[ordinal] = ((long)chunk << 32) | (uint)chunkUsed;
        births[ordinal] = birth;
        sexes[ordinal] = sex;
        chunkUsed += blob.Length;
        Count = ordinal + 1;
        return ordinal;
    }

    /// <summary>Drops the growth slack of the columns, which is up to half of them right after a doubling.</summary>
    public void Trim()
    {
        if (locations.Length != Count)
        {
            var size = Math.Max(Count, 1);
            locations = Grow(locations, size);
            births = Grow(births, size);
            sexes = Grow(sexes, size);
        }
    }

    public (byte[] Chunk, int Offset) Locate(int ordinal)
    {
        var location = locations[ordinal];
        return (chunks[(int)(location >> 32)], (int)location);
    }

    private static T[] Grow<T>(T[] array, int size)
    {
        var copy = GC.AllocateUninitializedArray<T>(size);
        array.AsSpan(0, Math.Min(array.Length, size)).CopyTo(copy);
        return copy;
    }

    public static int PackDate(PartialDate? date) => date is { } d ? (d.Year << 9) | ((d.Month ?? 0) << 5) | (d.Day ?? 0) : 0;

    public static PartialDate? UnpackDate(int packed)
    {
        if (packed == 0)
        {
            return null;
        }
        var month = (packed >> 5) & 0xF;
        var day = packed & 0x1F;
        return new PartialDate(packed >> 9, month == 0 ? null : month, day == 0 ? null : day);
    }

    // Codes for the values nearly every record carries, so that they cost one byte rather than a string.
    private static readonly string[] KnownNationalities = ["CHN", "MMR"];
    private static readonly string[] KnownDocumentTypes = [DocumentNumbers.CnRic, DocumentNumbers.MmNrc, DocumentNumbers.Passport, DocumentNumbers.Phone];

    /// <summary>Key, nationality, names, aliases and documents; birth date and sex go to the columns.</summary>
    public static byte[] Encode(IdentityRecord record)
    {
        var size = 16 + Utf8Size(record.Key) + Utf8Size(record.Nationality ?? string.Empty);
        foreach (var n in record.Names)
        {
            size += Utf8Size(n);
        }
        foreach (var a in record.Aliases)
        {
            size += Utf8Size(a);
        }
        foreach (var d in record.Documents)
        {
            size += Utf8Size(d.Type) + Utf8Size(d.Number);
        }
        var buffer = size <= 512 ? stackalloc byte[size] : new byte[size];
        var pos = 0;
        WriteString(buffer, ref pos, record.Key);
        var nationality = record.Nationality is null ? -1 : Array.IndexOf(KnownNationalities, record.Nationality);
        if (record.Nationality is null)
        {
            buffer[pos++] = 0;
        }
        else if (nationality >= 0)
        {
            buffer[pos++] = (byte)(nationality + 2);
        }
        else
        {
            buffer[pos++] = 1;
            WriteString(buffer, ref pos, record.Nationality);
        }
        WriteList(buffer, ref pos, record.Names);
        WriteList(buffer, ref pos, record.Aliases);
        WriteVarint(buffer, ref pos, record.Documents.Count);
        foreach (var d in record.Documents)
        {
            var type = Array.IndexOf(KnownDocumentTypes, d.Type);
            buffer[pos++] = (byte)(type + 1);
            if (type < 0)
            {
                WriteString(buffer, ref pos, d.Type);
            }
            WriteString(buffer, ref pos, d.Number);
        }
        return buffer[..pos].ToArray();
    }

    public IdentityRecord Decode(int ordinal)
    {
        var (chunk, offset) = Locate(ordinal);
        return Decode(chunk.AsSpan(offset), births[ordinal], sexes[ordinal]);
    }

    /// <summary>A record from its blob and its columns, wherever they are kept (this store, or a mapped segment file).</summary>
    public static IdentityRecord Decode(ReadOnlySpan<byte> span, int birth, byte sex)
    {
        var pos = 0;
        var key = ReadString(span, ref pos);
        var code = span[pos++];
        var nationality = code switch
        {
            0 => null,
            1 => ReadString(span, ref pos),
            _ => KnownNationalities[code - 2],
        };
        var names = ReadList(span, ref pos);
        var aliases = ReadList(span, ref pos);
        var docCount = ReadVarint(span, ref pos);
        var documents = new IdentityDocument[docCount];
        for (var i = 0; i < docCount; i++)
        {
            var type = span[pos++];
            var typeName = type == 0 ? ReadString(span, ref pos) : KnownDocumentTypes[type - 1];
            documents[i] = new IdentityDocument(typeName, ReadString(span, ref pos));
        }
        return new IdentityRecord
        {
            Key = key,
            Names = names,
            Aliases = aliases,
            Nationality = nationality,
            Documents = documents,
            BirthDate = UnpackDate(birth),
            Sex = (Sex)sex,
        };
    }

    /// <summary>Only the key, which is all a candidate list needs.</summary>
    public string DecodeKey(int ordinal)
    {
        var (chunk, offset) = Locate(ordinal);
        return DecodeKey(chunk.AsSpan(offset));
    }

    public static string DecodeKey(ReadOnlySpan<byte> blob)
    {
        var pos = 0;
        return ReadString(blob, ref pos);
    }

    /// <summary>The length of the blob that starts <paramref name="span"/>, read from its own fields.</summary>
    public static int BlobLength(ReadOnlySpan<byte> span)
    {
        var pos = 0;
        Skip(span, ref pos);
        var code = span[pos++];
        if (code == 1)
        {
            Skip(span, ref pos);
        }
        for (var list = 0; list < 2; list++)
        {
            var count = ReadVarint(span, ref pos);
            for (var i = 0; i < count; i++)
            {
                Skip(span, ref pos);
            }
        }
        var docCount = ReadVarint(span, ref pos);
        for (var i = 0; i < docCount; i++)
        {
            if (span[pos++] == 0)
            {
                Skip(span, ref pos);
            }
            Skip(span, ref pos);
        }
        return pos;
    }

    private static void Skip(ReadOnlySpan<byte> span, ref int pos)
    {
        var length = ReadVarint(span, ref pos);
        pos += length;
    }

    private static int Utf8Size(string s) => 5 + Encoding.UTF8.GetByteCount(s);

    private static void WriteList(Span<byte> buffer, ref int pos, IReadOnlyList<string> items)
    {
        WriteVarint(buffer, ref pos, items.Count);
        foreach (var s in items)
        {
            WriteString(buffer, ref pos, s);
        }
    }

    private static string[] ReadList(ReadOnlySpan<byte> span, ref int pos)
    {
        var count = ReadVarint(span, ref pos);
        if (count == 0)
        {
            return [];
        }
        var items = new string[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = ReadString(span, ref pos);
        }
        return items;
    }

    private static void WriteString(Span<byte> buffer, ref int pos, string s)
    {
        var length = Encoding.UTF8.GetByteCount(s);
        WriteVarint(buffer, ref pos, length);
        pos += Encoding.UTF8.GetBytes(s, buffer[pos..]);
    }

    private static string ReadString(ReadOnlySpan<byte> span, ref int pos)
    {
        var length = ReadVarint(span, ref pos);
        var s = Encoding.UTF8.GetString(span.Slice(pos, length));
        pos += length;
        return s;
    }

    private static void WriteVarint(Span<byte> buffer, ref int pos, int value)
    {
        var v = (uint)value;
        while (v >= 0x80)
        {
            buffer[pos++] = (byte)(v | 0x80);
            v >>= 7;
        }
        buffer[pos++] = (byte)v;
    }

    private static int ReadVarint(ReadOnlySpan<byte> span, ref int pos)
    {
        var value = 0;
        var shift = 0;
        while (true)
        {
            var b = span[pos++];
            value |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
            shift += 7;
        }
    }
}
