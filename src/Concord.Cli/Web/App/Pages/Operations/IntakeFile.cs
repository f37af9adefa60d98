using System.Globalization;
using System.Text;
using Concord.Core;
using Concord.Core.Features.Imports;
using CsvHelper;
using CsvHelper.Configuration;

namespace Concord.Cli.Web.App.Pages.Operations;

/// <summary>
/// A field file as the clerk sees it, read only to show it back beside the importer's verdict: every row with the spreadsheet
/// row number that the importer's problems name, and every header cell with the column it stands for.
/// </summary>
public sealed class IntakeFile
{
    public sealed record Row(int Number, IReadOnlyList<string> Cells);

    public required string FileName { get; init; }
    public required IReadOnlyList<string> Header { get; init; }
    /// <summary>For each header cell, the importer's column name (English) or null for a column it keeps as a note.</summary>
    public required IReadOnlyList<string?> Columns { get; init; }
    public required IReadOnlyList<Row> Rows { get; init; }

    /// <summary>The file's rows as written, or null when it is not readable text (the importer's own message says why).</summary>
    public static IntakeFile? TryRead(string fileName, byte[] bytes, IReadOnlyList<CsvColumn> columns)
    {
        string text;
        try
        {
            text = CsvTable.DecodeUtf8(fileName, bytes);
        }
        catch (ConcordException)
        {
            return null;
        }
        using var reader = new StringReader(text);
        using var csv = new CsvReader(reader, Configuration);
        if (!csv.Read() || csv.Parser.Record is not { Length: > 0 } header) return null;
        var byHeader = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in columns)
        {
            byHeader[c.Name] = c.Name;
            if (c.Chinese is not null)
                foreach (var zh in c.Chinese.Split('|')) byHeader[zh] = c.Name;
        }
        var names = header.Select(h => byHeader.TryGetValue(h.Trim().TrimStart('\uFEFF'), out var n) ? n : null).ToList();
        var rows = new List<Row>();
        while (csv.Read())
        {
            var record = csv.Parser.Record ?? [];
            if (record.All(string.IsNullOrWhiteSpace)) continue;
            rows.Add(new Row(csv.Parser.Row, record));
        }
        return new IntakeFile
        {
            FileName = fileName,
            Header = header.Select(h => h.Trim().TrimStart('\uFEFF')).ToList(),
            Columns = names,
            Rows = rows,
        };
    }

    /// <summary>Rows typed in the page, written as the CSV file a clerk would have uploaded, so that they take the same import.</summary>
    public static byte[] ToCsv(IReadOnlyList<CsvColumn> columns, IEnumerable<IReadOnlyDictionary<string, string>> rows)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" }))
        {
            foreach (var c in columns) csv.WriteField(c.Name);
            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var c in columns) csv.WriteField(row.TryGetValue(c.Name, out var v) ? v : "");
                csv.NextRecord();
            }
        }
        return new UTF8Encoding(false).GetBytes(writer.ToString());
    }

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        HasHeaderRecord = false,
        DetectDelimiter = false,
        BadDataFound = null,
        MissingFieldFound = null,
        TrimOptions = TrimOptions.None,
    };
}
