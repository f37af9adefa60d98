using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Sharing;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Persons;

/// <summary>A person as one caller may read them: with their roster rows, identifiers and confirmed links, the read audited.</summary>
public static class PersonViews
{
    /// <param name="ViewerZone">The time zone the caller reads times in: their agency's (<see cref="LocalTimes.ZoneOf"/>).</param>
    public sealed record Detail(Person Person, string? Operation, IReadOnlyList<RosterRecord> Rows, IReadOnlyList<PersonIdentifier> Identifiers,
        IReadOnlyList<PersonLink> Links, IReadOnlyDictionary<Guid, string> AgencyCodes, string ViewerZone);

    public static async Task<Detail> GetAsync(ConcordDbContext db, Actor actor, Guid id, IReadAudit reads, CancellationToken ct)
    {
        await Access.RequireRoleAsync(reads, actor, RoleTable.ReadPersons, "person read", ct);
        var p = await Access.PersonAsync(db, actor, id, ct);
        var codes = await Agencies.CodesAsync(db, ct);
        var operation = p.OperationId is { } opId ? await db.Operations.AsNoTracking().Where(o => o.Id == opId).Select(o => o.Code).FirstOrDefaultAsync(ct) : null;
        var rows = await db.RosterRecords.AsNoTracking().Where(r => r.PersonId == id).OrderBy(r => r.RosterNo).ToListAsync(ct);
        var identifiers = await db.PersonIdentifiers.AsNoTracking().Where(i => i.PersonId == id).ToListAsync(ct);
        // Numbers copied from a lead's target are the lead's: only its audience reads them.
        if (!await SeesLeadOfAsync(db, actor, p.OperationId, ct)) identifiers.RemoveAll(i => i.Trust == IdentifierTrust.Lead);
        var links = await VisibleLinksAsync(db, actor, id, ct);
        await reads.RecordAsync(actor, "person.read", nameof(Person), id, ct: ct);
        return new Detail(p, operation, rows, identifiers, links, codes, await Agencies.ZoneOfAsync(db, actor, ct));
    }

    private static async Task<bool> SeesLeadOfAsync(ConcordDbContext db, Actor actor, Guid? operationId, CancellationToken ct)
    {
        if (actor.IsNodeOperator || operationId is null) return true;
        var lead = await (from o in db.Operations.AsNoTracking()
                          where o.Id == operationId
                          join l in db.Leads on o.LeadId equals l.Id
                          select new { l.AgencyId, l.ToAgencyId, l.HandlingCode }).FirstOrDefaultAsync(ct);
        return lead is null || SharingModel.Sees(actor.SeenAgencies, new SharingModel.Source(lead.AgencyId, lead.ToAgencyId, lead.HandlingCode));
    }

    /// <summary>
    /// The person's confirmed links the caller may see: a link to a lead's target only where the caller sees the lead
    /// (<see cref="SharingModel.Sees"/>), so that a person passed on never carries the lead to a third agency.
    /// </summary>
    public static async Task<List<PersonLink>> VisibleLinksAsync(ConcordDbContext db, Actor actor, Guid personId, CancellationToken ct)
    {
        var links = await db.PersonLinks.AsNoTracking().Where(l => l.PersonId == personId).ToListAsync(ct);
        if (actor.IsNodeOperator || links.All(l => l.Kind != LinkKind.Target)) return links;
        var targetIds = links.Where(l => l.Kind == LinkKind.Target).Select(l => l.CandidateId).ToList();
        var leads = await (from t in db.Targets.AsNoTracking()
                           where targetIds.Contains(t.Id)
                           join lead in db.Leads on t.LeadId equals lead.Id
                           select new { t.Id, lead.AgencyId, lead.ToAgencyId, lead.HandlingCode }).ToDictionaryAsync(x => x.Id, ct);
        var viewer = actor.SeenAgencies;
        return links.Where(l => l.Kind != LinkKind.Target
                                || (leads.TryGetValue(l.CandidateId, out var s) && SharingModel.Sees(viewer, new SharingModel.Source(s.AgencyId, s.ToAgencyId, s.HandlingCode))))
            .ToList();
    }
}
