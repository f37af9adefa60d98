using Microsoft.EntityFrameworkCore;

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

    /// <summary>The last value handed out and committed, 0 if none.</summary>
    public static async Task<long> CurrentAsync(ConcordDbContext db, string name, CancellationToken ct) =>
        await db.NodeCounters.AsNoTracking().Where(c => c.Name == name).Select(c => c.Value).FirstOrDefaultAsync(ct);
}
