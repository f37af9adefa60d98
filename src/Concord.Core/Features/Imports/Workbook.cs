using System.Globalization;
using System.Text;
using CsvHelper;
using ExcelDataReader;

namespace Concord.Core.Features.Imports;

/// <summary>
/// A clerk's workbook (.xlsx, or the old .xls) read as the field file it holds: the first sheet with any cell, as CSV text
/// with the sheet's row numbers kept (a blank row stays a blank line), so that every later check names the row the clerk
/// sees in Excel. Cells kept as text stay as typed; a number is written as Excel shows it in its General format (an
/// identity number typed as a number has lost its last digits there, and reads as <c>3.40519199001011E+17</c>, which
/// the import flags); a date cell as <c>yyyy-MM-dd</c>, with its time when it has one.
/// </summary>
internal static class Workbook
{
    /// <summary>What the first bytes say: "xlsx" for an Office Open XML package, "xls" for an old compound file, else null.</summary>
    public static string? KindOf(ReadOnlySpan<byte> head) =>
        head.StartsWith("PK\u0003\u0004"u8) ? "xlsx"
        : head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) ? "xls"
        : null;

    /// <summary>The sheet as UTF-8 CSV, and its name; a file that is no workbook (a Word file, a damaged ZIP) is refused whole.</summary>
    public static (byte[] Csv, string Sheet) ToCsv(string fileName, Func<Stream> open, string kind)
    {
        try
        {
            using var stream = open();
            using var reader = kind == "xls" ? ExcelReaderFactory.CreateBinaryReader(stream) : ExcelReaderFactory.CreateOpenXmlReader(stream);
            do
            {
                var csv = SheetAsCsv(reader);
                if (csv is not null) return (csv, reader.Name);
            }
            while (reader.NextResult());
        }
        catch (Exception e) when (e is not ConcordException and not OutOfMemoryException)
        {
            throw CsvTable.Problem(fileName, null, null, new(kind == "xls" ? ProblemTexts.NotCsvOldOffice : ProblemTexts.NotCsvWorkbook));
        }
        throw CsvTable.Problem(fileName, 1, null, new(ProblemTexts.FileEmpty));
    }

    /// <summary>The current sheet's rows, or null when it holds no cell at all.</summary>
    private static byte[]? SheetAsCsv(IExcelDataReader reader)
    {
        using var buffer = new MemoryStream();
        var any = false;
        using (var text = new StreamWriter(buffer, new UTF8Encoding(false), leaveOpen: true))
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            var written = 0;
            while (reader.Read())
            {
                // Rows the sheet skips (never touched) are blank lines, so that line numbers stay the sheet's row numbers.
                for (; written < reader.Depth; written++) csv.NextRecord();
                var cells = new string[reader.FieldCount];
                for (var i = 0; i < cells.Length; i++) cells[i] = Cell(reader.GetValue(i));
                var last = Array.FindLastIndex(cells, c => c.Length > 0);
                for (var i = 0; i <= last; i++) csv.WriteField(cells[i]);
                any |= last >= 0;
                csv.NextRecord();
                written++;
            }
        }
        return any ? buffer.ToArray() : null;
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        string s => s,
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => d.ToString("F0", CultureInfo.InvariantCulture),
        double d => d.ToString("G15", CultureInfo.InvariantCulture),
        DateTime t => t.TimeOfDay == TimeSpan.Zero
            ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : t.ToString(t.Second == 0 ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
