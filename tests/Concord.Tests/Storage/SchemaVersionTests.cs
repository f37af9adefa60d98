using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Storage;

/// <summary>Only `concord init` (or `migrate`) changes the schema; every other command on another version says what to run, and changes nothing.</summary>
public sealed class SchemaVersionTests
{
    [Fact]
    public async Task A_command_on_no_database_says_run_init_and_creates_no_file()
    {
        var file = Path.Combine(Path.GetTempPath(), "concord-tests", Guid.NewGuid().ToString("N"), "none.db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var result = await new ConcordCli(file).RunAsync("index", "status");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"no Concord database at {file}: run `concord init`", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_older_or_newer_schema_is_refused_with_what_to_run(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var cli = new ConcordCli(database.Value);
        string last;
        await using (var db = database.Open())
        {
            last = (await db.Database.GetAppliedMigrationsAsync()).Last();
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = {0}""", last);
        }
        var older = await cli.RunAsync("report", "operation", "MUSE-2024-03");
        Assert.Equal(2, older.ExitCode);
        Assert.Contains($"older schema than this version of Concord (missing {last}): run `concord init` (or `concord migrate`)", older.Stderr, StringComparison.Ordinal);

        // Put back by hand (the migration's tables are there), then a migration from a later version.
        await using (var db = database.Open())
        {
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ({0}, '10.0.15'), ('29991231000000_FromTheFuture', '99.0')""", last);
        }
        var newer = await cli.RunAsync("index", "status");
        Assert.Equal(2, newer.ExitCode);
        Assert.Contains("was upgraded by a newer version of Concord (migration 29991231000000_FromTheFuture)", newer.Stderr, StringComparison.Ordinal);
    }
}
