using System.Text.Json;
using Concord.Matching;
using System.Text.Json.Serialization;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Federation;

/// <summary>
/// A lead crosses the border as a <c>lead</c> packet (the whole lead: its dens and named targets, so that the partner can
/// match the targets itself) and its acknowledgement comes back as <c>lead-ack</c>. Bodies are version 1 of
/// <c>docs/packets/lead.schema.json</c> and <c>docs/packets/lead-ack.schema.json</c>.
/// </summary>
public static class LeadPackets
{
    public sealed record DenBody(
        [property: JsonPropertyName("code")] string Code, [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("address")] string? Address, [property: JsonPropertyName("lat")] double? Latitude,
        [property: JsonPropertyName("lon")] double? Longitude, [property: JsonPropertyName("group")] string? Group,
        [property: JsonPropertyName("armed")] bool? Armed, [property: JsonPropertyName("notes")] string? Notes);

    public sealed record TargetBody(
        [property: JsonPropertyName("target_id")] string TargetId, [property: JsonPropertyName("role")] string Role,
        [property: JsonPropertyName("name")] string? Name, [property: JsonPropertyName("name_latin")] string? NameLatin,
        [property: JsonPropertyName("aliases")] string? Aliases, [property: JsonPropertyName("sex")] string? Sex,
        [property: JsonPropertyName("birth_date")] string? BirthDate, [property: JsonPropertyName("nationality")] string? Nationality,
        [property: JsonPropertyName("id_type")] string? IdType, [property: JsonPropertyName("id_number")] string? IdNumber,
        [property: JsonPropertyName("den")] string? Den, [property: JsonPropertyName("group")] string? Group,
        [property: JsonPropertyName("flags")] string? Flags, [property: JsonPropertyName("notes")] string? Notes);

    public sealed record LeadBody(
        [property: JsonPropertyName("code")] string Code, [property: JsonPropertyName("handling")] string Handling,
        [property: JsonPropertyName("dens")] IReadOnlyList<DenBody> Dens, [property: JsonPropertyName("targets")] IReadOnlyList<TargetBody> Targets);

    public sealed record AckBody([property: JsonPropertyName("code")] string Code, [property: JsonPropertyName("acknowledged_at")] DateTime AcknowledgedAt);

    /// <summary>Queues the whole lead for the receiving agency's node, in the caller's unit of work.</summary>
    public static Packet QueueLead(ConcordDbContext db, Actor actor, Lead lead, Agency from, Agency to)
    {
        var body = new LeadBody(lead.Code, lead.HandlingCode.ToString(),
            [.. lead.Dens.OrderBy(d => d.Code, StringComparer.Ordinal).Select(d => new DenBody(d.Code, d.Name, d.Address, d.Latitude, d.Longitude, d.Group, d.Armed, d.Notes))],
            [.. lead.Targets.OrderBy(t => t.TargetId, StringComparer.Ordinal).Select(t => new TargetBody(t.TargetId, t.Role.ToString().ToLowerInvariant(), t.Name,
                t.NameLatin, t.Aliases, t.Sex, t.BirthDate, t.Nationality, t.IdType, t.IdNumber, t.DenCode, t.Group, t.Flags, t.Notes))]);
        return Packets.Queue(db, actor, "lead", from, to, lead.HandlingCode.ToString(), body);
    }

    /// <summary>Queues the acknowledgement of a lead that came from a partner node, in the caller's unit of work.</summary>
    public static Packet QueueAck(ConcordDbContext db, Actor actor, Lead lead, Agency receiver, Agency sender) =>
        Packets.Queue(db, actor, "lead-ack", receiver, sender, lead.HandlingCode.ToString(), new AckBody(lead.Code, lead.AcknowledgedAt ?? DateTime.UtcNow));


    internal sealed class LeadHandler : Packets.IHandler
    {
        public string Type => "lead";

        public async Task<Guid?> ApplyAsync(ConcordDbContext db, Actor actor, PacketEnvelope envelope, Agency from, Agency to, CancellationToken ct)
        {
            var body = envelope.BodyAs<LeadBody>();
            Codes.Check("code", body.Code, ErrorTexts.LeadCodeInvalid);
            if (!Sharing.SharingModel.TryParse(body.Handling, out var handling) || body.Handling != envelope.Handling)
                throw new ConcordException(new InvalidRequestError("handling", $"the lead's handling code '{body.Handling}' is not the envelope's '{envelope.Handling}'"));
            var lead = await db.Leads.Include(l => l.Dens).Include(l => l.Targets).FirstOrDefaultAsync(l => l.AgencyId == from.Id && l.Code == body.Code, ct);
            if (lead is null)
            {
                lead = new Lead { AgencyId = from.Id, Code = body.Code, ToAgencyId = to.Id, HandlingCode = handling, CreatedAt = envelope.Created };
                db.Leads.Add(lead);
            }
            else if (lead.ToAgencyId != to.Id || lead.HandlingCode != handling)
            {
                throw new ConcordException(new ConflictError(new Phrase(ErrorTexts.LeadExists, body.Code)));
            }
            // A lead sent again carries every den and target: the new ones are added, the known ones must be unchanged.
            var dens = lead.Dens.ToDictionary(d => d.Code, StringComparer.Ordinal);
            foreach (var d in body.Dens)
            {
                if (dens.ContainsKey(d.Code)) continue;
                lead.Dens.Add(new Den
                {
                    AgencyId = from.Id,
                    LeadId = lead.Id,
                    Code = d.Code,
                    Name = d.Name,
                    Address = d.Address,
                    Latitude = d.Latitude,
                    Longitude = d.Longitude,
                    Group = d.Group,
                    Armed = d.Armed,
                    Notes = d.Notes,
                });
            }
            var targets = lead.Targets.ToDictionary(t => t.TargetId, StringComparer.Ordinal);
            foreach (var t in body.Targets)
            {
                if (targets.ContainsKey(t.TargetId)) continue;
                if (!Leads.ImportLead.TryParseRole(t.Role, out var role))
                    throw new ConcordException(new InvalidRequestError("targets", $"target {t.TargetId}: role '{t.Role}' is not known"));
                lead.Targets.Add(new Target
                {
                    AgencyId = from.Id,
                    LeadId = lead.Id,
                    TargetId = t.TargetId,
                    Role = role,
                    Name = t.Name,
                    NameLatin = t.NameLatin,
                    Aliases = t.Aliases,
                    Sex = t.Sex,
                    BirthDate = t.BirthDate,
                    Nationality = t.Nationality,
                    IdType = t.IdType,
                    IdNumber = t.IdNumber,
                    DenCode = t.Den,
                    Group = t.Group,
                    Flags = t.Flags,
                    Notes = t.Notes,
                });
            }
            db.Record(actor, "lead.receive", nameof(Lead), lead.Id, $"lead {lead.Code} {from.Code} -> {to.Code} handling={lead.HandlingCode} node={envelope.FromNode}");
            await db.SaveChangesAsync(ct);
            return null;
        }
    }

    internal sealed class AckHandler : Packets.IHandler
    {
        public string Type => "lead-ack";

        public async Task<Guid?> ApplyAsync(ConcordDbContext db, Actor actor, PacketEnvelope envelope, Agency from, Agency to, CancellationToken ct)
        {
            var body = envelope.BodyAs<AckBody>();
            // The acknowledgement is of a lead this node's agency sent to the acknowledging agency.
            var lead = await db.Leads.FirstOrDefaultAsync(l => l.AgencyId == to.Id && l.ToAgencyId == from.Id && l.Code == body.Code, ct)
                ?? throw new ConcordException(new NotFoundError("lead", body.Code));
            if (lead.Status == LeadStatus.Acknowledged) return null;
            lead.Status = LeadStatus.Acknowledged;
            lead.AcknowledgedAt = body.AcknowledgedAt;
            db.Record(actor, "lead.acknowledge", nameof(Lead), lead.Id, $"{lead.Code} node={envelope.FromNode}");
            await db.SaveChangesAsync(ct);
            return null;
        }
    }
}
