using Concord.Core.Storage;
using Concord.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Storage;

public sealed class SqliteConnectionTests
{
    [Fact]
    public void ACommandKeepsNoPool_TheNodeKeepsOne()
    {
        var target = DatabaseTarget.Parse(Path.Combine(Path.GetTempPath(), "concord.db"));
        Assert.False(new SqliteConnectionStringBuilder(target.ConnectionString).Pooling);
        Assert.True(new SqliteConnectionStringBuilder(target.Pooled().ConnectionString).Pooling);
        Assert.Equal(target.Describe(), target.Pooled().Describe());
    }

    [Fact]
    public async Task APooledConnectionTakenAgain_StillHasEverySetting()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        var pooled = test.Target.Pooled();
        try
        {
            for (var use = 0; use < 3; use++)
            {
                await using var db = Database.Open(pooled);
                await db.Database.OpenConnectionAsync();
                var connection = (SqliteConnection)db.Database.GetDbConnection();
                Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode"));
                Assert.Equal("2", await ScalarAsync(connection, "PRAGMA synchronous"));
                Assert.Equal("1", await ScalarAsync(connection, "PRAGMA foreign_keys"));
                Assert.Equal("10000", await ScalarAsync(connection, "PRAGMA busy_timeout"));
                // The same rows through a pooled connection as through a fresh one.
                await using var fresh = Database.Open(test.Target);
                Assert.Equal(await fresh.Agencies.CountAsync(), await db.Agencies.CountAsync());
            }
        }
        finally
        {
            pooled.ReleasePool();
        }
    }

    private static async Task<string> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
