using System.Text;
using Concord.Core;
using Concord.Core.Features.Imports;
using Concord.Core.Features.Operations;
using Concord.Core.Features.Wanted;
using Concord.Matching;
using Concord.Tests.Infrastructure;

namespace Concord.Tests.Imports;

/// <summary>
/// A field file whose quotes or cells do not add up is refused whole, with its row and column, before any row is read:
/// an unbalanced quote never carries the next arrestee into a name, and a NUL byte is found anywhere in the file.
/// </summary>
public sealed class StrictCsvTests
{
    private static readonly CsvColumn[] Columns = [new("id", null, true), new("name", null, true), new("notes")];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Roster_QuoteNeverClosed_RefusedWhereItOpens(string provider)
    {
        await using var database = await BadInputTests.ReadyAsync(provider);
        var lines = Scenario.RosterLines(6);
        lines[3] = lines[3].Replace("MUSE-0003,", "MUSE-0003,\"", StringComparison.Ordinal);
        var path = Scenario.WriteTemp("roster.csv", lines);
        var p = await BadInputTests.RefusedAsync(database, db => ImportRoster.RunAsync(db, Scenario.Operator, path, Scenario.Operation, default));
        Assert.Equal(("roster.csv", 4, "name"), (p.File, p.Row!.Value, p.Column!));
        Assert.Equal(ProblemTexts.QuoteNotClosed, p.Phrase!.Template);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Roster_UnbalancedQuote_DoesNotSwallowTheNextArrestee(string provider)
    {
        await using var database = await BadInputTests.ReadyAsync(provider);
        // Row 32 quotes "Zhao, Bintian": an open quote on row 4 would run up to it, taking 27 arrestees into one name.
        var lines = Scenario.RosterLines(40);
        lines[3] = lines[3].Replace("MUSE-0003,", "MUSE-0003,\"", StringComparison.Ordinal);
        var path = Scenario.WriteTemp("roster.csv", lines);
        var p = await BadInputTests.RefusedAsync(database, db => ImportRoster.RunAsync(db, Scenario.Operator, path, Scenario.Operation, default));
        Assert.Equal((4, "name"), (p.Row!.Value, p.Column!));
        Assert.Equal(new Phrase(ProblemTexts.QuoteRunsOn, "32").English, p.Detail);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Roster_RowOf10000Cells_RefusedNamingRowAndFirstExtraColumn(string provider)
    {
        await using var database = await BadInputTests.ReadyAsync(provider);
        var lines = Scenario.RosterLines(6);
        lines[2] += string.Concat(Enumerable.Repeat(",x", 10_000 - 14));
        var path = Scenario.WriteTemp("roster.csv", lines);
        var p = await BadInputTests.RefusedAsync(database, db => ImportRoster.RunAsync(db, Scenario.Operator, path, Scenario.Operation, default));
        Assert.Equal((3, "15"), (p.Row!.Value, p.Column!));
        Assert.Equal(new Phrase(ProblemTexts.CellCount, "10000", "14").English, p.Detail);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Roster_EmptyExtraCells_AreStillTooMany(string provider)
    {
        await using var database = await BadInputTests.ReadyAsync(provider);
        var lines = Scenario.RosterLines(6);
        lines[5] += ",,";
        var path = Scenario.WriteTemp("roster.csv", lines);
        var p = await BadInputTests.RefusedAsync(database, db => ImportRoster.RunAsync(db, Scenario.Operator, path, Scenario.Operation, default));
        Assert.Equal((6, "15"), (p.Row!.Value, p.Column!));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Wanted_NulByteAfterByte8192_RefusedNamingRowAndColumn(string provider)
    {
        await using var database = await BadInputTests.ReadyAsync(provider);
        var lines = File.ReadLines(Repo.Muse("wanted.csv")).Take(401).ToList();
        lines[300] = lines[300].Replace(",M,", ",M\0,", StringComparison.Ordinal).Replace(",F,", ",F\0,", StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
        Assert.True(Array.IndexOf(bytes, (byte)0) > 8192);
        var path = Scenario.WriteTemp("wanted.csv", bytes);
        var p = await BadInputTests.RefusedAsync(database, db => ImportWantedList.RunAsync(db, Scenario.Operator, path, "CN-MPS", default));
        Assert.Equal(("wanted.csv", 301, "sex"), (p.File, p.Row!.Value, p.Column!));
        Assert.Equal(ProblemTexts.NotCsvBinary, p.Phrase!.Template);
    }

    [Fact]
    public void QuoteInsideAnUnquotedCell_Refused()
    {
        var e = Assert.Throws<ConcordException>(() => Parse("id,name\n1,Zhang \"Tiger\" San\n"));
        var p = Assert.Single(Assert.IsType<InvalidInputError>(e.Error).Problems);
        Assert.Equal((2, "name", ProblemTexts.QuoteInCell), (p.Row!.Value, p.Column!, p.Phrase!.Template));
    }

    [Fact]
    public void TextAfterAClosingQuote_Refused()
    {
        var e = Assert.Throws<ConcordException>(() => Parse("id,name\r\n1,\"Zhang\"San\r\n"));
        var p = Assert.Single(Assert.IsType<InvalidInputError>(e.Error).Problems);
        Assert.Equal((2, "name"), (p.Row!.Value, p.Column!));
    }

    [Fact]
    public void NulByteInAJsonDocument_Refused()
    {
        var bytes = Encoding.UTF8.GetBytes(new string(' ', 10_000) + "{\n\"code\": \"A\0\"}");
        var e = Assert.Throws<ConcordException>(() => CsvTable.DecodeUtf8("agreement.json", bytes));
        Assert.Equal(2, Assert.Single(Assert.IsType<InvalidInputError>(e.Error).Problems).Row);
    }

    [Fact]
    public void WellFormedQuoting_ReadsAsWritten()
    {
        // BOM, CRLF, a quoted comma, a doubled quote, a line break inside a quoted cell, no newline at the end.
        var text = "\uFEFFid,name,notes\r\n1,\"Zhao, Bintian\",\"said \"\"Tiger\"\"\r\nsecond line\"\r\n\r\n2,李四,";
        var table = Parse(text);
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal("Zhao, Bintian", table.Rows[0]["name"]);
        Assert.Equal("said \"Tiger\"\r\nsecond line", table.Rows[0]["notes"]);
        Assert.Equal("李四", table.Rows[1]["name"]);
    }

    private static CsvTable Parse(string text) => CsvTable.Parse("file.csv", Encoding.UTF8.GetBytes(text), Columns);
}
