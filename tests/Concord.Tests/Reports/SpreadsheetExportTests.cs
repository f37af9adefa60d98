using System.Globalization;
using Concord.Cli.Web.App.Pages;
using Concord.Core.Features.Reports;
using CsvHelper;

namespace Concord.Tests.Reports;

/// <summary>An exported cell never runs as a formula in a spreadsheet; numbers and dates stay as they are.</summary>
public sealed class SpreadsheetExportTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\",\"x\")", "'=HYPERLINK(\"http://evil\",\"x\")")]
    [InlineData("+1 555", "'+1 555")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "'\rcmd")]
    [InlineData("MUSE-2024-03", "MUSE-2024-03")]
    [InlineData("张伟", "张伟")]
    [InlineData("", "")]
    public void TextCell_StartingAFormula_IsPrefixed(string text, string cell) => Assert.Equal(cell, SpreadsheetCells.Text(text));

    [Fact]
    public void NumbersAndDates_AreNotMangled()
    {
        Assert.Equal("-5", SpreadsheetCells.Cell(-5));
        Assert.Equal("-1.5", SpreadsheetCells.Cell(-1.5m));
        Assert.Equal("2024-03-31", SpreadsheetCells.Cell(new DateOnly(2024, 3, 31)));
        Assert.Equal("'-5", SpreadsheetCells.Cell("-5"));
    }

    [Fact]
    public void ReportExport_RecordWhoseTextBeginsWithEquals_IsWrittenAsText()
    {
        var report = new OperationReport.Report("OP-1", "=HYPERLINK(\"http://evil\",\"lead\")", "MM-MPF",
            new OperationReport.Arrested(3, 3, 0, new SortedDictionary<string, int>(StringComparer.Ordinal) { ["=1+1"] = -2 }),
            new OperationReport.KeyFigures(0, new SortedDictionary<string, int>(StringComparer.Ordinal)),
            new OperationReport.Fugitives(0, 0),
            new OperationReport.Seizures(0, 0, new SortedDictionary<string, OperationReport.TypeCount>(StringComparer.Ordinal)),
            [], new OperationReport.AssignmentFigures(new SortedDictionary<string, int>(StringComparer.Ordinal), 0, 0), 0);
        using var csv = new CsvReader(new StringReader(ReportExport.ToCsv(report)), CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (csv.Read()) rows.Add(csv.Parser.Record!);
        Assert.Equal(["lead", "", "'=HYPERLINK(\"http://evil\",\"lead\")"], rows.Single(r => r[0] == "lead"));
        Assert.Equal(["arrested_by_nationality", "'=1+1", "-2"], rows.Single(r => r[0] == "arrested_by_nationality"));
        Assert.DoesNotContain(rows.SelectMany(r => r), c => c.Length > 0 && "=+-@\t\r".Contains(c[0], StringComparison.Ordinal) && c != "-2");
    }
}
