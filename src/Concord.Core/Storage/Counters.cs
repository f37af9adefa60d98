using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Concord.Core.Storage;

/// <summary>Node-wide numbers that only grow, such as the revision of the wanted lists.</summary>
public static class Counters
{
    /// <summary>The revision of the wanted lists: every import, change or withdrawal takes the next one.</summary>
    public const string WantedRevision = "wanted-revision";

    /// <summary>
    /// Takes the next value inside the caller's transaction. The counter's row stays locked until that transaction ends
    /// (PostgreSQL's row lock, SQLite's single writer), so values are handed out in commit order: a reader that has seen
    /// value N never later finds a commit with a value below N.
    /// </summary>
    public static async Task<long> NextAsync(ConcordDbContext db, string name, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("a counter is taken inside the writer's transaction");
        var values = await db.Database.SqlQueryRaw<long>(
            """INSERT INTO "NodeCounters" ("Name", "Value") VALUES ({0}, 1) ON CONFLICT ("Name") DO UPDATE SET "Value" = "NodeCounters"."Value" + 1 RETURNING "Value" """,
            name).ToListAsync(ct);
        return values[0];
    }

    /// <summary>A random number drawn once per database, which files kept beside it (the matching index) are checked against.</summary>
    public const string DatabaseId = "database-id";

    /// <summary>This database's id, drawn on first use; two databases never share one, a copy keeps its original's.</summary>
    public static async Task<long> DatabaseIdAsync(ConcordDbContext db, CancellationToken ct)
    {
        var id = await CurrentAsync(db, DatabaseId, ct);
        if (id != 0) return id;
        await db.Database.ExecuteSqlRawAsync(
            """INSERT INTO "NodeCounters" ("Name", "Value") VALUES ({0}, {1}) ON CONFLICT ("Name") DO NOTHING""",
            [DatabaseId, Random.Shared.NextInt64(1, long.MaxValue)], ct);
        return await CurrentAsync(db, DatabaseId, ct);
    }

    /// <summary>The last value handed out and committed, 0 if none.</summary>
    /// <remarks>Plain SQL on the context's connection: it is read before every match and by `concord index status`,
    /// which should not pay for compiling a LINQ query.</remarks>
    public static async Task<long> CurrentAsync(ConcordDbContext db, string name, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = """SELECT "Value" FROM "NodeCounters" WHERE "Name" = @name""";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "name";
            parameter.Value = name;
            command.Parameters.Add(parameter);
            return await command.ExecuteScalarAsync(ct) is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
