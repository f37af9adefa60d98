using Concord.Matching;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Concord.Core.Features.Imports;

/// <summary>One column of a field file: its English name, the Chinese header that may stand for it, and whether it must be there.</summary>
public sealed record CsvColumn(string Name, string? Chinese = null, bool Required = false);

/// <summary>A row of a field file, with its spreadsheet row number (the header is row 1).</summary>
public sealed class CsvRow(int row, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string> extra)
{
    public int Row { get; } = row;
    public IReadOnlyDictionary<string, string> Extra { get; } = extra;

    /// <summary>The trimmed cell, or null when empty ("not recorded").</summary>
    public string? this[string column] =>
        values.TryGetValue(column, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    public string? ExtraAsNotes() => Extra.Count == 0
        ? null
        : string.Join("; ", Extra.Where(kv => !string.IsNullOrWhiteSpace(kv.Value)).Select(kv => $"{kv.Key}: {kv.Value.Trim()}"));
}

/// <summary>
/// Reads a field file as it comes: UTF-8 with or without BOM, RFC 4180 quoting, English or Chinese headers in any order.
/// Anything else (another encoding, a spreadsheet, a missing column) is refused whole with its place named.
/// </summary>
public sealed class CsvTable
{
    public required string FileName { get; init; }
    public required string Sha256 { get; init; }
    public required IReadOnlyList<CsvRow> Rows { get; init; }

    static CsvTable() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static CsvTable Read(string path, IReadOnlyList<CsvColumn> columns)
    {
        if (!File.Exists(path))
            throw Problem(Path.GetFileName(path), null, null, new(ProblemTexts.FileNotFound));
        return Parse(Path.GetFileName(path), File.ReadAllBytes(path), columns);
    }

    public static CsvTable Parse(string fileName, byte[] bytes, IReadOnlyList<CsvColumn> columns)
    {
        var text = DecodeUtf8(fileName, bytes);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            DetectDelimiter = false,
            BadDataFound = null,
            MissingFieldFound = null,
            TrimOptions = TrimOptions.None,
        };
        using var reader = new StringReader(text);
        using var csv = new CsvReader(reader, config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header)
            throw Problem(fileName, 1, null, new(ProblemTexts.FileEmpty));

        var byHeader = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in columns)
        {
            byHeader[c.Name] = c.Name;
            if (c.Chinese is not null)
                foreach (var zh in c.Chinese.Split('|')) byHeader[zh] = c.Name;
        }

        var mapped = new string?[header.Length];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<InputProblem>();
        for (var i = 0; i < header.Length; i++)
        {
            var h = header[i].Trim().TrimStart('\uFEFF');
            if (byHeader.TryGetValue(h, out var name))
            {
                if (!seen.Add(name)) problems.Add(new(fileName, 1, h, new Phrase(ProblemTexts.ColumnTwice, name)));
                mapped[i] = name;
            }
        }
        if (header.Length == 1 && columns.Count(c => c.Required) > 1 && mapped[0] is null)
            throw Problem(fileName, 1, null, new(ProblemTexts.NotCommaSeparated));
        foreach (var c in columns.Where(c => c.Required && !seen.Contains(c.Name)))
            problems.Add(new(fileName, 1, c.Name, c.Chinese is null
                ? new Phrase(ProblemTexts.RequiredColumnMissing, c.Name)
                : new Phrase(ProblemTexts.RequiredColumnMissingAlso, c.Name, c.Chinese.Split('|')[0])));
        if (problems.Count > 0) throw new ConcordException(new InvalidInputError(problems));

        var rows = new List<CsvRow>();
        while (csv.Read())
        {
            var record = csv.Parser.Record ?? [];
            if (record.All(string.IsNullOrWhiteSpace)) continue;
            var rowNumber = csv.Parser.Row;
            if (record.Length > header.Length && record.Skip(header.Length).Any(v => !string.IsNullOrWhiteSpace(v)))
                problems.Add(new(fileName, rowNumber, null, new Phrase(ProblemTexts.CellCount, Inv(record.Length), Inv(header.Length))));
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var extra = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                var v = i < record.Length ? record[i] : "";
                if (mapped[i] is { } name) values[name] = v;
                else extra[header[i].Trim()] = v;
            }
            rows.Add(new CsvRow(rowNumber, values, extra));
        }
        if (problems.Count > 0) throw new ConcordException(new InvalidInputError(problems));
        return new CsvTable { FileName = fileName, Sha256 = HashOf(bytes), Rows = rows };
    }

    public static string HashOf(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Strict UTF-8: a file in another encoding is refused, never read as mojibake.</summary>
    public static string DecodeUtf8(string fileName, byte[] bytes)
    {
        if (LooksBinary(bytes) is { } binary)
            throw Problem(fileName, null, null, new(binary));
        var span = bytes.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) span = span[3..];
        try
        {
            return new UTF8Encoding(false, true).GetString(span);
        }
        catch (DecoderFallbackException e)
        {
            var offset = e.Index;
            var line = 1 + span[..Math.Clamp(offset, 0, span.Length)].Count((byte)'\n');
            throw Problem(fileName, line, null, new(LooksLikeGb18030(span) ? ProblemTexts.NotUtf8Gb18030 : ProblemTexts.NotUtf8, Inv(line)));
        }
    }

    /// <summary>What the file says it is when it is no text at all (one of <see cref="ProblemTexts"/>), or null.</summary>
    private static string? LooksBinary(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith("PK\u0003\u0004"u8)) return ProblemTexts.NotCsvWorkbook;
        if (bytes.AsSpan().StartsWith("%PDF"u8)) return ProblemTexts.NotCsvPdf;
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0])) return ProblemTexts.NotCsvOldOffice;
        if (bytes.AsSpan(0, Math.Min(bytes.Length, 8192)).Contains((byte)0)) return ProblemTexts.NotCsvBinary;
        return null;
    }

    private static bool LooksLikeGb18030(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var text = Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback).GetString(bytes);
            return text.Any(c => c is >= '\u4e00' and <= '\u9fff');
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    public static ConcordException Problem(string file, int? row, string? column, Phrase phrase) =>
        new(new InvalidInputError([new InputProblem(file, row, column, phrase)]));

    private static string Inv(int value) => value.ToString(CultureInfo.InvariantCulture);
}
