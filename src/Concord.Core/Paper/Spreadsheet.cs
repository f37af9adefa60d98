using System.Data;
using MiniExcelLibs;

namespace Concord.Core.Paper;

/// <summary>One sheet of an exported workbook: its name, its column headers and its rows, one typed value per column.</summary>
public sealed record Sheet(string Name, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>
/// Workbooks for a spreadsheet (.xlsx, written with MiniExcel): one sheet per table, each column typed from its values
/// (numbers stay numbers, dates dates, yes/no booleans), so that a clerk sums and filters without converting anything.
/// Values are written as cell values, never as formulas, so a name beginning with "=" stays a name.
/// </summary>
public static class Spreadsheet
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Write(IReadOnlyList<Sheet> sheets)
    {
        var book = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        foreach (var sheet in sheets)
        {
            book.Add(SheetName(sheet.Name, book.Keys), Table(sheet));
        }
        using var stream = new MemoryStream();
        stream.SaveAs(book);
        return stream.ToArray();
    }

    private static DataTable Table(Sheet sheet)
    {
        var table = new DataTable(sheet.Name);
        var headers = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var c = 0; c < sheet.Columns.Count; c++)
        {
            // A header is unique in its sheet; a second "Status" becomes "Status (2)".
            var header = sheet.Columns[c];
            for (var n = 2; !headers.Add(header); n++) header = $"{sheet.Columns[c]} ({n})";
            table.Columns.Add(header, ColumnType(sheet.Rows.Select(r => Value(r[c]))));
        }
        foreach (var row in sheet.Rows)
        {
            table.Rows.Add([.. row.Select(v => Value(v) ?? DBNull.Value)]);
        }
        return table;
    }

    // Dates without a time become dates; instants are written in UTC, which the column headers say.
    private static object? Value(object? value) => value switch
    {
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        DateTimeOffset t => t.UtcDateTime,
        Enum e => e.ToString(),
        _ => value,
    };

    private static Type ColumnType(IEnumerable<object?> values)
    {
        Type? type = null;
        foreach (var v in values)
        {
            if (v is null) continue;
            var t = v.GetType();
            if (type is null) type = t;
            else if (type != t) return typeof(string);
        }
        return type ?? typeof(string);
    }

    // Excel's rules: at most 31 characters, none of : \ / ? * [ ], unique regardless of case.
    private static string SheetName(string name, IEnumerable<string> taken)
    {
        var clean = new string([.. name.Select(ch => ":\\/?*[]".Contains(ch, StringComparison.Ordinal) ? '-' : ch)]).Trim();
        if (clean.Length == 0) clean = "Sheet";
        var set = taken.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var candidate = clean.Length > 31 ? clean[..31] : clean;
        for (var n = 2; set.Contains(candidate); n++)
        {
            var suffix = $" ({n})";
            candidate = (clean.Length + suffix.Length > 31 ? clean[..(31 - suffix.Length)] : clean) + suffix;
        }
        return candidate;
    }
}
