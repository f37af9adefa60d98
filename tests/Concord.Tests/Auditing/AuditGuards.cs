using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Auditing;

/// <summary>What someone with the database's own rights can do to the trail: take away the triggers that keep it fixed.</summary>
internal static class AuditGuards
{
    public static async Task DropAsync(ConcordDbContext db)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("""
                ALTER TABLE "AuditEntries" DISABLE TRIGGER USER;
                ALTER TABLE "AuditCheckpoints" DISABLE TRIGGER USER;
                """);
            return;
        }
        await db.Database.ExecuteSqlRawAsync("""
            DROP TRIGGER "AuditEntries_unchanged";
            DROP TRIGGER "AuditEntries_kept";
            DROP TRIGGER "AuditCheckpoints_unchanged";
            DROP TRIGGER "AuditCheckpoints_kept";
            """);
    }

    /// <summary>Rewrites the trail from <paramref name="from"/> on as the given change leaves it, numbered and chained afresh with plain SHA-256.</summary>
    public static async Task RechainAsync(ConcordDbContext db, long from, Func<List<AuditEntry>, List<AuditEntry>> change)
    {
        await AuditGuards.DropAsync(db);
        var tail = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence >= from).OrderBy(a => a.Sequence).ToListAsync();
        await db.AuditEntries.Where(a => a.Sequence >= from).ExecuteDeleteAsync();
        var previous = from == 1 ? AuditTrail.Genesis : await db.AuditEntries.Where(a => a.Sequence == from - 1).Select(a => a.Hash).SingleAsync();
        var sequence = from - 1;
        foreach (var e in change(tail))
        {
            e.Sequence = ++sequence;
            e.PreviousHash = previous;
            e.Hash = AuditTrail.ComputeHash(e);
            previous = e.Hash;
            db.AuditEntries.Add(e);
        }
        await db.SaveChangesAsync();
    }
}
