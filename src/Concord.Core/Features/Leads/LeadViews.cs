using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Leads;

/// <summary>The leads a caller may see (those its agencies sent or received), and whom it may send one to.</summary>
public static class LeadViews
{
    public sealed record Line(Guid Id, string Code, string From, string To, Handling Handling, LeadStatus Status, DateTime CreatedAt, DateTime? AcknowledgedAt, int Dens, int Targets);

    /// <summary>Oldest first; the node's operator sees every lead.</summary>
    public static async Task<IReadOnlyList<Line>> ListAsync(ConcordDbContext db, Actor actor, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.ReadLeads, "lead list", ct);
        var query = db.Leads.AsNoTracking();
        if (!actor.IsNodeOperator)
        {
            var seen = actor.SeenAgencies.ToList();
            query = query.Where(l => seen.Contains(l.AgencyId) || seen.Contains(l.ToAgencyId));
        }
        var codes = await Agencies.CodesAsync(db, ct);
        return (await query.OrderBy(l => l.CreatedAt)
                .Select(l => new { l.Id, l.Code, l.AgencyId, l.ToAgencyId, l.HandlingCode, l.Status, l.CreatedAt, l.AcknowledgedAt, Dens = l.Dens.Count, Targets = l.Targets.Count })
                .ToListAsync(ct))
            .Select(l => new Line(l.Id, l.Code, codes[l.AgencyId], codes[l.ToAgencyId], l.HandlingCode, l.Status, l.CreatedAt, l.AcknowledgedAt, l.Dens, l.Targets)).ToList();
    }

    /// <summary>The agencies a lead may go to: the other parties of an agreement the caller's agency is party to.</summary>
    public static async Task<IReadOnlyList<string>> PartnersAsync(ConcordDbContext db, Actor actor, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.ReadLeads, "lead partners", ct);
        var codes = await Agencies.CodesAsync(db, ct);
        var agreements = db.AgreementParties.Where(p => p.PartyAgencyId == actor.AgencyId).Select(p => p.AgreementId);
        return (await db.AgreementParties.AsNoTracking().Where(p => agreements.Contains(p.AgreementId) && p.PartyAgencyId != actor.AgencyId)
            .Select(p => p.PartyAgencyId).Distinct().ToListAsync(ct)).Select(id => codes[id]).Order(StringComparer.Ordinal).ToList();
    }
}
