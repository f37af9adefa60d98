using System.Security.Cryptography;
using System.Text;
using Concord.Core;
using Concord.Core.Domain;
using Concord.Core.Features.Agreements;
using Concord.Core.Features.Wanted;
using Concord.Core.Storage;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Wanted;

/// <summary>A wanted list goes in through the bulk path and reads back exactly as SaveChanges would have left it.</summary>
public sealed class WantedBulkImportTests
{
    private const string Header = "wanted_id,name,name_latin,aliases,sex,birth_date,nationality,id_type,id_number,agency,offence,listed_on";

    internal static async Task<TestDatabase> WithAgencyAsync(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        await Scenario.MuseAgreementAsync(db);
        return database;
    }

    /// <summary>The row hash as the list has always kept it (every cell trimmed, then each extra column by name), so that files imported before still count as unchanged.</summary>
    private static string RowHash(string?[] cells, params (string Column, string Value)[] extra)
    {
        var text = string.Concat(cells.Select(c => c + "\u001f")) + string.Concat(extra.Select(e => $"{e.Column}={e.Value}\u001f"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BulkImport_StoresEveryColumn_AsSaveChangesWould(string provider)
    {
        await using var database = await WithAgencyAsync(provider);
        var path = Scenario.WriteTemp("wanted.csv", [
            Header + ",remarks",
            "B-1,张伟,ZHANG WEI,张大伟;小张,男,1990-05-12,中国,身份证,110101199005120011,Beijing PSB,fraud,2023-01-01,seen in Muse",
            "B-2, မောင်မောင် ,Maung Maung,,女,1988,缅甸,MM-NRC,၁၃/မဆတ(နိုင်)၁၂၃၄၅၆,,fraud,,",
            "B-3,,LI NA,,,,,,,,,2022-07,",
        ]);
        var before = DateTime.UtcNow;
        await using (var db = database.Open())
        {
            var result = await ImportWantedList.RunAsync(db, Scenario.Operator, path, "CN-MPS", default);
            Assert.Equal((3, 3, 0), (result.Rows, result.Added, result.Unchanged));
        }
        var after = DateTime.UtcNow;

        await using var check = database.Open();
        var agency = await check.Agencies.SingleAsync(a => a.Code == "CN-MPS");
        var revision = await Counters.CurrentAsync(check, Counters.WantedRevision, default);
        Assert.Equal(1, revision);
        var rows = await check.WantedPersons.AsNoTracking().ToDictionaryAsync(w => w.WantedId);
        Assert.Equal(3, rows.Count);

        var b1 = rows["B-1"];
        Assert.Equal(("张伟", "ZHANG WEI", "张大伟;小张", "M", "1990-05-12"), (b1.Name, b1.NameLatin, b1.Aliases, b1.Sex, b1.BirthDate));
        Assert.Equal(("CHN", "中国", "CN-RIC", "110101199005120011", "110101199005120011"), (b1.Nationality, b1.NationalityWritten, b1.IdType, b1.IdNumber, b1.IdNumberWritten));
        Assert.Equal(("id-check-digit", "remarks: seen in Muse"), (b1.Flags, b1.Notes));
        Assert.Equal(("Beijing PSB", "fraud", "2023-01-01"), (b1.IssuingUnit, b1.Offence, b1.ListedOn));
        Assert.Equal(RowHash(["B-1", "张伟", "ZHANG WEI", "张大伟;小张", "男", "1990-05-12", "中国", "身份证", "110101199005120011", "Beijing PSB", "fraud", "2023-01-01"], ("remarks", "seen in Muse")), b1.SourceHash);

        var b2 = rows["B-2"];
        Assert.Equal(("မောင်မောင်", "Maung Maung", null, "F", "1988"), (b2.Name, b2.NameLatin, b2.Aliases, b2.Sex, b2.BirthDate));
        Assert.Equal(("MMR", "缅甸", "MM-NRC", "13/MASATA(N)123456", "၁၃/မဆတ(နိုင်)၁၂၃၄၅၆"), (b2.Nationality, b2.NationalityWritten, b2.IdType, b2.IdNumber, b2.IdNumberWritten));
        // An extra column left blank is kept as an empty note, as it always was.
        Assert.Equal((null, ""), (b2.Flags, b2.Notes));
        Assert.Equal((null, "fraud", null), (b2.IssuingUnit, b2.Offence, b2.ListedOn));
        Assert.Equal(RowHash(["B-2", "မောင်မောင်", "Maung Maung", null, "女", "1988", "缅甸", "MM-NRC", "၁၃/မဆတ(နိုင်)၁၂၃၄၅၆", null, "fraud", null], ("remarks", "")), b2.SourceHash);

        var b3 = rows["B-3"];
        Assert.Equal((null, "LI NA", null, null, null, null, null), (b3.Name, b3.NameLatin, b3.Aliases, b3.Sex, b3.BirthDate, b3.Nationality, b3.NationalityWritten));
        Assert.Equal((null, null, null, null), (b3.IdType, b3.IdNumber, b3.IdNumberWritten, b3.Flags));
        Assert.Equal((null, null, "2022-07"), (b3.IssuingUnit, b3.Offence, b3.ListedOn));

        foreach (var w in rows.Values)
        {
            Assert.Equal(agency.Id, w.AgencyId);
            Assert.Equal(7, w.Id.Version);
            Assert.Equal((revision, false, (DateTime?)null), (w.Revision, w.Withdrawn, w.WithdrawnAt));
            Assert.Equal(DateTimeKind.Utc, w.CreatedAt.Kind);
            Assert.InRange(w.CreatedAt, before.AddSeconds(-1), after.AddSeconds(1));
        }

        // Stored as SaveChanges stores the same record: text, times, GUIDs and flags in the same form on this provider.
        foreach (var w in rows.Values)
            await StoredRows.AssertStoredAsSaveChangesWouldAsync(database, w, copy => copy.WantedId = "EF-" + copy.WantedId, nameof(WantedPerson.WantedId));
    }

    /// <summary>The Muse list (20,000 rows) with bad rows put in after thousands of good ones have been written.</summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BadRowsInTheMiddleOfALongList_WriteNothing_AndEachIsNamed(string provider)
    {
        await using var database = await WithAgencyAsync(provider);
        var lines = File.ReadAllLines(Repo.Muse("wanted.csv")).ToList();
        lines.Insert(12_000, "BAD-1,王五,WANG WU,,M,1985-13-45,CHN,,,,fraud,2020-01-01");
        lines.Insert(15_000, "BAD-2,,,,X,,,,,,fraud,2020-01-01");
        var path = Scenario.WriteTemp("wanted.csv", lines);
        string before;
        await using (var db = database.Open()) before = await Scenario.SnapshotAsync(db);

        await using (var db = database.Open())
        {
            var e = await Assert.ThrowsAsync<ConcordException>(() => ImportWantedList.RunAsync(db, Scenario.Operator, path, "CN-MPS", default));
            var problems = Assert.IsType<InvalidInputError>(e.Error).Problems;
            Assert.Equal([(12_001, "birth_date"), (15_001, "name"), (15_001, "sex")], problems.Select(p => (p.Row!.Value, p.Column!)).ToArray());
            Assert.All(problems, p => Assert.Equal("wanted.csv", p.File));
            Assert.Equal(ProblemTexts.NotABirthDate, problems[0].Phrase!.Template);
        }
        await using (var check = database.Open())
        {
            Assert.Equal(before, await Scenario.SnapshotAsync(check));
            Assert.Equal(0, await Counters.CurrentAsync(check, Counters.WantedRevision, default));
        }

        // The same list without the bad rows goes in whole.
        lines.RemoveAt(15_000);
        lines.RemoveAt(12_000);
        await using (var db = database.Open())
            Assert.Equal(20_000, (await ImportWantedList.RunAsync(db, Scenario.Operator, Scenario.WriteTemp("wanted.csv", lines), "CN-MPS", default)).Added);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SameFileTwice_TheSecondChangesNothing(string provider)
    {
        await using var database = await WithAgencyAsync(provider);
        await using (var db = database.Open())
            await ImportWantedList.RunAsync(db, Scenario.Operator, Repo.Muse("wanted.csv"), "CN-MPS", default);
        string before;
        await using (var db = database.Open()) before = await Scenario.SnapshotAsync(db);

        await using (var db = database.Open())
        {
            var again = await ImportWantedList.RunAsync(db, Scenario.Operator, Repo.Muse("wanted.csv"), "CN-MPS", default);
            Assert.True(again.AlreadyImported);
            Assert.Equal((20_000, 0, 20_000), (again.Rows, again.Added, again.Unchanged));
        }
        await using (var db = database.Open()) Assert.Equal(before, await Scenario.SnapshotAsync(db));
        // The same rows under another name (another file's hash) are recognised row by row.
        var copy = Scenario.WriteTemp("wanted-copy.csv", File.ReadAllLines(Repo.Muse("wanted.csv")).Append(""));
        await using (var db = database.Open())
        {
            var rows = await ImportWantedList.RunAsync(db, Scenario.Operator, copy, "CN-MPS", default);
            Assert.Equal((false, 0, 20_000), (rows.AlreadyImported, rows.Added, rows.Unchanged));
        }
        await using var check = database.Open();
        Assert.Equal(20_000, await check.WantedPersons.CountAsync());
        Assert.Equal(1, await check.WantedPersons.Select(w => w.Revision).Distinct().CountAsync());
        Assert.Equal(2, await check.ImportBatches.CountAsync(b => b.Kind == "wanted"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WithdrawnRow_WithoutUpdate_IsRefusedNamingTheRow(string provider)
    {
        await using var database = await WithAgencyAsync(provider);
        var path = Scenario.WriteTemp("wanted.csv", [
            Header + ",withdrawn",
            "N-1,张伟,ZHANG WEI,,M,1990,CHN,,,,fraud,2023,no",
            "N-2,李娜,LI NA,,F,1991,CHN,,,,fraud,2023,是",
        ]);
        await using var db = database.Open();
        var e = await Assert.ThrowsAsync<ConcordException>(() => ImportWantedList.RunAsync(db, Scenario.Operator, path, "CN-MPS", default));
        var problem = Assert.Single(Assert.IsType<InvalidInputError>(e.Error).Problems);
        Assert.Equal(("wanted.csv", 3, "withdrawn", ProblemTexts.WithdrawalNeedsUpdate), (problem.File, problem.Row, problem.Column, problem.Phrase!.Template));
        Assert.Equal(0, await db.WantedPersons.CountAsync());
    }

    /// <summary>The indexes of the wanted table as the database holds them: name and definition.</summary>
    private static async Task<List<string>> IndexesAsync(ConcordDbContext db) =>
        await db.Database.SqlQueryRaw<string>("SELECT name || ': ' || sql AS \"Value\" FROM sqlite_master WHERE type = 'index' AND tbl_name = 'WantedPersons' AND sql IS NOT NULL ORDER BY name").ToListAsync();

    [Fact]
    public async Task SqliteBulkImport_BuildsTheSecondaryIndexesAfterTheRows_AndARefusedImportLeavesThemAsTheyWere()
    {
        await using var database = await WithAgencyAsync("sqlite");
        List<string> before;
        await using (var db = database.Open()) before = await IndexesAsync(db);
        Assert.Contains(before, i => i.StartsWith("IX_WantedPersons_IdNumber:", StringComparison.Ordinal));

        // Refused at its last row, after every other row was written: the rows and the dropped indexes are rolled back.
        var refused = Scenario.WriteTemp("wanted.csv", [Header, "R-1,张伟,ZHANG WEI,,M,1990-05-12,CHN,,,,,", "R-2,李娜,LI NA,,M,1990-13-45,CHN,,,,,"]);
        await using (var db = database.Open())
            await Assert.ThrowsAsync<ConcordException>(() => ImportWantedList.RunAsync(db, Scenario.Operator, refused, "CN-MPS", default));
        await using (var db = database.Open())
        {
            Assert.Equal(before, await IndexesAsync(db));
            Assert.Equal(0, await db.WantedPersons.CountAsync());
        }

        var path = Scenario.WriteTemp("wanted.csv", [Header, "I-1,张伟,ZHANG WEI,,M,1990-05-12,CHN,CN-RIC,110101199005120011,,,", "I-2,李娜,LI NA,,F,1988,CHN,,,,,"]);
        await using (var db = database.Open())
            Assert.Equal(2, (await ImportWantedList.RunAsync(db, Scenario.Operator, path, "CN-MPS", default)).Added);
        await using (var db = database.Open())
        {
            Assert.Equal(before, await IndexesAsync(db));
            Assert.Equal("I-1", await db.WantedPersons.Where(w => w.IdNumber == "110101199005120011").Select(w => w.WantedId).SingleAsync());
        }
    }
}

