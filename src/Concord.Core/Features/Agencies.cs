using Concord.Matching;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features;

public static class Agencies
{
    /// <summary>
    /// A force by its code; the node's own agency is none (nothing is sent to it or held by it) unless
    /// <paramref name="node"/> says it may be named (its users, who audit the node).
    /// </summary>
    public static async Task<Agency> GetAsync(ConcordDbContext db, string code, string field, CancellationToken ct, bool node = false) =>
        (code == Agency.NodeCode && !node ? null : await db.Agencies.FirstOrDefaultAsync(a => a.Code == code, ct))
        ?? throw new ConcordException(new InvalidRequestError(field, new Phrase(ErrorTexts.AgencyUnknown, code)));

    /// <summary>Every agency's code by its id: the node's agencies are few, and views name them by code.</summary>
    public static async Task<Dictionary<Guid, string>> CodesAsync(ConcordDbContext db, CancellationToken ct) =>
        await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Code, ct);

    /// <summary>
    /// The time zone the caller reads times in: that of their agency's country, or of the agency above it for a bureau
    /// that names none; UTC for the node's operator.
    /// </summary>
    public static async Task<string> ZoneOfAsync(ConcordDbContext db, Actor actor, CancellationToken ct)
    {
        var all = await db.Agencies.AsNoTracking().Select(a => new { a.Id, a.ParentId, a.Country }).ToDictionaryAsync(a => a.Id, ct);
        for (var id = actor.AgencyId; id is { } at && all.TryGetValue(at, out var agency); id = agency.ParentId)
            if (agency.Country is not null) return LocalTimes.ZoneOf(agency.Country);
        return LocalTimes.Utc;
    }

    /// <summary>The agency and every agency below it: a ministry sees what its provincial bureaus hold.</summary>
    public static async Task<HashSet<Guid>> WithDescendantsAsync(ConcordDbContext db, Guid agencyId, CancellationToken ct)
    {
        var all = await db.Agencies.AsNoTracking().Select(a => new { a.Id, a.ParentId }).ToListAsync(ct);
        var result = new HashSet<Guid> { agencyId };
        bool grew;
        do
        {
            grew = false;
            foreach (var a in all)
                if (a.ParentId is { } p && result.Contains(p) && result.Add(a.Id)) grew = true;
        } while (grew);
        return result;
    }
}
