using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Intake;
using Concord.Core.Features.Operations;
using Concord.Core.Features.Wanted;
using Concord.Core.Storage;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Wanted;

/// <summary>
/// A file of changes to a wanted list: new rows are added, changed rows replace their record, withdrawn rows withdraw it,
/// each record touched is audited and takes the update's one revision, which is what the matching index catches up by.
/// </summary>
public sealed class WantedUpdateTests
{
    private const string Header = "wanted_id,name,name_latin,aliases,sex,birth_date,nationality,id_type,id_number,agency,offence,listed_on";
    private const string U1 = "U-1,张伟,ZHANG WEI,,M,1990-05-12,CHN,CN-RIC,110101199005120038,Beijing PSB,fraud,2023-01-01";
    private const string U2 = "U-2,李娜,LI NA,,F,1991,CHN,,,,fraud,2023";
    private const string U2Changed = "U-2,李娜,LI NA,,F,1991-03-04,CHN,,,,telecom fraud,2023";
    private const string U3 = "U-3,မောင်မောင်,Maung Maung,,M,1988,MMR,,,,fraud,2022";
    private const string U4 = "U-4,王五,WANG WU,,M,1985,CHN,,,,fraud,2021";
    private const string U5 = "U-5,赵六,ZHAO LIU,,M,1980,CHN,,,,fraud,2020";
    private const string U6 = "U-6,ကိုကို,Ko Ko,,M,1995,缅甸,,,,fraud,2024";

    private static async Task<TestDatabase> ListedAsync(string provider)
    {
        var database = await WantedBulkImportTests.WithAgencyAsync(provider);
        await using var db = database.Open();
        await ImportWantedList.RunAsync(db, Scenario.Operator, Scenario.WriteTemp("wanted.csv", [Header, U1, U2, U3, U4, U5]), "CN-MPS", default);
        return database;
    }

    private static async Task<Core.Features.Imports.ImportResult> ImportAsync(TestDatabase database, string path, WantedImportMode mode)
    {
        await using var db = database.Open();
        return await ImportWantedList.RunAsync(db, Scenario.Operator, path, "CN-MPS", mode, default);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Update_AddsChangesAndWithdraws_InOneRevision_EachRecordAudited(string provider)
    {
        await using var database = await ListedAsync(provider);
        Dictionary<string, WantedPerson> was;
        long auditedBefore;
        await using (var db = database.Open())
        {
            was = await db.WantedPersons.AsNoTracking().ToDictionaryAsync(w => w.WantedId);
            auditedBefore = await db.AuditEntries.MaxAsync(a => a.Sequence);
        }
        var changes = Scenario.WriteTemp("changes.csv", [Header + ",withdrawn", U1 + ",", U2Changed + ",no", U3 + ",是", U4 + ",ဟုတ်ကဲ့", U6 + ","]);
        var start = DateTime.UtcNow.AddSeconds(-1);

        var result = await ImportAsync(database, changes, WantedImportMode.Update);

        Assert.Equal(("wanted-update", 5, 1, 1, 2, 1), (result.Kind, result.Rows, result.Added, result.Changed, result.Withdrawn, result.Unchanged));
        await using (var check = database.Open())
        {
            Assert.Equal(2, await Counters.CurrentAsync(check, Counters.WantedRevision, default));
            var now = await check.WantedPersons.AsNoTracking().ToDictionaryAsync(w => w.WantedId);
            Assert.Equal(6, now.Count);
            // Unchanged rows, and rows the file leaves out, keep their revision.
            Assert.Equal((1, false), (now["U-1"].Revision, now["U-1"].Withdrawn));
            Assert.Equal((1, false), (now["U-5"].Revision, now["U-5"].Withdrawn));
            // A changed row replaces its record's fields, under the same id and creation time.
            var u2 = now["U-2"];
            Assert.Equal((was["U-2"].Id, was["U-2"].CreatedAt, 2L), (u2.Id, u2.CreatedAt, u2.Revision));
            Assert.Equal(("1991-03-04", "telecom fraud", "李娜", false), (u2.BirthDate, u2.Offence, u2.Name, u2.Withdrawn));
            Assert.NotEqual(was["U-2"].SourceHash, u2.SourceHash);
            foreach (var id in new[] { "U-3", "U-4" })
            {
                var w = now[id];
                Assert.Equal((was[id].Id, was[id].Name, true, 2L), (w.Id, w.Name, w.Withdrawn, w.Revision));
                Assert.InRange(w.WithdrawnAt!.Value, start, DateTime.UtcNow.AddSeconds(1));
            }
            Assert.Equal(("ကိုကို", "MMR", 2L, false), (now["U-6"].Name, now["U-6"].Nationality, now["U-6"].Revision, now["U-6"].Withdrawn));
            // A replaced record, its withdrawal time included, is stored as SaveChanges would store it.
            await StoredRows.AssertStoredAsSaveChangesWouldAsync(database, now["U-3"], copy => copy.WantedId = "EF-U-3", nameof(WantedPerson.WantedId));

            var audited = await check.AuditEntries.AsNoTracking().Where(a => a.Sequence > auditedBefore).OrderBy(a => a.Sequence).ToListAsync();
            var perRecord = audited.Where(a => a.EntityType == nameof(WantedPerson)).ToDictionary(a => a.EntityId!.Value);
            Assert.Equal(4, perRecord.Count);
            Assert.Equal("wanted.add", perRecord[now["U-6"].Id].Action);
            Assert.Contains("wanted_id=U-6", perRecord[now["U-6"].Id].Details, StringComparison.Ordinal);
            var change = perRecord[u2.Id];
            Assert.Equal("wanted.change", change.Action);
            Assert.Contains("wanted_id=U-2", change.Details, StringComparison.Ordinal);
            var fields = change.Details!.Split(' ').Single(d => d.StartsWith("changed=", StringComparison.Ordinal))["changed=".Length..].Split(',');
            Assert.Equal(["BirthDate", "Offence", "SourceHash"], fields.Order(StringComparer.Ordinal));
            foreach (var id in new[] { "U-3", "U-4" })
            {
                Assert.Equal("wanted.withdraw", perRecord[now[id].Id].Action);
                Assert.Contains($"wanted_id={id} changed=Withdrawn ", perRecord[now[id].Id].Details, StringComparison.Ordinal);
            }
            var import = Assert.Single(audited, a => a.Action == "wanted-update.import");
            Assert.Contains("rows=5 added=1 changed=1 withdrawn=2 unchanged=1", import.Details, StringComparison.Ordinal);
            Assert.Null(await AuditTrail.VerifyAsync(check, default));
        }

        // The same file again changes nothing.
        string before;
        await using (var db = database.Open()) before = await Scenario.SnapshotAsync(db);
        Assert.True((await ImportAsync(database, changes, WantedImportMode.Update)).AlreadyImported);
        await using (var db = database.Open())
        {
            Assert.Equal(before, await Scenario.SnapshotAsync(db));
            Assert.Equal(2, await Counters.CurrentAsync(db, Counters.WantedRevision, default));
        }

        // Without --update, a changed row is refused as before.
        var e = await Assert.ThrowsAsync<ConcordException>(() => ImportAsync(database, Scenario.WriteTemp("plain.csv", [Header, U1.Replace("fraud", "money laundering", StringComparison.Ordinal)]), WantedImportMode.Add));
        var problem = Assert.Single(Assert.IsType<InvalidInputError>(e.Error).Problems);
        Assert.Equal((2, "wanted_id", ProblemTexts.AlreadyOnList), (problem.Row, problem.Column, problem.Phrase!.Template));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task FullUpdate_WithdrawsWhatTheFileLeavesOut_AndRelistsARowWithdrawnBefore(string provider)
    {
        await using var database = await ListedAsync(provider);
        await ImportAsync(database, Scenario.WriteTemp("changes.csv", [Header + ",withdrawn", U2Changed + ",", U3 + ",yes", U4 + ",1"]), WantedImportMode.Update);
        long auditedBefore;
        await using (var db = database.Open()) auditedBefore = await db.AuditEntries.MaxAsync(a => a.Sequence);

        // The whole list as it stands now: U-3 listed again; U-4 (withdrawn) and U-5 (active) left out.
        var result = await ImportAsync(database, Scenario.WriteTemp("full.csv", [Header, U1, U2Changed, U3, U6]), WantedImportMode.FullUpdate);

        Assert.Equal(("wanted-full-update", 4, 1, 1, 1, 2), (result.Kind, result.Rows, result.Added, result.Changed, result.Withdrawn, result.Unchanged));
        await using var check = database.Open();
        Assert.Equal(3, await Counters.CurrentAsync(check, Counters.WantedRevision, default));
        var now = await check.WantedPersons.AsNoTracking().ToDictionaryAsync(w => w.WantedId);
        Assert.Equal((false, (DateTime?)null, 3L), (now["U-3"].Withdrawn, now["U-3"].WithdrawnAt, now["U-3"].Revision));
        Assert.Equal((true, 3L), (now["U-5"].Withdrawn, now["U-5"].Revision));
        Assert.NotNull(now["U-5"].WithdrawnAt);
        Assert.Equal((true, 2L), (now["U-4"].Withdrawn, now["U-4"].Revision));
        Assert.Equal((false, 1L), (now["U-1"].Withdrawn, now["U-1"].Revision));
        Assert.Equal((false, 2L), (now["U-2"].Withdrawn, now["U-2"].Revision));
        Assert.Equal((false, 3L), (now["U-6"].Withdrawn, now["U-6"].Revision));

        var audited = await check.AuditEntries.AsNoTracking().Where(a => a.Sequence > auditedBefore && a.EntityType == nameof(WantedPerson)).ToDictionaryAsync(a => a.EntityId!.Value);
        Assert.Equal(3, audited.Count);
        Assert.Equal("wanted.change", audited[now["U-3"].Id].Action);
        Assert.Contains("changed=Withdrawn ", audited[now["U-3"].Id].Details, StringComparison.Ordinal);
        Assert.Equal("wanted.withdraw", audited[now["U-5"].Id].Action);
        Assert.Contains("wanted_id=U-5", audited[now["U-5"].Id].Details, StringComparison.Ordinal);
        Assert.Contains("absent from the full list", audited[now["U-5"].Id].Details, StringComparison.Ordinal);
        Assert.Equal("wanted.add", audited[now["U-6"].Id].Action);
        Assert.Null(await AuditTrail.VerifyAsync(check, default));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Withdrawn_ReadsYesInEveryLanguage_AndRefusesAnythingElse(string provider)
    {
        await using var database = await ListedAsync(provider);
        var refused = Scenario.WriteTemp("maybe.csv", [Header + ",撤网", U1 + ",1", U2 + ",maybe"]);
        var e = await Assert.ThrowsAsync<ConcordException>(() => ImportAsync(database, refused, WantedImportMode.Update));
        var problem = Assert.Single(Assert.IsType<InvalidInputError>(e.Error).Problems);
        Assert.Equal(("maybe.csv", 3, "withdrawn", ProblemTexts.NotYesOrNo), (problem.File, problem.Row, problem.Column, problem.Phrase!.Template));
        await using (var db = database.Open()) Assert.False(await db.WantedPersons.AnyAsync(w => w.Withdrawn));

        // The Chinese header, and yes as clerks write it: 1, true, yes, 是, and Burmese ဟုတ် (Unicode and Zawgyi).
        var yes = Scenario.WriteTemp("yes.csv", [Header + ",撤网", U1 + ",1", U2 + ",TRUE", U3 + ",Yes", U4 + ",是", U5 + ",ဟုတ်", U6 + ",ဟုတ္"]);
        var result = await ImportAsync(database, yes, WantedImportMode.Update);
        Assert.Equal((0, 0, 6), (result.Added, result.Changed, result.Withdrawn));
        await using var check = database.Open();
        Assert.True(await check.WantedPersons.AllAsync(w => w.Withdrawn && w.WithdrawnAt != null && w.Revision == 2));
    }

    /// <summary>
    /// A fugitive matched in one raid is withdrawn from the list; arrested again in a later raid, matching (through the
    /// same index, which catches up by revision) proposes nothing against the withdrawn record.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WithdrawnFugitive_IsNoLongerMatched(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        WantedIndex index;
        WantedPerson fugitive;
        await using (var db = database.Open())
        {
            await Scenario.AgreementLeadOperationAsync(db);
            await ImportWantedList.RunAsync(db, Scenario.Operator, Repo.Muse("wanted.csv"), "CN-MPS", default);
            await ImportRoster.RunAsync(db, Scenario.Operator, Scenario.WriteTemp("roster.csv", Scenario.RosterLines(40)), Scenario.Operation, default);
            index = await WantedIndex.OpenAsync(db, default);
            await MatchOperation.RunAsync(db, Scenario.Operator, Scenario.Operation, null, default, index);
        }
        // MUSE-0031 (赵斌天, with his resident ID) is W0005756: the records decide it.
        await using (var db = database.Open())
        {
            fugitive = await db.WantedPersons.AsNoTracking().SingleAsync(w => w.WantedId == "W0005756");
            var first = await db.RosterRecords.SingleAsync(r => r.RosterNo == "MUSE-0031");
            Assert.True(await db.PersonLinks.AnyAsync(l => l.PersonId == first.PersonId && l.Kind == LinkKind.Wanted && l.CandidateId == fugitive.Id));
        }

        var withdrawal = Scenario.WriteTemp("withdrawn.csv", [File.ReadLines(Repo.Muse("wanted.csv")).First() + ",withdrawn",
            File.ReadLines(Repo.Muse("wanted.csv")).Single(l => l.StartsWith("W0005756,", StringComparison.Ordinal)) + ",是"]);
        Assert.Equal(1, (await ImportAsync(database, withdrawal, WantedImportMode.Update)).Withdrawn);

        var again = new List<string>
        {
            File.ReadLines(Repo.Muse("roster.csv")).First(),
            "R2-0001,Zhao Bintian,,,M,1972-02-06,China,CN-RIC,361807197202068517,,,2024-09-02T10:00:00+06:30,Muse District Police,",
        };
        await using (var db = database.Open())
        {
            await CreateOperation.RunAsync(db, Scenario.Operator, "MUSE-2024-09", Scenario.Lead, "MM-MPF", default);
            await ImportRoster.RunAsync(db, Scenario.Operator, Scenario.WriteTemp("roster2.csv", again), "MUSE-2024-09", default);
            await MatchOperation.RunAsync(db, Scenario.Operator, "MUSE-2024-09", null, default, index);
        }
        await using (var check = database.Open())
        {
            var person = (await check.RosterRecords.SingleAsync(r => r.RosterNo == "R2-0001")).PersonId;
            Assert.False(await check.PersonLinks.AnyAsync(l => l.PersonId == person && l.CandidateId == fugitive.Id));
            Assert.False(await check.ReviewItems.AnyAsync(i => i.PersonId == person && i.CandidateId == fugitive.Id));
            // Still the same man: matching found him through the earlier raid's record.
            Assert.True(await check.PersonLinks.AnyAsync(l => l.PersonId == person && l.Kind == LinkKind.Person));
        }
        // A fresh index (a node started anew) reads the withdrawn record as withdrawn too.
        await using (var db = database.Open())
        {
            var fresh = await WantedIndex.OpenAsync(db, default);
            await fresh.CatchUpAsync(db, default);
            Assert.Equal(19_999, fresh.Records);
            Assert.Equal(19_999, index.Records);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Cli_UpdateReportsWhatChanged_AndFullGoesWithUpdate(string provider)
    {
        await using var database = await ListedAsync(provider);
        var cli = new ConcordCli(database.Value);
        var changes = Scenario.WriteTemp("changes.csv", [Header + ",withdrawn", U1 + ",", U2Changed + ",", U3 + ",是", U6 + ","]);

        var lone = await cli.RunAsync("wanted", "import", changes, "--agency", "CN-MPS", "--full");
        Assert.NotEqual(0, lone.ExitCode);
        Assert.Contains("--full goes with --update", lone.Stderr + lone.Stdout, StringComparison.Ordinal);

        var json = (await cli.OkAsync("wanted", "import", changes, "--agency", "CN-MPS", "--update", "--json")).Json;
        Assert.Equal((1, 1, 1, 1), (json.GetProperty("added").GetInt32(), json.GetProperty("changed").GetInt32(), json.GetProperty("withdrawn").GetInt32(), json.GetProperty("unchanged").GetInt32()));
        var text = await cli.OkAsync("wanted", "import", Scenario.WriteTemp("full.csv", [Header, U1, U2Changed, U6]), "--agency", "CN-MPS", "--update", "--full");
        Assert.Contains("full.csv: 3 rows, 0 added, 0 changed, 2 withdrawn, 3 unchanged", text.Stdout, StringComparison.Ordinal);
    }
}
