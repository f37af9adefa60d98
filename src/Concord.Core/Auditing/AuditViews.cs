using Concord.Core.Domain;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Auditing;

/// <summary>The audit trail as an auditor reads it: the entries of their agency and the agencies below it, newest first, the read itself audited.</summary>
public static class AuditViews
{
    public static async Task<IReadOnlyList<AuditEntry>> PageAsync(ConcordDbContext db, Actor actor, string? action, string? actorName, int page, int pageSize, CancellationToken ct)
    {
        var visible = actor.SeenAgencies.Select(v => (Guid?)v).ToList();
        var query = db.AuditEntries.AsNoTracking().Where(a => visible.Contains(a.AgencyId));
        if (!string.IsNullOrWhiteSpace(action)) query = query.Where(a => a.Action.Contains(action.Trim()));
        if (!string.IsNullOrWhiteSpace(actorName)) query = query.Where(a => a.Actor.Contains(actorName.Trim()));
        var entries = await query.OrderByDescending(a => a.Sequence).Skip(page * pageSize).Take(pageSize).ToListAsync(ct);
        db.Record(actor, "audit.read", details: $"page={page} action={action} actor={actorName}");
        await db.SaveChangesAsync(ct);
        return entries;
    }

    /// <summary>The whole chain checked, and that it was: the first broken entry, or null, and how many entries there are.</summary>
    public static async Task<(long? Broken, long Entries)> VerifyAsync(ConcordDbContext db, Actor actor, CancellationToken ct)
    {
        var broken = await AuditTrail.VerifyAsync(db, ct);
        var entries = await db.AuditEntries.LongCountAsync(ct);
        db.Record(actor, "audit.verify", details: broken is null ? "intact" : $"broken at {broken}");
        await db.SaveChangesAsync(ct);
        return (broken, entries);
    }
}
