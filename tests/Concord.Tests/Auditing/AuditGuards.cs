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
}
