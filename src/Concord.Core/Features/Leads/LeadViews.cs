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

    /// <summary>What became of a lead's target: <c>arrested</c> (confirmed as an arrested person), <c>in_review</c> (a candidate of an open review task), <c>at_large</c> (matching ran on the lead's operations and found no one), <c>not_matched</c> (no operation on the lead has run matching yet).</summary>
    /// <param name="RosterNo">The arrested person's first roster number, when arrested.</param>
    public sealed record TargetOutcome(Guid TargetId, string State, string? RosterNo, string? Operation);

    /// <summary>
    /// Each target of a lead the caller may read (<see cref="AcknowledgeLead.FindAsync"/>) with what became of it across
    /// the operations opened on the lead: whom the raids arrested, who is still at large, and what is still in review.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, TargetOutcome>> TargetOutcomesAsync(ConcordDbContext db, Lead lead, CancellationToken ct)
    {
        var targetIds = lead.Targets.Select(t => t.Id).ToList();
        var operations = await db.Operations.AsNoTracking().Where(o => o.LeadId == lead.Id).Select(o => new { o.Id, o.Code }).ToListAsync(ct);
        var operationIds = operations.Select(o => o.Id).ToList();
        var matched = await db.AuditEntries.AsNoTracking().AnyAsync(e => e.EntityType == nameof(Operation) && e.Action == "match.run"
                                                                          && operationIds.Contains(e.EntityId!.Value), ct);
        var links = await (from l in db.PersonLinks.AsNoTracking()
                           where l.Kind == LinkKind.Target && targetIds.Contains(l.CandidateId)
                           join p in db.Persons on l.PersonId equals p.Id
                           select new { l.CandidateId, p.RosterNo, p.OperationId }).ToListAsync(ct);
        var open = (await db.ReviewItems.AsNoTracking().Where(i => i.CandidateList == "target" && i.Status == ReviewStatus.Open && targetIds.Contains(i.CandidateId))
            .Select(i => i.CandidateId).ToListAsync(ct)).ToHashSet();
        var codes = operations.ToDictionary(o => o.Id, o => o.Code);
        return lead.Targets.ToDictionary(t => t.Id, t =>
        {
            var link = links.FirstOrDefault(l => l.CandidateId == t.Id);
            if (link is not null) return new TargetOutcome(t.Id, "arrested", link.RosterNo, link.OperationId is { } o ? codes.GetValueOrDefault(o) : null);
            if (open.Contains(t.Id)) return new TargetOutcome(t.Id, "in_review", null, null);
            return new TargetOutcome(t.Id, matched ? "at_large" : "not_matched", null, null);
        });
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
