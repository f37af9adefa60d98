using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features;
using Concord.Core.Storage;
using Concord.Matching;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Sharing;

/// <summary>
/// Onward transfer under a lead's handling code: the recipient asks the originator's consent to pass what the lead
/// started on to one more agency, the originator answers, and custody and handover planning ask <see cref="SharingModel"/>
/// before a person linked to the lead's targets moves. Every request, answer and refusal is audited.
/// </summary>
public static class Consents
{
    public sealed record Line(Guid Id, string Lead, Handling Handling, string Originator, string RequestedBy, string To, ConsentStatus Status,
        string? Reason, string? Answer, string RequestedByUser, string? AnsweredBy, DateTime RequestedAt, DateTime? AnsweredAt);

    /// <summary>A person who may not go where they were sent, and the lead that holds them back.</summary>
    public sealed record Blocked(Guid PersonId, string Lead, Handling Code, string Originator);

    /// <summary>The lead's recipient asks its originator's consent to pass what the lead started on to <paramref name="toCode"/>; asking again returns the open or granted request.</summary>
    public static async Task<Line> RequestAsync(ConcordDbContext db, Actor actor, string leadCode, string toCode, string? reason, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.RequestConsent, "consent.request", ct);
        var leads = await db.Leads.AsNoTracking().Where(l => l.Code == leadCode).ToListAsync(ct);
        var lead = leads.FirstOrDefault(l => actor.Sees(l.ToAgencyId));
        if (lead is null)
        {
            if (leads.Count == 0) throw new ConcordException(new NotFoundError("lead", leadCode));
            throw await Access.DeniedAsync(db, actor, nameof(Lead), leads[0].Id, "lead", leadCode, ct);
        }
        var to = await Agencies.GetAsync(db, toCode, "to", ct);
        if (to.Id == lead.AgencyId || to.Id == lead.ToAgencyId)
            throw new ConcordException(new InvalidRequestError("to", new Phrase(ErrorTexts.ConsentAlreadySees, to.Code, lead.Code)));
        if (!SharingModel.NeedsConsent(lead.HandlingCode))
            throw new ConcordException(new InvalidRequestError("lead", new Phrase(ErrorTexts.ConsentNotNeeded, lead.Code, lead.HandlingCode.ToString())));
        var existing = await db.TransferConsents.AsNoTracking()
            .Where(c => c.LeadId == lead.Id && c.ToAgencyId == to.Id && c.Status != ConsentStatus.Refused).FirstOrDefaultAsync(ct);
        if (existing is not null) return (await LinesAsync(db, [existing], ct))[0];
        var consent = new TransferConsent
        {
            AgencyId = lead.AgencyId,
            LeadId = lead.Id,
            RequestedByAgencyId = lead.ToAgencyId,
            ToAgencyId = to.Id,
            Status = ConsentStatus.Requested,
            RequestedBy = actor.Name,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
        };
        db.TransferConsents.Add(consent);
        db.Record(actor, "consent.request", nameof(TransferConsent), consent.Id, $"lead={lead.Code} ({lead.HandlingCode}) to={to.Code}{(consent.Reason is null ? "" : ": " + consent.Reason)}");
        // An originator on a partner node is asked there.
        await Federation.ConsentPackets.QueueRequestIfRemoteAsync(db, actor, consent, lead, to, ct);
        await db.SaveChangesAsync(ct);
        return (await LinesAsync(db, [consent], ct))[0];
    }

    /// <summary>The originator grants or refuses; the recipient that asked cannot answer for it, anyone else is told "not found".</summary>
    public static async Task<Line> AnswerAsync(ConcordDbContext db, Actor actor, Guid id, bool grant, string? answer, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.AnswerConsent, "consent.answer", ct);
        var consent = await db.TransferConsents.FirstOrDefaultAsync(c => c.Id == id, ct)
            ?? throw new ConcordException(new NotFoundError("consent", id.ToString()));
        var lead = await db.Leads.AsNoTracking().Where(l => l.Id == consent.LeadId).Select(l => new { l.Code, l.AgencyId }).FirstAsync(ct);
        if (!actor.Sees(consent.AgencyId))
        {
            if (!actor.Sees(consent.RequestedByAgencyId)) throw await Access.DeniedAsync(db, actor, nameof(TransferConsent), id, "consent", id.ToString(), ct);
            var codes = await Agencies.CodesAsync(db, ct);
            db.Record(actor, "sharing.refused", nameof(TransferConsent), id, $"answer by the requesting side; only {codes[consent.AgencyId]} answers");
            await db.SaveChangesAsync(ct);
            throw new ConcordException(new ConflictError(new Phrase(ErrorTexts.OnlyOriginatorAnswers, codes[consent.AgencyId], lead.Code)));
        }
        if (consent.Status != ConsentStatus.Requested)
            throw new ConcordException(new ConflictError(new Phrase(ErrorTexts.ConsentAnswered, consent.Status.ToString().ToLowerInvariant())));
        consent.Status = grant ? ConsentStatus.Granted : ConsentStatus.Refused;
        consent.AnsweredBy = actor.Name;
        consent.AnsweredAt = DateTime.UtcNow;
        consent.Answer = string.IsNullOrWhiteSpace(answer) ? null : answer.Trim();
        db.Record(actor, grant ? "consent.grant" : "consent.refuse", nameof(TransferConsent), consent.Id,
            $"lead={lead.Code}{(consent.Answer is null ? "" : ": " + consent.Answer)}");
        // A requester on a partner node hears the answer there.
        await Federation.ConsentPackets.QueueAnswerIfRemoteAsync(db, actor, consent, ct);
        await db.SaveChangesAsync(ct);
        return (await LinesAsync(db, [consent], ct))[0];
    }

    /// <summary>The requests the caller's agency made or must answer; the agency they would go to is not told of the lead.</summary>
    public static async Task<IReadOnlyList<Line>> ListAsync(ConcordDbContext db, Actor actor, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.ReadConsents, "consent list", ct);
        var query = db.TransferConsents.AsNoTracking();
        if (!actor.IsNodeOperator)
        {
            var seen = actor.SeenAgencies.ToList();
            query = query.Where(c => seen.Contains(c.AgencyId) || seen.Contains(c.RequestedByAgencyId));
        }
        return await LinesAsync(db, await query.OrderByDescending(c => c.CreatedAt).ToListAsync(ct), ct);
    }

    /// <summary>
    /// Of these persons, those linked to the targets of a lead whose code keeps them from going to <paramref name="to"/>
    /// (<see cref="SharingModel.MayTransfer"/>), with the lead that does.
    /// </summary>
    public static async Task<IReadOnlyList<Blocked>> BlockedAsync(ConcordDbContext db, IReadOnlyCollection<Guid> persons, Guid to, CancellationToken ct)
    {
        if (persons.Count == 0) return [];
        var links = await (from l in db.PersonLinks.AsNoTracking()
                           where l.Kind == LinkKind.Target && (l.Handling == Handling.H2 || l.Handling == Handling.H3) && persons.Contains(l.PersonId)
                           join t in db.Targets on l.CandidateId equals t.Id
                           join lead in db.Leads on t.LeadId equals lead.Id
                           select new { l.PersonId, LeadId = lead.Id, lead.Code, lead.AgencyId, lead.ToAgencyId, lead.HandlingCode }).ToListAsync(ct);
        if (links.Count == 0) return [];
        var leadIds = links.Select(l => l.LeadId).Distinct().ToList();
        var granted = await db.TransferConsents.AsNoTracking().Where(c => leadIds.Contains(c.LeadId) && c.Status == ConsentStatus.Granted)
            .Select(c => new SharingModel.Consent(c.LeadId, c.AgencyId, c.ToAgencyId)).ToListAsync(ct);
        var codes = await Agencies.CodesAsync(db, ct);
        return links.Where(l => !SharingModel.MayTransfer(l.LeadId, new SharingModel.Source(l.AgencyId, l.ToAgencyId, l.HandlingCode), to, granted))
            .GroupBy(l => l.PersonId).Select(g => g.First())
            .Select(l => new Blocked(l.PersonId, l.Code, l.HandlingCode, codes[l.AgencyId])).ToList();
    }

    /// <summary>
    /// Refuses, audited, moving any of these persons to <paramref name="to"/> when a lead's code keeps one of them back;
    /// the refusal is written before the caller changes anything.
    /// </summary>
    public static async Task EnsureMayTransferAsync(ConcordDbContext db, Actor actor, IReadOnlyCollection<Guid> persons, Agency to, string what, CancellationToken ct)
    {
        var blocked = await BlockedAsync(db, persons, to.Id, ct);
        if (blocked.Count > 0) throw await RefusedAsync(db, actor, blocked, to, what, ct);
    }

    /// <summary>The refusal of moving <paramref name="blocked"/> to <paramref name="to"/>, audited and saved (outside any transaction the caller has ended).</summary>
    public static async Task<ConcordException> RefusedAsync(ConcordDbContext db, Actor actor, IReadOnlyList<Blocked> blocked, Agency to, string what, CancellationToken ct)
    {
        var first = blocked[0];
        db.Record(actor, "sharing.refused", nameof(Person), first.PersonId,
            $"{what} to={to.Code}: {blocked.Count} linked to targets of lead {first.Lead} ({first.Code}) without {first.Originator}'s consent");
        await db.SaveChangesAsync(ct);
        return new ConcordException(new ConflictError(new Phrase(ErrorTexts.ConsentNeeded, blocked.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            first.Lead, first.Code.ToString(), to.Code, first.Originator)));
    }

    private static async Task<List<Line>> LinesAsync(ConcordDbContext db, IReadOnlyList<TransferConsent> consents, CancellationToken ct)
    {
        var codes = await Agencies.CodesAsync(db, ct);
        var leadIds = consents.Select(c => c.LeadId).Distinct().ToList();
        var leads = await db.Leads.AsNoTracking().Where(l => leadIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => new { l.Code, l.HandlingCode }, ct);
        return consents.Select(c => new Line(c.Id, leads[c.LeadId].Code, leads[c.LeadId].HandlingCode, codes[c.AgencyId], codes[c.RequestedByAgencyId], codes[c.ToAgencyId],
            c.Status, c.Reason, c.Answer, c.RequestedBy, c.AnsweredBy, c.CreatedAt, c.AnsweredAt)).ToList();
    }
}
