using Concord.Core.Storage;
using Concord.Tests.Infrastructure;
using Npgsql;

namespace Concord.Tests.Storage;

/// <summary>`serve` refuses, before it listens, a database that cannot keep what the node acknowledged.</summary>
public sealed class DurabilityTests
{
    private static readonly DatabaseTarget File = DatabaseTarget.Parse("/var/lib/concord/concord.db");

    [Fact]
    public void SqlitePragmasThatDidNotTake_AreRefusedSayingWhich()
    {
        Assert.Contains("journal_mode=delete", Durability.SqliteProblem(File, "delete", "2"), StringComparison.Ordinal);
        Assert.Contains("synchronous=1", Durability.SqliteProblem(File, "wal", "1"), StringComparison.Ordinal);
        Assert.Null(Durability.SqliteProblem(File, "wal", "2"));
        Assert.Null(Durability.SqliteProblem(File, "WAL", "3"));
        Assert.Contains("fsync=off", Durability.PostgresProblem(DatabaseTarget.Parse("Host=db;Database=concord"), "off"), StringComparison.Ordinal);
        Assert.Null(Durability.PostgresProblem(DatabaseTarget.Parse("Host=db;Database=concord"), "on"));
    }

    [Theory]
    [InlineData("Data Source=concord;Mode=Memory;Cache=Shared")]
    [InlineData("Data Source=:memory:")]
    public async Task Serve_OnAnInMemorySqlite_RefusesBeforeListening(string db)
    {
        Assert.NotNull(await Durability.ProblemAsync(DatabaseTarget.Parse(db), default));
        var (ended, result) = await ConcordCli.RunUntilAsync(db, ["serve", "--urls", "http://127.0.0.1:0"], TimeSpan.FromMinutes(2));
        Assert.True(ended, "serve started on an in-memory database: " + result.Stdout);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("refusing to serve", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("in-memory", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Database_AsItReportsItself_IsJudged(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var problem = await Durability.ProblemAsync(database.Target, default);
        if (provider == "sqlite")
        {
            Assert.Null(problem);
            return;
        }
        // The test servers may run without fsync (./test.sh starts one so): then the node must refuse them.
        await using var conn = new NpgsqlConnection(database.Value);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SHOW fsync", conn);
        var fsync = (string)(await cmd.ExecuteScalarAsync())!;
        if (fsync == "on") Assert.Null(problem);
        else Assert.Contains("fsync=off", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_WithAllowUnsafeDurability_GetsPastTheCheck()
    {
        // An in-memory database passes the durability check only with the option, then stops at the schema check (no schema in memory).
        var (ended, result) = await ConcordCli.RunUntilAsync("Data Source=:memory:", ["serve", "--allow-unsafe-durability", "--urls", "http://127.0.0.1:0"], TimeSpan.FromMinutes(2));
        Assert.True(ended);
        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("refusing to serve", result.Stderr, StringComparison.Ordinal);
    }
}
