using Concord.Matching;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Operations;

public static class CreateOperation
{
    /// <param name="timeZone">The IANA zone in which the field's times without an offset are read; by default that of the agency's country.</param>
    public static async Task<Operation> RunAsync(ConcordDbContext db, Actor actor, string code, string leadCode, string agencyCode, CancellationToken ct,
        string? timeZone = null)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.CreateOperations, "operation create", ct);
        if (string.IsNullOrWhiteSpace(code)) throw new ConcordException(new InvalidRequestError("code", new Phrase(ErrorTexts.OperationCodeRequired)));
        Codes.Check("code", code, ErrorTexts.OperationCodeInvalid);
        var agency = await Agencies.GetAsync(db, agencyCode, "agency", ct);
        if (!actor.Sees(agency.Id)) throw new ConcordException(new InvalidRequestError("agency", new Phrase(ErrorTexts.OperationOwnAgency)));
        timeZone = string.IsNullOrWhiteSpace(timeZone) ? LocalTimes.ZoneOf(agency.Country) : timeZone.Trim();
        if (!LocalTimes.IsKnown(timeZone)) throw new ConcordException(new InvalidRequestError("time_zone", new Phrase(ErrorTexts.TimeZoneUnknown, timeZone)));
        var lead = await db.Leads.FirstOrDefaultAsync(l => l.Code == leadCode && l.ToAgencyId == agency.Id, ct)
            ?? throw new ConcordException(new NotFoundError("lead sent to " + agency.Code, leadCode));
        var existing = await db.Operations.FirstOrDefaultAsync(o => o.Code == code, ct);
        if (existing is not null)
        {
            if (existing.LeadId == lead.Id && existing.AgencyId == agency.Id) return existing;
            throw new ConcordException(new ConflictError(new Phrase(ErrorTexts.OperationExists, code)));
        }
        var operation = new Operation { Code = code, LeadId = lead.Id, Lead = lead, AgencyId = agency.Id, Handling = lead.HandlingCode, TimeZone = timeZone };
        db.Operations.Add(operation);
        if (lead.Status == LeadStatus.Sent)
        {
            // Acting on a lead acknowledges it.
            lead.Status = LeadStatus.Acknowledged;
            lead.AcknowledgedAt = DateTime.UtcNow;
            db.Record(actor, "lead.acknowledge", nameof(Lead), lead.Id, lead.Code);
        }
        db.Record(actor, "operation.create", nameof(Operation), operation.Id, $"{code} lead={lead.Code} time_zone={timeZone}");
        await db.SaveChangesAsync(ct);
        return operation;
    }

    public static async Task<Operation> FindAsync(ConcordDbContext db, Actor actor, string code, CancellationToken ct)
    {
        var operation = await db.Operations.Include(o => o.Lead).FirstOrDefaultAsync(o => o.Code == code, ct);
        if (operation is null || !actor.Sees(operation.AgencyId, operation.Lead!.AgencyId))
            throw new ConcordException(new NotFoundError("operation", code));
        return operation;
    }
}
