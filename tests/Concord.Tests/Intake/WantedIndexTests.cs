using Concord.Core.Features.Intake;
using Concord.Core.Features.Wanted;
using Concord.Core.Storage;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Intake;

/// <summary>
/// The wanted-list index is read from the lists once, kept in segment files, mapped back by every later command and
/// node start, and kept current by list revision: new records go to a new segment, changed and withdrawn ones are
/// masked. An index that does not belong to the database, is ahead of it, or is damaged is read again from the lists.
/// </summary>
public sealed class WantedIndexTests
{
    private static IEnumerable<string> WantedLines(int rows) => File.ReadLines(Repo.Muse("wanted.csv")).Take(rows + 1);

    private static async Task<TestDatabase> ListedAsync(string provider, int rows)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        await Scenario.AgreementLeadOperationAsync(db);
        await ImportWantedList.RunAsync(db, Scenario.Operator, Scenario.WriteTemp("wanted.csv", WantedLines(rows)), "CN-MPS", default);
        return database;
    }

    /// <summary>Bumps the list revision of one record as an update would, directly in the table.</summary>
    private static async Task ReviseAsync(ConcordDbContext db, Guid id, bool withdraw)
    {
        await using var tx = await db.Database.BeginTransactionAsync();
        var revision = await Counters.NextAsync(db, Counters.WantedRevision, default);
        var w = await db.WantedPersons.SingleAsync(x => x.Id == id);
        w.Revision = revision;
        if (withdraw) w.Withdrawn = true;
        else w.NameLatin = "WRONGLY SPELT";
        await db.SaveChangesAsync();
        await tx.CommitAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_index_is_written_once_and_mapped_back_without_reading_the_lists(string provider)
    {
        await using var database = await ListedAsync(provider, 500);
        await using var db = database.Open();
        var first = await WantedIndex.OpenAsync(db, default);
        Assert.Equal(500, first.Records);
        Assert.Null(first.Note);
        var folder = Assert.IsType<string>(first.Folder);
        Assert.True(File.Exists(Path.Combine(folder, "manifest.json")));
        if (provider == "sqlite") Assert.Equal(database.Value + ".index", folder);

        // The lists' rows are gone from the table without a new revision: an index that read them again would be
        // empty; the one mapped from its files still holds every record.
        await db.Database.ExecuteSqlRawAsync("""UPDATE "WantedPersons" SET "NameLatin" = 'CHANGED BEHIND THE INDEX'""");
        var second = await WantedIndex.OpenAsync(db, default);
        Assert.Equal(500, second.Records);
        Assert.Equal(first.Covers, second.Covers);
        var status = await WantedIndex.StatusAsync(db, default);
        Assert.Equal(500, status.Records);
        Assert.Single(status.Segments);
        Assert.Null(status.Note);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_new_list_goes_to_a_new_segment_and_changed_or_withdrawn_records_are_masked(string provider)
    {
        await using var database = await ListedAsync(provider, 400);
        await using var db = database.Open();
        var index = await WantedIndex.OpenAsync(db, default);
        var lines = File.ReadLines(Repo.Muse("wanted.csv")).ToList();
        await ImportWantedList.RunAsync(db, Scenario.Operator, Scenario.WriteTemp("more.csv", lines.Take(1).Concat(lines.Skip(401).Take(100))), "CN-MPS", default);
        // The import wrote the update's segment itself; this index, opened before it, reads the update into memory
        // and leaves no file of its own behind.
        Assert.Equal([400, 100], (await WantedIndex.StatusAsync(db, default)).Segments.Select(s => s.Count));
        Assert.Equal(100, await index.CatchUpAsync(db, default));
        Assert.Equal(500, index.Records);
        Assert.NotNull(index.Note);
        Assert.Equal(2, Directory.GetFiles(index.Folder!, "seg-*").Length);

        var (changed, withdrawn) = (await db.WantedPersons.OrderBy(w => w.WantedId).FirstAsync(), await db.WantedPersons.OrderBy(w => w.WantedId).Skip(1).FirstAsync());
        await ReviseAsync(db, changed.Id, withdraw: false);
        await ReviseAsync(db, withdrawn.Id, withdraw: true);
        Assert.Equal(2, await index.CatchUpAsync(db, default));
        Assert.Equal(499, index.Records);

        // Another process (a command run beside the node) maps the same state from the files.
        var reopened = await WantedIndex.OpenAsync(db, default);
        Assert.Equal(index.Covers, reopened.Covers);
        Assert.Equal(499, reopened.Records);
        var status = await WantedIndex.StatusAsync(db, default);
        Assert.Equal(2, status.Masked);
        Assert.Equal(index.Covers, status.ListRevision);
        // 400, then 100, then 1: segments merge only when the older is at most twice the newer, so that a small update
        // never rewrites a large segment.
        Assert.Equal([400, 100, 1], status.Segments.Select(s => s.Count));

        var matcher = new Concord.Matching.IdentityMatcher();
        var query = Concord.Core.Features.Intake.IdentityRecords.From("q", new Concord.Core.Features.Intake.IdentityRecords.Columns(Guid.Empty,
            withdrawn.Name, withdrawn.NameLatin, withdrawn.Aliases, withdrawn.Sex, withdrawn.BirthDate, withdrawn.Nationality, withdrawn.IdType, withdrawn.IdNumber));
        Assert.DoesNotContain(reopened.Match(matcher, query, 50), p => p.WantedPersonId == withdrawn.Id);

        // A rebuild reads the lists afresh: one segment, nothing masked.
        var rebuilt = await WantedIndex.RebuildAsync(db, default);
        Assert.Equal(499, rebuilt.Records);
        status = await WantedIndex.StatusAsync(db, default);
        Assert.Equal(0, status.Masked);
        Assert.Single(status.Segments);
        Assert.Equal(["index.lock", "manifest.json", "mask", "seg"], Directory.GetFiles(status.Folder!).Select(f => Path.GetFileName(f).Split('-')[0]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_index_of_another_database_ahead_of_this_one_or_damaged_is_read_again_from_the_lists()
    {
        await using var database = await ListedAsync("sqlite", 300);
        string folder;
        await using (var db = database.Open())
        {
            folder = (await WantedIndex.OpenAsync(db, default)).Folder!;
        }

        // Damaged: a segment cut short.
        var segment = Directory.GetFiles(folder, "seg-*.cix").Single();
        await File.WriteAllBytesAsync(segment, (await File.ReadAllBytesAsync(segment))[..1000]);
        await using (var db = database.Open())
        {
            var index = await WantedIndex.OpenAsync(db, default);
            Assert.Equal(300, index.Records);
            Assert.Contains("read again from the lists", index.Note, StringComparison.Ordinal);
            Assert.Contains("truncated", index.Note, StringComparison.Ordinal);
        }
        await using (var db = database.Open())
        {
            Assert.Null((await WantedIndex.OpenAsync(db, default)).Note);
        }

        // Ahead: the database was restored from a backup taken before the last list revision.
        await using (var db = database.Open())
        {
            await db.Database.ExecuteSqlRawAsync("""UPDATE "NodeCounters" SET "Value" = 0 WHERE "Name" = 'wanted-revision'""");
            Assert.Contains("covers revisions the database does not have", (await WantedIndex.StatusAsync(db, default)).Note ?? "", StringComparison.Ordinal);
            var index = await WantedIndex.OpenAsync(db, default);
            Assert.Contains("the database only 0", index.Note, StringComparison.Ordinal);
        }

        // Another database: the file was replaced by another node's.
        await using (var db = database.Open())
        {
            await db.Database.ExecuteSqlRawAsync("""UPDATE "NodeCounters" SET "Value" = 1 WHERE "Name" = 'wanted-revision'""");
            await WantedIndex.RebuildAsync(db, default);
            await db.Database.ExecuteSqlRawAsync("""UPDATE "NodeCounters" SET "Value" = 42 WHERE "Name" = 'database-id'""");
            Assert.Contains("another database", (await WantedIndex.StatusAsync(db, default)).Note ?? "", StringComparison.Ordinal);
            var index = await WantedIndex.OpenAsync(db, default);
            Assert.Equal(300, index.Records);
            Assert.Contains("written for another database", index.Note, StringComparison.Ordinal);
        }
    }
}
