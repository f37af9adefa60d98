using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Features.Operations;
using Concord.Core.Storage;
using Concord.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Storage;

/// <summary>`concord backup` and `concord restore`: a fresh node gets back every row, every table's hash and the audit head, or nothing.</summary>
public sealed class BackupTests
{
    private static string TempFile(string name) => Path.Combine(Path.GetDirectoryName(Scenario.WriteTemp("x", Array.Empty<byte>()))!, name);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BackupAndRestore_IntoAFreshNode_RoundTrips_CountsHashesAndAuditHead(string provider)
    {
        await using var source = await TestDatabase.CreateAsync(provider);
        await using (var db = source.Open())
        {
            await Scenario.AgreementLeadOperationAsync(db);
            await ImportRoster.RunAsync(db, Scenario.Operator, Scenario.WriteTemp("roster.csv", Scenario.RosterLines(25)), Scenario.Operation, default);
        }
        var file = TempFile("node.backup");
        var written = await Backup.WriteAsync(source.Target, Actor.Operator("test"), file, default);
        Assert.True(File.Exists(Backup.ManifestOf(file)));
        Assert.Contains(written.Tables, t => t.Table == "RosterRecords" && t.Rows == 25);
        // A backup never overwrites a file.
        var again = await Assert.ThrowsAsync<ConcordException>(() => Backup.WriteAsync(source.Target, Actor.Operator("test"), file, default));
        Assert.Contains("never overwrites", again.Message, StringComparison.Ordinal);

        await using var fresh = provider == "sqlite"
            ? new TestDatabaseCopy(TempFile("restored.db"))
            : new TestDatabaseCopy(await TestDatabase.CreateAsync(provider, migrate: false));
        var restored = await Backup.RestoreAsync(file, fresh.Target, default);
        Assert.Null(Backup.Difference(written, restored));
        await using (var original = source.Open())
        await using (var copy = Database.Open(fresh.Target))
        {
            Assert.Equal(await Scenario.SnapshotAsync(original), await Scenario.SnapshotAsync(copy));
            Assert.Null(await AuditTrail.VerifyAsync(copy, default));
            Assert.Equal("node.backup", (await copy.AuditEntries.OrderByDescending(a => a.Sequence).FirstAsync()).Action);
            await Database.CheckSchemaAsync(fresh.Target, copy, default);
        }
        // Only into an empty place.
        var occupied = await Assert.ThrowsAsync<ConcordException>(() => Backup.RestoreAsync(file, fresh.Target, default));
        Assert.Contains("empty", occupied.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ABackupThatDoesNotMatchItsManifest_IsNotKept_AndTheTableIsNamed(string provider)
    {
        await using var source = await TestDatabase.CreateAsync(provider);
        await using (var db = source.Open())
        {
            await Scenario.AgreementLeadOperationAsync(db);
            await ImportRoster.RunAsync(db, Scenario.Operator, Scenario.WriteTemp("roster.csv", Scenario.RosterLines(5)), Scenario.Operation, default);
        }
        var file = TempFile("node.backup");
        await Backup.WriteAsync(source.Target, Actor.Operator("test"), file, default);
        // One roster row changed after the backup was taken: in the SQLite file itself; in the PostgreSQL manifest's record of it.
        if (provider == "sqlite")
        {
            await using var connection = new SqliteConnection(DatabaseTarget.Parse(file).ConnectionString);
            await connection.OpenAsync();
            await using var edit = connection.CreateCommand();
            edit.CommandText = """UPDATE "RosterRecords" SET "Phone" = '+1 000' WHERE "RosterNo" = 'MUSE-0001'""";
            Assert.Equal(1, await edit.ExecuteNonQueryAsync());
        }
        else
        {
            var manifest = await File.ReadAllTextAsync(Backup.ManifestOf(file));
            var at = manifest.IndexOf("\"table\": \"RosterRecords\"", StringComparison.Ordinal);
            var hashAt = manifest.IndexOf("\"sha256\": \"", at, StringComparison.Ordinal) + "\"sha256\": \"".Length;
            await File.WriteAllTextAsync(Backup.ManifestOf(file), manifest[..hashAt] + (manifest[hashAt] == '0' ? '1' : '0') + manifest[(hashAt + 1)..]);
        }
        await using var fresh = provider == "sqlite"
            ? new TestDatabaseCopy(TempFile("restored.db"))
            : new TestDatabaseCopy(await TestDatabase.CreateAsync(provider, migrate: false));
        var refused = await Assert.ThrowsAsync<ConcordException>(() => Backup.RestoreAsync(file, fresh.Target, default));
        Assert.Contains("table RosterRecords: its content differs", refused.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was kept", refused.Message, StringComparison.Ordinal);
        if (provider == "sqlite") Assert.False(File.Exists(fresh.Target.Describe()));
        else
        {
            await using var db = Database.Open(fresh.Target);
            Assert.Equal(0, await db.Database.SqlQueryRaw<int>("""SELECT count(*)::int AS "Value" FROM information_schema.tables WHERE table_schema = 'public'""").SingleAsync());
        }
    }

    /// <summary>Where a restore goes: a SQLite path not yet there, or an empty PostgreSQL database.</summary>
    private sealed class TestDatabaseCopy : IAsyncDisposable
    {
        private readonly TestDatabase? _database;
        public DatabaseTarget Target { get; }

        public TestDatabaseCopy(string sqlitePath) => Target = DatabaseTarget.Parse(sqlitePath);

        public TestDatabaseCopy(TestDatabase database) => (_database, Target) = (database, database.Target);

        public async ValueTask DisposeAsync()
        {
            if (_database is not null) await _database.DisposeAsync();
        }
    }
}
