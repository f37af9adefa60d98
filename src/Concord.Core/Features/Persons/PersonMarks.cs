using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Sharing;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Persons;

/// <summary>
/// The marks a person carries wherever they are shown (the persons list, their page, the manifest, the port): a
/// fugitive confirmed on a wanted list, and a key figure of the lead, under the highest role among the targets they
/// were confirmed as. Roles come from the lead, so only the lead's audience sees them.
/// </summary>
public static class PersonMarks
{
    public sealed record Marks(IReadOnlySet<Guid> Fugitives, IReadOnlyDictionary<Guid, string> Roles);

    /// <summary>The marks of the persons named, roles only where <paramref name="actor"/> sees the lead of <paramref name="operationId"/>.</summary>
    public static async Task<Marks> OfAsync(ConcordDbContext db, Actor actor, Guid? operationId, IQueryable<Guid> personIds, CancellationToken ct)
    {
        var links = await db.PersonLinks.AsNoTracking().Where(l => personIds.Contains(l.PersonId) && l.Kind != LinkKind.Person)
            .Select(l => new { l.PersonId, l.Kind, l.CandidateId }).ToListAsync(ct);
        var fugitives = links.Where(l => l.Kind == LinkKind.Wanted).Select(l => l.PersonId).ToHashSet();
        var roles = new Dictionary<Guid, string>();
        var targetIds = links.Where(l => l.Kind == LinkKind.Target).Select(l => l.CandidateId).Distinct().ToList();
        if (targetIds.Count > 0 && await SeesLeadOfAsync(db, actor, operationId, ct))
        {
            var targetRoles = await db.Targets.AsNoTracking().Where(t => targetIds.Contains(t.Id) && t.Role != TargetRole.Member)
                .ToDictionaryAsync(t => t.Id, t => t.Role, ct);
            foreach (var g in links.Where(l => l.Kind == LinkKind.Target && targetRoles.ContainsKey(l.CandidateId)).GroupBy(l => l.PersonId))
                roles[g.Key] = g.Max(l => targetRoles[l.CandidateId]).ToString().ToLowerInvariant();
        }
        return new Marks(fugitives, roles);
    }

    /// <summary>Whether the caller is in the audience of the operation's lead (<see cref="SharingModel.Sees"/>).</summary>
    public static async Task<bool> SeesLeadOfAsync(ConcordDbContext db, Actor actor, Guid? operationId, CancellationToken ct)
    {
        if (actor.IsNodeOperator || operationId is null) return true;
        var lead = await (from o in db.Operations.AsNoTracking()
                          where o.Id == operationId
                          join l in db.Leads on o.LeadId equals l.Id
                          select new { l.AgencyId, l.ToAgencyId, l.HandlingCode }).FirstOrDefaultAsync(ct);
        return lead is null || SharingModel.Sees(actor.SeenAgencies, new SharingModel.Source(lead.AgencyId, lead.ToAgencyId, lead.HandlingCode));
    }
}
