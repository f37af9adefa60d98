using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Storage;

/// <summary>
/// Whether a database keeps what the node acknowledged: a SQLite file in WAL with synchronous=FULL (what
/// <see cref="SqlitePragmas"/> asks for on every connection, checked here as the database reports it), or a PostgreSQL
/// server with fsync on. <c>concord serve</c> refuses to start on anything else, before it listens, unless its operator
/// passes <c>--allow-unsafe-durability</c> (a throwaway test or benchmark server). Said in plain English: only the node's
/// operator meets it.
/// </summary>
public static class Durability
{
    public const string AllowOption = "--allow-unsafe-durability";

    /// <summary>The reason the database cannot be kept durable, or null when it can.</summary>
    public static async Task<string?> ProblemAsync(DatabaseTarget target, CancellationToken ct)
    {
        if (target.Provider == DatabaseProvider.Sqlite)
        {
            var builder = new SqliteConnectionStringBuilder(target.ConnectionString);
            if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
                return $"the database {target.Describe()} is an in-memory SQLite database, which loses every record when the node stops: give a file";
            // Opening a missing file would create it: the schema check says what to run instead.
            if (!File.Exists(builder.DataSource)) return null;
        }
        await using var db = Database.Open(target);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            return target.Provider == DatabaseProvider.Sqlite
                ? SqliteProblem(target, await ScalarAsync(connection, "PRAGMA journal_mode", ct), await ScalarAsync(connection, "PRAGMA synchronous", ct))
                : PostgresProblem(target, await ScalarAsync(connection, "SHOW fsync", ct));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>What SQLite reported: journal_mode must be wal, synchronous 2 (FULL) or 3 (EXTRA).</summary>
    public static string? SqliteProblem(DatabaseTarget target, string journalMode, string synchronous)
    {
        if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
            return $"the SQLite database {target.Describe()} runs with journal_mode={journalMode}, not WAL (the setting did not take: is the file on a local disk the node may write?); a crash could lose or corrupt committed records";
        if (synchronous is not ("2" or "3"))
            return $"the SQLite database {target.Describe()} runs with synchronous={synchronous}, not FULL (2); a power cut could lose committed records";
        return null;
    }

    /// <summary>What PostgreSQL reported: fsync must be on.</summary>
    public static string? PostgresProblem(DatabaseTarget target, string fsync) =>
        string.Equals(fsync, "on", StringComparison.OrdinalIgnoreCase)
            ? null
            : $"the PostgreSQL server of {target.Describe()} runs with fsync={fsync}; a crash of the server could lose or corrupt committed records (set fsync = on)";

    private static async Task<string> ScalarAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}
