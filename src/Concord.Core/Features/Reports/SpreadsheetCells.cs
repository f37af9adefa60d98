using System.Globalization;

namespace Concord.Core.Features.Reports;

/// <summary>
/// The one place where a cell of an exported CSV (or any file a spreadsheet opens) is written. A text cell that starts with
/// '=', '+', '-', '@', a tab or a carriage return is prefixed with a single quote, so that a spreadsheet shows it as text and
/// never runs it as a formula (<c>=HYPERLINK(...)</c> in a name or a note). Only text is prefixed: numbers and dates are
/// written as themselves in the invariant culture (a negative count stays a number), since they cannot hold a formula.
/// </summary>
public static class SpreadsheetCells
{
    private static ReadOnlySpan<char> FormulaStarts => ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>A text cell as a spreadsheet may safely open it.</summary>
    public static string Text(string? value) =>
        string.IsNullOrEmpty(value) ? "" : FormulaStarts.Contains(value[0]) ? "'" + value : value;

    /// <summary>Any cell: numbers and dates as they are (invariant culture), everything else as <see cref="Text"/>.</summary>
    public static string Cell(object? value) => value switch
    {
        null => "",
        string s => Text(s),
        sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal => ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        _ => Text(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}
