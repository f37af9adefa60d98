using System.Text.Json.Serialization;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Agreements;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Federation;

using AssignmentRecord = Domain.Assignment;

/// <summary>
/// Where the persons a partner handed over went: the receiving node tells the sending one, per person, the province
/// their bureau is in and the escort's status, as an <c>assignment-notice</c>, each time it assigns or an escort moves;
/// unless the agreement's document says <c>"sharing": {"assignment_notice": false}</c>. The bureau's own records stay
/// on its node. Body: version 1 of <c>docs/packets/assignment-notice.schema.json</c>.
/// </summary>
public static class AssignmentPackets
{
    public sealed record Line(
        [property: JsonPropertyName("id")] Guid Id, [property: JsonPropertyName("person")] Guid Person,
        [property: JsonPropertyName("province")] string? Province, [property: JsonPropertyName("method")] string Method,
        [property: JsonPropertyName("escort")] string Escort);

    public sealed record NoticeBody([property: JsonPropertyName("handover")] Guid Handover, [property: JsonPropertyName("assignments")] IReadOnlyList<Line> Assignments);

    /// <summary>Queues a notice of <paramref name="assignments"/> when the handover's sender is hosted on a partner node and the agreement does not forbid it; in the caller's unit of work.</summary>
    internal static async Task QueueIfRemoteAsync(ConcordDbContext db, Actor actor, Guid handoverId, IReadOnlyList<AssignmentRecord> assignments, CancellationToken ct)
    {
        if (assignments.Count == 0) return;
        var h = await db.Handovers.AsNoTracking().FirstAsync(x => x.Id == handoverId, ct);
        var sender = await db.Agencies.FirstAsync(a => a.Id == h.AgencyId, ct);
        if (sender.Node is null) return;
        var receiver = await db.Agencies.FirstAsync(a => a.Id == h.ToAgencyId, ct);
        var agreement = await AcceptAgreement.InForceForAsync(db, receiver.Id, sender.Id, ct);
        if (!AcceptAgreement.Shares(agreement.Document, "assignment_notice", otherwise: true)) return;
        var operation = await db.Operations.AsNoTracking().FirstAsync(o => o.Id == h.OperationId, ct);
        var body = new NoticeBody(h.Id, [.. assignments.OrderBy(a => a.Id).Select(a => new Line(a.Id, a.PersonId, a.ProvinceCode, a.Method, a.Escort.ToString().ToLowerInvariant()))]);
        var packet = Packets.Queue(db, actor, "assignment-notice", receiver, sender, operation.Handling.ToString(), body);
        db.Record(actor, "assignment.notice", nameof(Domain.Handover), h.Id, $"to={sender.Code} node={sender.Node} assignments={assignments.Count} packet={packet.PacketId:D}");
    }

    /// <summary>The receiving node's notice about a handover this node's agency sent: each assignment is kept (or brought up to date) by its id.</summary>
    internal sealed class NoticeHandler : Packets.IHandler
    {
        public string Type => "assignment-notice";

        public async Task<Guid?> ApplyAsync(ConcordDbContext db, Actor actor, PacketEnvelope envelope, Agency from, Agency to, CancellationToken ct)
        {
            var body = envelope.BodyAs<NoticeBody>();
            var h = await db.Handovers.Include(x => x.Persons).FirstOrDefaultAsync(x => x.Id == body.Handover && x.AgencyId == to.Id && x.ToAgencyId == from.Id, ct)
                    ?? throw new ConcordException(new NotFoundError("handover", body.Handover.ToString()));
            Packets.CheckHandling(envelope, await HandoverPackets.LeadOfAsync(db, h, ct));
            var onManifest = h.Persons.Select(p => p.PersonId).ToHashSet();
            var ids = body.Assignments.Select(a => a.Id).ToList();
            var known = await db.Assignments.Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
            foreach (var line in body.Assignments)
            {
                if (!onManifest.Contains(line.Person))
                    throw new ConcordException(new InvalidRequestError("assignments", $"person {line.Person:D} is not on the manifest of handover {h.Id:D}"));
                if (!Enum.TryParse<EscortStatus>(line.Escort, ignoreCase: true, out var escort))
                    throw new ConcordException(new InvalidRequestError("assignments", $"escort '{line.Escort}' is not known"));
                if (line.Province is { } p && Matching.ChineseResidentId.ProvinceName(p) is null)
                    throw new ConcordException(new InvalidRequestError("assignments", $"province '{p}' is not known"));
                if (!known.TryGetValue(line.Id, out var a))
                {
                    a = new AssignmentRecord { Id = line.Id, AgencyId = from.Id, HandoverId = h.Id, PersonId = line.Person, Method = line.Method };
                    db.Assignments.Add(a);
                }
                else if (a.HandoverId != h.Id || a.PersonId != line.Person)
                {
                    throw new ConcordException(new InvalidRequestError("assignments", $"assignment {line.Id:D} was told before for another person"));
                }
                a.ProvinceCode = line.Province;
                a.Method = line.Method;
                a.Escort = escort;
            }
            db.Record(actor, "assignment.receive", nameof(Domain.Handover), h.Id, $"from={from.Code} assignments={body.Assignments.Count} node={envelope.FromNode}");
            await db.SaveChangesAsync(ct);
            return null;
        }
    }
}
