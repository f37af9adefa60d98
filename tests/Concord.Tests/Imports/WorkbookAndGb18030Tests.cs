using System.Globalization;
using System.Text;
using Concord.Core.Auditing;
using Concord.Core.Features.Imports;
using Concord.Core.Features.Operations;
using Concord.Tests.Infrastructure;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Concord.Tests.Imports;

/// <summary>
/// Rosters as clerks keep them: an Excel workbook, or CSV saved by Chinese Windows (GB18030). Each is read to the very
/// rows the UTF-8 CSV gives, and the import says how it read the file; what Excel did to numbers typed as numbers is
/// flagged on the row.
/// </summary>
public sealed class WorkbookAndGb18030Tests
{
    static WorkbookAndGb18030Tests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static List<Dictionary<string, string>> MuseRoster()
    {
        using var reader = new StreamReader(Repo.Muse("roster.csv"));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read()) rows.Add(csv.HeaderRecord!.ToDictionary(h => h, h => csv.GetField(h) ?? "", StringComparer.Ordinal));
        return rows;
    }

    /// <summary>The roster as a workbook written by another library than the one that reads it; <paramref name="cell"/> may type a cell.</summary>
    private static string Workbook(List<Dictionary<string, string>> rows, Func<string, string, object>? cell = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"roster-{Guid.NewGuid():N}.xlsx");
        MiniExcel.SaveAs(path, rows.Select(r => r.ToDictionary(kv => kv.Key, kv => cell?.Invoke(kv.Key, kv.Value) ?? kv.Value)).ToList());
        return path;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheMuseRoster_AsAWorkbook_AndAsGb18030_ImportsTheSameRows_AsTheUtf8File(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var roster = MuseRoster();
        var xlsx = Workbook(roster);
        var gb18030 = Scenario.WriteTemp("roster-gbk.csv", Encoding.GetEncoding("GB18030").GetBytes(File.ReadAllText(Repo.Muse("roster.csv"))));
        await using var db = database.Open();
        await Scenario.AgreementLeadOperationAsync(db);

        var fromWorkbook = await ImportRoster.RunAsync(db, Scenario.Operator, xlsx, Scenario.Operation, default);
        Assert.Equal((roster.Count, roster.Count, "xlsx: Sheet1"), (fromWorkbook.Rows, fromWorkbook.Added, fromWorkbook.ReadAs));

        // Every row of the other two is one already there unchanged: the same fields to the character.
        var fromGb18030 = await ImportRoster.RunAsync(db, Scenario.Operator, gb18030, Scenario.Operation, default);
        Assert.Equal((roster.Count, 0, roster.Count, "GB18030"), (fromGb18030.Rows, fromGb18030.Added, fromGb18030.Unchanged, fromGb18030.ReadAs));
        var fromUtf8 = await ImportRoster.RunAsync(db, Scenario.Operator, Repo.Muse("roster.csv"), Scenario.Operation, default);
        Assert.Equal((0, roster.Count, (string?)null), (fromUtf8.Added, fromUtf8.Unchanged, fromUtf8.ReadAs));

        // Names keep their scripts through both.
        var names = await db.RosterRecords.AsNoTracking().Select(r => r.Name).ToListAsync();
        Assert.Contains("胡敏刚", names);
        Assert.Contains("သူရကိုလှိုင်", names);
    }

    [Fact]
    public async Task BurmeseHeaders_InUnicodeOrZawgyi_ReadAsTheEnglishOnes()
    {
        const string burmese = "အမှတ်စဉ်,အမည်,အင်္ဂလိပ်အမည်,အခြားအမည်,ကျား/မ,မွေးသက္ကရာဇ်,နိုင်ငံသား,သက်သေခံကတ်အမျိုးအစား,မှတ်ပုံတင်အမှတ်,ဖုန်းနံပါတ်,စခန်း,ဖမ်းဆီးသည့်အချိန်,ဖမ်းဆီးသည့်တပ်ဖွဲ့,မွတ္ခ်က္";
        var lines = File.ReadAllLines(Repo.Muse("roster.csv"));
        lines[0] = burmese;
        var table = CsvTable.Read(Scenario.WriteTemp("roster-my.csv", lines), ImportRoster.Columns);
        var english = CsvTable.Read(Repo.Muse("roster.csv"), ImportRoster.Columns);
        Assert.Empty(table.Rows[0].Extra);
        foreach (var column in ImportRoster.Columns.Select(c => c.Name))
            Assert.Equal(english.Rows.Select(r => r[column]), table.Rows.Select(r => r[column]));

        await using var database = await TestDatabase.CreateAsync("sqlite");
        await using var db = database.Open();
        await Scenario.AgreementLeadOperationAsync(db);
        var result = await ImportRoster.RunAsync(db, Scenario.Operator, Scenario.WriteTemp("roster-my.csv", lines), Scenario.Operation, default);
        Assert.Equal(english.Rows.Count, result.Added);
    }

    [Fact]
    public async Task NumbersExcelKeptAsNumbers_AreReadAsExcelShowsThem_AndADamagedIdIsFlagged()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        var roster = MuseRoster().Take(5).ToList();
        // MUSE-0004's resident id typed as a number (Excel keeps 15 digits), its phone as a number, its birth date as a date.
        var xlsx = Workbook(roster, (column, value) => (column, value) switch
        {
            ("id_number", "340519199810085402") => 340519199810085402d,
            ("phone", "+86 199 5288 9825") => 8619952889825d,
            ("birth_date", "1998-10-08") => new DateTime(1998, 10, 8),
            _ => value,
        });
        var table = CsvTable.Read(xlsx, ImportRoster.Columns);
        var row = table.Rows.Single(r => r["roster_no"] == "MUSE-0004");
        Assert.Equal(("3.40519199810085E+17", "8619952889825", "1998-10-08"), (row["id_number"], row["phone"], row["birth_date"]));
        Assert.Equal(5, row.Row);

        await using var db = database.Open();
        await Scenario.AgreementLeadOperationAsync(db);
        await ImportRoster.RunAsync(db, Scenario.Operator, xlsx, Scenario.Operation, default);
        var record = await db.RosterRecords.AsNoTracking().SingleAsync(r => r.RosterNo == "MUSE-0004");
        Assert.Contains("id-excel-number", record.Flags ?? "", StringComparison.Ordinal);
        Assert.Equal("1998-10-08", record.BirthDate);
    }

    /// <summary>
    /// The Muse roster opened in Excel and saved again as CSV: IDs and phones in scientific notation, birth dates in the
    /// computer's format. The check names each damaged row and column before anything is saved; saved anyway, the
    /// flags are on the rows and count in the persons list.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnExcelDamagedRoster_ShowsItsFlaggedRows_BeforeSaving_AndKeepsTheFlagsAfter(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var rows = MuseRoster().Take(40).ToList();
        var damaged = new Dictionary<int, string>();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            // Each row with a resident ID and a full birth date as Excel leaves it: the ID and the phone kept as numbers, the date written month/day/year.
            if (r["id_type"] != "CN-RIC" || r["birth_date"].Length != 10) continue;
            r["id_number"] = double.Parse(r["id_number"], CultureInfo.InvariantCulture).ToString("0.#####E+0", CultureInfo.InvariantCulture);
            var digits = new string(r["phone"].Where(char.IsAsciiDigit).ToArray());
            if (digits.Length > 0) r["phone"] = double.Parse(digits, CultureInfo.InvariantCulture).ToString("0.#####E+0", CultureInfo.InvariantCulture);
            r["birth_date"] = DateOnly.ParseExact(r["birth_date"], "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("M/d/yyyy", CultureInfo.InvariantCulture);
            damaged[i + 2] = r["roster_no"];
        }
        Assert.True(damaged.Count >= 3, $"only {damaged.Count} rows damaged");
        var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            foreach (var h in rows[0].Keys) csv.WriteField(h);
            csv.NextRecord();
            foreach (var r in rows)
            {
                foreach (var v in r.Values) csv.WriteField(v);
                csv.NextRecord();
            }
        }
        var lines = text.ToString().TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var path = Scenario.WriteTemp("roster-resaved.csv", lines);
        await using var db = database.Open();
        await Scenario.AgreementLeadOperationAsync(db);
        var operation = await db.Operations.SingleAsync();

        var check = await ImportRoster.CheckAsync(db, Scenario.Operator, CsvTable.Read(path, ImportRoster.Columns), operation, default);
        Assert.Equal(40, check.Rows);
        Assert.Equal(damaged.Keys.Order(), check.Flagged.Where(f => f.Flag == "id-excel-number").Select(f => f.Row).Order());
        Assert.All(check.Flagged.Where(f => f.Flag == "id-excel-number"), f => Assert.Equal(("id_number", damaged[f.Row]), (f.Column, f.RosterNo)));
        Assert.Contains(check.Flagged, f => f.Flag == "phone-excel-number" && f.Column == "phone" && f.Written!.Contains("E+", StringComparison.Ordinal));
        Assert.Equal(damaged.Count, check.Flagged.Count(f => f.Flag == "birth-date-rewritten" && f.Column == "birth_date"));
        Assert.Equal(0, await db.RosterRecords.CountAsync());

        // Saved anyway: the dates are read, the flags stay on the rows and count in the persons list.
        await ImportRoster.RunAsync(db, Scenario.Operator, path, Scenario.Operation, default);
        var first = await db.RosterRecords.AsNoTracking().SingleAsync(r => r.RosterNo == damaged.First().Value);
        Assert.Contains("id-excel-number", first.Flags!, StringComparison.Ordinal);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", first.BirthDate!);
        var mm = await Scenario.ActorOfAsync(db, "MM-MPF");
        var list = await Concord.Core.Features.Persons.PersonList.ListAsync(db, mm, new(Scenario.Operation, Flag: "id-excel-number"), db.ReadsIn(), default);
        Assert.Equal(damaged.Count, list.Total);
        Assert.Equal(damaged.Count, list.Counts["flag"]["id-excel-number"]);
    }

    [Fact]
    public void AWordDocument_OrADamagedWorkbook_IsRefusedWhole_NamingTheFile()
    {
        var damaged = File.ReadAllBytes(Workbook(MuseRoster().Take(3).ToList()));
        Array.Resize(ref damaged, damaged.Length / 2);
        var e = Assert.Throws<Concord.Core.ConcordException>(() => CsvTable.Parse("roster.xlsx", damaged, ImportRoster.Columns));
        var problem = Assert.Single(Assert.IsType<Concord.Core.InvalidInputError>(e.Error).Problems);
        Assert.Equal(("roster.xlsx", Concord.Core.ProblemTexts.NotCsvWorkbook), (problem.File, problem.Phrase!.Template));
    }
}
