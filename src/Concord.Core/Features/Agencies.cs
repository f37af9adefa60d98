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

    /// <summary>
    /// Registers an agency this node hosts (a node of its own starts with none; an agreement's import also makes its
    /// parties). Only the node's operator registers one; a code already known is refused, and audited when made.
    /// </summary>
    public static async Task<Agency> AddAsync(ConcordDbContext db, Actor actor, string code, string name, string? country, CancellationToken ct)
    {
        if (!actor.IsNodeOperator) throw new ConcordException(new ForbiddenError("only the node's operator registers agencies"));
        Codes.Check("code", code, ErrorTexts.AgencyCodeInvalid);
        if (string.IsNullOrWhiteSpace(name)) throw new ConcordException(new InvalidRequestError("--name", "the agency's name is needed"));
        string? iso = null;
        if (country is not null && !(FieldValues.TryParseNationality(country, out iso) && iso is not null))
            throw new ConcordException(new InvalidRequestError("--country", $"'{country}' names no country (ISO 3166 alpha-3, e.g. MMR)"));
        if (await db.Agencies.AnyAsync(a => a.Code == code, ct))
            throw new ConcordException(new ConflictError($"{code} is already an agency of this node or of a partner"));
        var agency = new Agency { Code = code, Name = name.Trim(), Country = iso };
        db.Agencies.Add(agency);
        db.Record(actor, "agency.create", nameof(Agency), agency.Id, $"{code} {agency.Name}");
        await db.SaveChangesAsync(ct);
        return agency;
    }
}
