using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;
using Concord.Matching;
using CsvHelper;
using CsvHelper.Configuration;

namespace Concord.Core.Features.Imports;

/// <summary>
/// One column of a field file: its English name, the Chinese headers that may stand for it, whether it must be there, and
/// the Burmese headers (Unicode; the same written in Zawgyi is recognised too). Several headers are separated by <c>|</c>.
/// </summary>
public sealed record CsvColumn(string Name, string? Chinese = null, bool Required = false, string? Burmese = null);

/// <summary>A row of a field file, with its spreadsheet row number (the header is row 1).</summary>
public sealed class CsvRow(int row, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string> extra)
{
    public int Row { get; } = row;
    public IReadOnlyDictionary<string, string> Extra { get; } = extra;

    /// <summary>The trimmed cell, or null when empty ("not recorded").</summary>
    public string? this[string column] =>
        values.TryGetValue(column, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    /// <summary>A yes or no as clerks write it in English, Chinese or Burmese (Unicode or Zawgyi); null when empty or, with a problem, when neither.</summary>
    public bool? YesNo(string column, string file, List<InputProblem> problems)
    {
        if (this[column] is not { } value) return null;
        if (Yes.Contains(value)) return true;
        if (No.Contains(value)) return false;
        problems.Add(new(file, Row, column, new Phrase(ProblemTexts.NotYesOrNo, value)));
        return null;
    }

    private static readonly FrozenSet<string> Yes = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "yes", "y", "true", "1", "是", "有", "ဟုတ်", "ဟုတ်ကဲ့", "ရှိ", "ဟုတ္", "ဟုတ္ကဲ့");
    private static readonly FrozenSet<string> No = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "no", "n", "false", "0", "否", "无", "မဟုတ်", "မဟုတ်ဘူး", "မရှိ", "မဟုတ္", "မဟုတ္ဘူး");

    public string? ExtraAsNotes() => Extra.Count == 0
        ? null
        : string.Join("; ", Extra.Where(kv => !string.IsNullOrWhiteSpace(kv.Value)).Select(kv => $"{kv.Key}: {kv.Value.Trim()}"));
}

/// <summary>
/// A field file read whole into rows: what most imports take, files of a few thousand rows that a screen may show back.
/// Long lists are read as a <see cref="CsvFile"/>, row by row.
/// </summary>
public sealed class CsvTable
{
    public required string FileName { get; init; }
    public required string Sha256 { get; init; }
    public required IReadOnlyList<CsvRow> Rows { get; init; }

    /// <summary>How the file was read when it was not UTF-8 CSV (<see cref="CsvFile.ReadAs"/>).</summary>
    public string? ReadAs { get; init; }

    public static CsvTable Read(string path, IReadOnlyList<CsvColumn> columns) => CsvFile.Open(path, columns).ToTable();

    public static CsvTable Parse(string fileName, byte[] bytes, IReadOnlyList<CsvColumn> columns) => CsvFile.FromBytes(fileName, bytes, columns).ToTable();

    public static string HashOf(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Strict UTF-8: a file in another encoding is refused, never read as mojibake.</summary>
    public static string DecodeUtf8(string fileName, byte[] bytes)
    {
        CsvFile.CheckText(fileName, () => new MemoryStream(bytes, false), csv: false);
        var span = bytes.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) span = span[3..];
        return Encoding.UTF8.GetString(span);
    }

    public static ConcordException Problem(string file, int? row, string? column, Phrase phrase) =>
        new(new InvalidInputError([new InputProblem(file, row, column, phrase)]));
}

/// <summary>
/// Reads a field file as it comes: UTF-8 with or without BOM, GB18030 (as Chinese Windows saves CSV), or the first sheet
/// of an Excel workbook; RFC 4180 quoting, English, Chinese or Burmese headers in any order. Anything else (another
/// encoding, a PDF, a missing column) is refused whole with its place named. The file is
/// checked and hashed in one pass before any row is read, then read row by row as the import asks, so that a national
/// list of millions of rows never lies in memory at once.
/// </summary>
public sealed class CsvFile
{
    private const int Chunk = 1 << 20;
    private static readonly CsvConfiguration Config = new(CultureInfo.InvariantCulture)
    {
        HasHeaderRecord = true,
        DetectDelimiter = false,
        // Bad quoting is refused by the shape check before any row is read (CsvShape); should any reach the parser, it throws.
        MissingFieldFound = null,
        TrimOptions = TrimOptions.None,
    };

    private readonly Func<Stream> _open;
    private readonly string[] _header;
    private readonly string?[] _mapped;
    private readonly List<InputProblem> _problems = [];

    static CsvFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private CsvFile(string fileName, string sha256, Func<Stream> open, string[] header, string?[] mapped, string? readAs)
    {
        FileName = fileName;
        Sha256 = sha256;
        _open = open;
        _header = header;
        _mapped = mapped;
        ReadAs = readAs;
    }

    public string FileName { get; }

    /// <summary>
    /// How the file was read when it was not UTF-8 text: <c>GB18030</c> (Chinese Windows' encoding, decoded), or the sheet
    /// of a workbook (<c>xlsx: Sheet1</c>). Said back to the clerk with the import's result.
    /// </summary>
    public string? ReadAs { get; }

    /// <summary>The hash of the file's bytes as they came, BOM and all: the same file imported again is recognised by it.</summary>
    public string Sha256 { get; }

    /// <summary>Problems of the file's shape met while reading its rows (a row with more cells than the header), in row order.</summary>
    public IReadOnlyList<InputProblem> Problems => _problems;

    public static CsvFile Open(string path, IReadOnlyList<CsvColumn> columns)
    {
        if (!File.Exists(path))
            throw CsvTable.Problem(Path.GetFileName(path), null, null, new(ProblemTexts.FileNotFound));
        return Open(Path.GetFileName(path), () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, Chunk, FileOptions.SequentialScan), columns);
    }

    public static CsvFile FromBytes(string fileName, byte[] bytes, IReadOnlyList<CsvColumn> columns) =>
        Open(fileName, () => new MemoryStream(bytes, false), columns);

    private static CsvFile Open(string fileName, Func<Stream> open, IReadOnlyList<CsvColumn> columns)
    {
        var (text, sha256, readAs) = Decode(fileName, open);
        using var reader = new StreamReader(text(), Encoding.UTF8, true, Chunk);
        using var csv = new CsvReader(reader, Config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header)
            throw CsvTable.Problem(fileName, 1, null, new(ProblemTexts.FileEmpty));
        return new CsvFile(fileName, sha256, text, header, MapHeader(fileName, header, columns), readAs);
    }

    /// <summary>
    /// The file as UTF-8 CSV text, checked (<see cref="CheckText"/>), with the hash of its bytes as they came: UTF-8 as it is;
    /// a workbook's first sheet (<see cref="Workbook"/>); a file that is not UTF-8 but reads whole as GB18030 with Chinese in
    /// it, decoded as it is read, never refused for its encoding alone.
    /// </summary>
    private static (Func<Stream> Text, string Sha256, string? ReadAs) Decode(string fileName, Func<Stream> open)
    {
        Span<byte> head = stackalloc byte[8];
        using (var first = open()) head = head[..first.ReadAtLeast(head, head.Length, false)];
        if (Workbook.KindOf(head) is { } kind)
        {
            var (csv, sheet) = Workbook.ToCsv(fileName, open, kind);
            Func<Stream> sheetText = () => new MemoryStream(csv, false);
            CheckText(fileName, sheetText, csv: true);
            return (sheetText, HashOf(open), $"{kind}: {sheet}");
        }
        try
        {
            return (open, CheckText(fileName, open, csv: true), null);
        }
        catch (ConcordException e) when (e.Error is InvalidInputError { Problems: [{ Phrase.Template: ProblemTexts.NotUtf8Gb18030 }] })
        {
            Func<Stream> decoded = () => Encoding.CreateTranscodingStream(AfterBom(open()), Gb18030, Encoding.UTF8);
            try
            {
                CheckText(fileName, decoded, csv: true);
            }
            catch (DecoderFallbackException)
            {
                throw new ConcordException(e.Error);
            }
            return (decoded, HashOf(open), "GB18030");
        }
    }

    /// <summary>The stream past a UTF-8 byte order mark, which some tools write before text of any encoding.</summary>
    private static Stream AfterBom(Stream stream)
    {
        Span<byte> head = stackalloc byte[3];
        if (stream.ReadAtLeast(head, 3, false) != 3 || !head.SequenceEqual(Bom)) stream.Position = 0;
        return stream;
    }

    private static Encoding Gb18030 => Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    private static string HashOf(Func<Stream> open)
    {
        using var stream = open();
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static string?[] MapHeader(string fileName, string[] header, IReadOnlyList<CsvColumn> columns)
    {
        var byHeader = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in columns)
        {
            byHeader[c.Name] = c.Name;
            foreach (var alias in $"{c.Chinese}|{c.Burmese}".Split('|', StringSplitOptions.RemoveEmptyEntries)) byHeader[HeaderKey(alias)] = c.Name;
        }

        var mapped = new string?[header.Length];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<InputProblem>();
        for (var i = 0; i < header.Length; i++)
        {
            var h = header[i].Trim().TrimStart('\uFEFF');
            if (byHeader.TryGetValue(HeaderKey(h), out var name))
            {
                if (!seen.Add(name)) problems.Add(new(fileName, 1, h, new Phrase(ProblemTexts.ColumnTwice, name)));
                mapped[i] = name;
            }
        }
        if (header.Length == 1 && columns.Count(c => c.Required) > 1 && mapped[0] is null)
            throw CsvTable.Problem(fileName, 1, null, new(ProblemTexts.NotCommaSeparated));
        foreach (var c in columns.Where(c => c.Required && !seen.Contains(c.Name)))
            problems.Add(new(fileName, 1, c.Name, c.Chinese is null
                ? new Phrase(ProblemTexts.RequiredColumnMissing, c.Name)
                : new Phrase(ProblemTexts.RequiredColumnMissingAlso, c.Name, c.Chinese.Split('|')[0])));
        if (problems.Count > 0) throw new ConcordException(new InvalidInputError(problems));
        return mapped;
    }

    /// <summary>A header as it is looked up: Burmese typed in Zawgyi read as Unicode, every script in composed form.</summary>
    private static string HeaderKey(string header) =>
        (header.AsSpan().ContainsAnyInRange('\u1000', '\u109F') ? Zawgyi.ToUnicode(header) : header).Normalize(NormalizationForm.FormC);

    /// <summary>
    /// The rows after the header, blank ones skipped, each read when asked for. Each call reads the file afresh and
    /// starts <see cref="Problems"/> again.
    /// </summary>
    public IEnumerable<CsvRow> Rows()
    {
        _problems.Clear();
        using var reader = new StreamReader(_open(), Encoding.UTF8, true, Chunk);
        using var csv = new CsvReader(reader, Config);
        if (!csv.Read()) yield break;
        csv.ReadHeader();
        while (csv.Read())
        {
            var record = csv.Parser.Record ?? [];
            if (record.All(string.IsNullOrWhiteSpace)) continue;
            var rowNumber = csv.Parser.Row;
            if (record.Length > _header.Length && record.Skip(_header.Length).Any(v => !string.IsNullOrWhiteSpace(v)))
                _problems.Add(new(FileName, rowNumber, null, new Phrase(ProblemTexts.CellCount, Inv(record.Length), Inv(_header.Length))));
            var values = new Dictionary<string, string>(_header.Length, StringComparer.Ordinal);
            var extra = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < _header.Length; i++)
            {
                var v = i < record.Length ? record[i] : "";
                if (_mapped[i] is { } name) values[name] = v;
                else extra[_header[i].Trim()] = v;
            }
            yield return new CsvRow(rowNumber, values, extra);
        }
    }

    /// <summary>Throws the file's shape problems, if reading its rows met any.</summary>
    public void ThrowIfProblems()
    {
        if (_problems.Count > 0) throw new ConcordException(new InvalidInputError([.. _problems]));
    }

    public CsvTable ToTable()
    {
        var rows = Rows().ToList();
        ThrowIfProblems();
        return new CsvTable { FileName = FileName, Sha256 = Sha256, Rows = rows, ReadAs = ReadAs };
    }

    /// <summary>
    /// Refuses what is no text or not UTF-8, naming the row of the first invalid byte, and returns the file's hash: one
    /// pass over the bytes, a chunk at a time. A NUL byte anywhere is refused; with <paramref name="csv"/> the file's
    /// shape is checked in the same pass (<see cref="CsvShape"/>), so that no row is imported from a file whose quotes or
    /// cells do not add up.
    /// </summary>
    internal static string CheckText(string fileName, Func<Stream> open, bool csv)
    {
        var shape = new CsvShape(fileName, csv);
        using var stream = open();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[Chunk];
        var chars = new char[Chunk];
        var read = stream.ReadAtLeast(buffer, buffer.Length, false);
        if (LooksBinary(buffer.AsSpan(0, read)) is { } binary)
            throw CsvTable.Problem(fileName, null, null, new(binary));
        var offset = buffer.AsSpan(0, read).StartsWith(Bom) ? Bom.Length : 0;
        var carried = 0;
        var line = 1;
        while (true)
        {
            hash.AppendData(buffer, carried, read);
            var final = read == 0;
            var data = buffer.AsSpan(offset, carried + read - offset);
            var status = Utf8.ToUtf16(data, chars, out var consumed, out _, false, final);
            shape.Read(data[..consumed], line);
            line += data[..consumed].Count((byte)'\n');
            if (status == OperationStatus.InvalidData || (final && status != OperationStatus.Done))
                throw CsvTable.Problem(fileName, line, null, new(LooksLikeGb18030(open) ? ProblemTexts.NotUtf8Gb18030 : ProblemTexts.NotUtf8, Inv(line)));
            if (final)
            {
                shape.End();
                break;
            }
            // A character cut by the chunk's end is read again with the next chunk.
            carried = data.Length - consumed;
            data[consumed..].CopyTo(buffer);
            offset = 0;
            read = stream.ReadAtLeast(buffer.AsSpan(carried), buffer.Length - carried, false);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>What the file says it is when it is no text at all (one of <see cref="ProblemTexts"/>), or null.</summary>
    private static string? LooksBinary(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("PK\u0003\u0004"u8)) return ProblemTexts.NotCsvWorkbook;
        if (head.StartsWith("%PDF"u8)) return ProblemTexts.NotCsvPdf;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0])) return ProblemTexts.NotCsvOldOffice;
        if (head[..Math.Min(head.Length, 8192)].Contains((byte)0)) return ProblemTexts.NotCsvBinary;
        return null;
    }

    /// <summary>The whole file (BOM aside) reads as GB18030 and holds Chinese characters.</summary>
    private static bool LooksLikeGb18030(Func<Stream> open)
    {
        var decoder = Gb18030.GetDecoder();
        using var stream = open();
        var buffer = new byte[Chunk];
        var chars = new char[Chunk + 2];
        var chinese = false;
        var offset = -1;
        try
        {
            while (true)
            {
                var read = stream.ReadAtLeast(buffer, buffer.Length, false);
                if (offset < 0) offset = buffer.AsSpan(0, read).StartsWith(Bom) ? Bom.Length : 0;
                var count = decoder.GetChars(buffer.AsSpan(offset, read - offset), chars, read == 0);
                chinese |= chars.AsSpan(0, count).ContainsAnyInRange('\u4e00', '\u9fff');
                if (read == 0) return chinese;
                offset = 0;
            }
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static string Inv(int value) => value.ToString(CultureInfo.InvariantCulture);
}
