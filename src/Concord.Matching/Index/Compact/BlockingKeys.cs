namespace Concord.Matching;

/// <summary>What a blocking key stands for; the kind sets how much a shared key counts when ranking.</summary>
internal enum KeyKind : byte
{
    Document,
    NearId,
    Name,
    NameYear,
    Token,

    // Latin name keys come in several orders per name (surname first, given name first, regional spellings); one
    // record matching two of them is still one name agreeing, so ranking takes the best of them, not the sum.
    LatinName,
    LatinNameYear,

    // The record's own key, so that a record can be found again to be withdrawn or replaced; never part of a query.
    Record,
}

internal readonly record struct BlockingKey(ulong Hash, KeyKind Kind);

/// <summary>
/// The blocking keys of a record as 64-bit hashes. Keys are never stored as strings: at ten million records the strings
/// would cost more than everything else together, and a 64-bit hash collides about once in 10^4 indexes of this size,
/// which only adds one spurious candidate for the scorer to reject.
/// </summary>
internal static class BlockingKeys
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    public static float Weight(KeyKind kind) => kind switch
    {
        KeyKind.Document => 10f,
        KeyKind.NearId => 4f,
        KeyKind.Name or KeyKind.LatinName => 2f,
        KeyKind.NameYear or KeyKind.LatinNameYear => 2f,
        _ => 1f,
    };

    /// <summary>The birth year the year-combined keys use: the written one, else the one an 18-digit ID number carries.</summary>
    public static int BirthYear(IdentityRecord record)
    {
        if (record.BirthDate is { } date)
        {
            return date.Year;
        }
        foreach (var doc in record.Documents)
        {
            var n = doc.Number.AsSpan().Trim();
            if (n.Length == 18 && IsCnRic(doc.Type) && TryYear(n.Slice(6, 4), out var year))
            {
                return year;
            }
        }
        return 0;
    }

    /// <summary>The hash a record is filed under by its own key (see <see cref="KeyKind.Record"/>).</summary>
    public static ulong RecordKey(string key) => Finish(Append(Start('K'), key), 0);

    public static void Collect(IdentityRecord record, List<BlockingKey> sink)
    {
        ArgumentNullException.ThrowIfNull(record);
        var year = BirthYear(record);
        foreach (var doc in record.Documents)
        {
            AddDocument(doc, sink);
        }
        bool hasLatin = false, hasHan = false;
        foreach (var name in record.Names)
        {
            AddName(name, year, sink);
            if (!string.IsNullOrWhiteSpace(name))
            {
                var script = NameText.DetectScript(name);
                hasLatin |= script == Script.Latin;
                hasHan |= script == Script.Han;
            }
        }
        foreach (var alias in record.Aliases)
        {
            AddName(alias, year, sink);
        }
        AddReadings(record, year, hasLatin, hasHan, sink);
    }

    /// <summary>
    /// Keys that let a name written in one script find its spelling in another: a record with no Latin name is filed
    /// under the Latin keys its Han name reads as and under the spellings of its Myanmar name; a Latin name of a record
    /// with no Han name is filed under its Burmese spelling key (honorific off), where a Myanmar name's spellings meet
    /// it. Records that carry a Latin name already meet Latin queries through it, so they pay for no readings.
    /// </summary>
    private static void AddReadings(IdentityRecord record, int year, bool hasLatin, bool hasHan, List<BlockingKey> sink)
    {
        foreach (var name in record.Names)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                continue;
            }
            switch (NameText.DetectScript(name))
            {
                case Script.Han when !hasLatin:
                    foreach (var reading in ChineseNames.LatinKeys(name))
                    {
                        AddNameKeys('L', reading, year, sink, latin: true);
                    }
                    break;
                case Script.Myanmar when !hasLatin:
                    foreach (var spelling in BurmeseNames.Romanize(BurmeseNames.Parse(name).Name, 3))
                    {
                        AddNameKeys('B', BurmeseNames.LatinKey(spelling), year, sink, latin: true);
                    }
                    break;
                case Script.Latin when !hasHan:
                    AddNameKeys('B', BurmeseNames.LatinKey(name), year, sink, latin: true);
                    break;
                default:
                    break;
            }
        }
    }

    private static void AddDocument(IdentityDocument doc, List<BlockingKey> sink)
    {
        var type = doc.Type.AsSpan().Trim();
        var number = doc.Number.AsSpan().Trim();
        if (number.Length == 0)
        {
            return;
        }
        Span<char> upperType = stackalloc char[Math.Min(type.Length, 64)];
        type[..upperType.Length].ToUpperInvariant(upperType);
        Span<char> upperNumber = number.Length <= 128 ? stackalloc char[number.Length] : new char[number.Length];
        number.ToUpperInvariant(upperNumber);
        Add(sink, new BlockingKey(Finish(Append(Append(Start('D'), upperType), upperNumber), 0), KeyKind.Document));
        if (upperNumber.Length == 18 && IsCnRic(doc.Type))
        {
            // One slipped digit lies in one of three 6-digit blocks; masking each block in turn keeps the other two as a
            // key, as IdentityIndex does.
            Add(sink, new BlockingKey(Finish(Append(Start('0'), upperNumber[6..]), 0), KeyKind.NearId));
            Add(sink, new BlockingKey(Finish(Append(Append(Start('1'), upperNumber[..6]), upperNumber[12..]), 0), KeyKind.NearId));
            Add(sink, new BlockingKey(Finish(Append(Start('2'), upperNumber[..12]), 0), KeyKind.NearId));
        }
    }

    private static void AddName(string name, int year, List<BlockingKey> sink)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return;
        }
        switch (NameText.DetectScript(name))
        {
            case Script.Han:
                {
                    var key = NameText.HanKey(name);
                    AddNameKeys('H', key, year, sink);
                    if (key.Length >= 2 && year > 0)
                    {
                        // The given name alone with the year finds a record whose surname was misread or written another way.
                        Add(sink, new BlockingKey(Finish(Append(Start('G'), key.AsSpan(1)), year), KeyKind.Token));
                    }
                    break;
                }
            case Script.Myanmar:
                AddNameKeys('M', NameText.MyanmarKey(name), year, sink);
                break;
            default:
                {
                    var latin = new List<NameText.LatinKey>(4);
                    NameText.AddLatinKeys(name, latin);
                    for (var i = 0; i < latin.Count; i++)
                    {
                        // A key read with two surnames is one blocking key.
                        var first = true;
                        for (var j = 0; j < i && first; j++)
                        {
                            first = !string.Equals(latin[j].Key, latin[i].Key, StringComparison.Ordinal);
                        }
                        if (first)
                        {
                            AddNameKeys('L', latin[i].Key, year, sink, latin: true);
                        }
                    }
                    if (year > 0)
                    {
                        // Token + year keys survive reordering, joining and a misspelled token: the other tokens still meet.
                        foreach (var token in NameText.LatinTokens(name))
                        {
                            if (token.Length >= 2)
                            {
                                Add(sink, new BlockingKey(Finish(Append(Start('T'), token), year), KeyKind.Token));
                            }
                        }
                    }
                    break;
                }
        }
    }

    private static void AddNameKeys(char tag, string key, int year, List<BlockingKey> sink, bool latin = false)
    {
        if (key.Length == 0)
        {
            return;
        }
        var h = Append(Start(tag), key);
        Add(sink, new BlockingKey(Finish(h, 0), latin ? KeyKind.LatinName : KeyKind.Name));
        if (year > 0)
        {
            // The plain posting of a common name is too long to scan at scale; the year-combined one stays short.
            Add(sink, new BlockingKey(Finish(h, year), latin ? KeyKind.LatinNameYear : KeyKind.NameYear));
        }
    }

    private static void Add(List<BlockingKey> sink, BlockingKey key)
    {
        foreach (var k in sink)
        {
            if (k.Hash == key.Hash)
            {
                return;
            }
        }
        sink.Add(key);
    }

    private static bool IsCnRic(string type) => type.AsSpan().Trim().Equals(DocumentNumbers.CnRic, StringComparison.OrdinalIgnoreCase);

    private static bool TryYear(ReadOnlySpan<char> digits, out int year)
    {
        year = 0;
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
            year = (year * 10) + (c - '0');
        }
        return year > 0;
    }

    private static ulong Start(char tag) => (FnvOffset ^ tag) * FnvPrime;

    private static ulong Append(ulong h, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            h = (h ^ c) * FnvPrime;
        }
        // A separator keeps ("ab","c") and ("a","bc") apart.
        return (h ^ 0xFFFF) * FnvPrime;
    }

    private static ulong Finish(ulong h, int year)
    {
        // FNV alone spreads its high bits poorly, and the posting directory is addressed by the high bits: a SplitMix64
        // finaliser fixes that.
        var z = h ^ ((ulong)(uint)year * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
