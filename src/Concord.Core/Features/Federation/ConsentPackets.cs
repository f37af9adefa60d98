using System.Text.Json.Serialization;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Storage;
using Concord.Matching;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Federation;

/// <summary>
/// Consent across nodes. When the recipient of an H2/H3 lead asks the lead's originator for consent to pass what the
/// lead started on to a third agency (<see cref="Sharing.Consents.RequestAsync"/>) and the originator lives on a partner
/// node, the request goes there as a <c>custody-request</c>; the originator's coordinator answers on its own node, and
/// the answer comes back as a <c>consent</c>, which the recipient's node then holds as the originator's. The request
/// keeps its id on both nodes. Bodies: <c>docs/packets/custody-request.schema.json</c>, <c>consent.schema.json</c>.
/// </summary>
public static class ConsentPackets
{
    public sealed record RequestBody(
        [property: JsonPropertyName("id")] Guid Id, [property: JsonPropertyName("lead")] string Lead, [property: JsonPropertyName("to")] string To,
        [property: JsonPropertyName("reason")] string? Reason, [property: JsonPropertyName("requested_by")] string RequestedBy);

    public sealed record AnswerBody(
        [property: JsonPropertyName("id")] Guid Id, [property: JsonPropertyName("granted")] bool Granted, [property: JsonPropertyName("answer")] string? Answer,
        [property: JsonPropertyName("answered_by")] string AnsweredBy, [property: JsonPropertyName("answered_at")] DateTime AnsweredAt);

    /// <summary>Queues the request for the originator's node when the originator lives on a partner node; in the request's unit of work.</summary>
    internal static async Task QueueRequestIfRemoteAsync(ConcordDbContext db, Actor actor, TransferConsent consent, Lead lead, Agency to, CancellationToken ct)
    {
        var originator = await db.Agencies.FirstAsync(a => a.Id == consent.AgencyId, ct);
        if (originator.Node is null) return;
        var requester = await db.Agencies.FirstAsync(a => a.Id == consent.RequestedByAgencyId, ct);
        Packets.Queue(db, actor, "custody-request", requester, originator, lead.HandlingCode.ToString(), new RequestBody(consent.Id, lead.Code, to.Code, consent.Reason, consent.RequestedBy));
    }

    /// <summary>Queues the originator's answer for the requesting node when it lives on a partner node; in the answer's unit of work.</summary>
    internal static async Task QueueAnswerIfRemoteAsync(ConcordDbContext db, Actor actor, TransferConsent consent, CancellationToken ct)
    {
        var requester = await db.Agencies.FirstAsync(a => a.Id == consent.RequestedByAgencyId, ct);
        if (requester.Node is null) return;
        var originator = await db.Agencies.FirstAsync(a => a.Id == consent.AgencyId, ct);
        var handling = await db.Leads.AsNoTracking().Where(l => l.Id == consent.LeadId).Select(l => l.HandlingCode).FirstAsync(ct);
        Packets.Queue(db, actor, "consent", originator, requester, handling.ToString(),
            new AnswerBody(consent.Id, consent.Status == ConsentStatus.Granted, consent.Answer, consent.AnsweredBy ?? actor.Name, consent.AnsweredAt ?? DateTime.UtcNow));
    }

    /// <summary>The recipient's request, kept on the originator's node to be answered there; the third agency must be known here.</summary>
    internal sealed class RequestHandler : Packets.IHandler
    {
        public string Type => "custody-request";

        public async Task<Guid?> ApplyAsync(ConcordDbContext db, Actor actor, PacketEnvelope envelope, Agency from, Agency to, CancellationToken ct)
        {
            var body = envelope.BodyAs<RequestBody>();
            var lead = await db.Leads.FirstOrDefaultAsync(l => l.AgencyId == to.Id && l.ToAgencyId == from.Id && l.Code == body.Lead, ct)
                ?? throw new ConcordException(new NotFoundError("lead sent to " + from.Code, body.Lead));
            Packets.CheckHandling(envelope, lead);
            var third = await db.Agencies.FirstOrDefaultAsync(a => a.Code == body.To, ct)
                ?? throw new ConcordException(new InvalidRequestError("to", new Phrase(ErrorTexts.AgencyUnknown, body.To)));
            if (third.Id == to.Id || third.Id == from.Id)
                throw new ConcordException(new InvalidRequestError("to", new Phrase(ErrorTexts.ConsentAlreadySees, third.Code, lead.Code)));
            if (await db.TransferConsents.AnyAsync(c => c.Id == body.Id, ct)) return null;
            var consent = new TransferConsent
            {
                Id = body.Id,
                AgencyId = to.Id,
                LeadId = lead.Id,
                RequestedByAgencyId = from.Id,
                ToAgencyId = third.Id,
                Status = ConsentStatus.Requested,
                RequestedBy = body.RequestedBy,
                Reason = body.Reason,
                CreatedAt = envelope.Created,
            };
            db.TransferConsents.Add(consent);
            db.Record(actor, "consent.request", nameof(TransferConsent), consent.Id,
                $"lead={lead.Code} ({lead.HandlingCode}) to={third.Code} node={envelope.FromNode}{(consent.Reason is null ? "" : ": " + consent.Reason)}");
            await db.SaveChangesAsync(ct);
            return null;
        }
    }

    /// <summary>The originator's answer to a request this node's agency sent, held here as the originator gave it.</summary>
    internal sealed class AnswerHandler : Packets.IHandler
    {
        public string Type => "consent";

        public async Task<Guid?> ApplyAsync(ConcordDbContext db, Actor actor, PacketEnvelope envelope, Agency from, Agency to, CancellationToken ct)
        {
            var body = envelope.BodyAs<AnswerBody>();
            var consent = await db.TransferConsents.FirstOrDefaultAsync(c => c.Id == body.Id && c.AgencyId == from.Id && c.RequestedByAgencyId == to.Id, ct)
                ?? throw new ConcordException(new NotFoundError("consent", body.Id.ToString()));
            Packets.CheckHandling(envelope, await db.Leads.AsNoTracking().FirstAsync(l => l.Id == consent.LeadId, ct));
            if (consent.Status != ConsentStatus.Requested)
                throw new ConcordException(new ConflictError(new Phrase(ErrorTexts.ConsentAnswered, consent.Status.ToString().ToLowerInvariant())));
            consent.Status = body.Granted ? ConsentStatus.Granted : ConsentStatus.Refused;
            consent.Answer = body.Answer;
            consent.AnsweredBy = body.AnsweredBy;
            consent.AnsweredAt = body.AnsweredAt;
            db.Record(actor, body.Granted ? "consent.grant" : "consent.refuse", nameof(TransferConsent), consent.Id,
                $"by {from.Code} on node {envelope.FromNode}{(consent.Answer is null ? "" : ": " + consent.Answer)}");
            await db.SaveChangesAsync(ct);
            return null;
        }
    }
}
