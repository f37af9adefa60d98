using Concord.Matching;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Leads;

/// <summary>A lead is seen by its sender and its receiver only; the receiver acknowledges it.</summary>
public static class AcknowledgeLead
{
    public static async Task<Lead> FindAsync(ConcordDbContext db, Actor actor, Guid id, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.ReadLeads, "lead read", ct);
        var lead = await db.Leads.Include(l => l.Dens).Include(l => l.Targets).FirstOrDefaultAsync(l => l.Id == id, ct);
        if (lead is null || !actor.Sees(lead.AgencyId, lead.ToAgencyId))
        {
            if (lead is not null)
            {
                db.Record(actor, "access.denied", nameof(Lead), id);
                await db.SaveChangesAsync(ct);
            }
            throw new ConcordException(new NotFoundError("lead", id.ToString()));
        }
        return lead;
    }

    public static async Task<Lead> RunAsync(ConcordDbContext db, Actor actor, Guid id, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.AcknowledgeLeads, "lead.acknowledge", ct);
        var lead = await FindAsync(db, actor, id, ct);
        if (!actor.Sees(lead.ToAgencyId)) throw new ConcordException(new ConflictError(new Phrase(ErrorTexts.OnlyReceiverAcknowledges)));
        if (lead.Status == LeadStatus.Acknowledged) return lead;
        lead.Status = LeadStatus.Acknowledged;
        lead.AcknowledgedAt = DateTime.UtcNow;
        db.Record(actor, "lead.acknowledge", nameof(Lead), lead.Id, lead.Code);
        var sender = await db.Agencies.FirstAsync(a => a.Id == lead.AgencyId, ct);
        if (sender.Node is not null)
        {
            // The lead came from a partner node: the acknowledgement goes back there, saved with it.
            var receiver = await db.Agencies.FirstAsync(a => a.Id == lead.ToAgencyId, ct);
            Federation.LeadPackets.QueueAck(db, actor, lead, receiver, sender);
        }
        await db.SaveChangesAsync(ct);
        return lead;
    }
}
