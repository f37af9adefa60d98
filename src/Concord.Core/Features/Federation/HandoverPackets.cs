using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Handover;
using Concord.Core.Storage;
using Concord.Matching;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Federation;

using HandoverRecord = Domain.Handover;

/// <summary>
/// A handover between agencies on two nodes. Dispatching it queues the signed <c>manifest</c>: every person on it with
/// their roster rows and every item with its recorded hash, so that the receiving node can check them at the port
/// whatever it held before. The receiving port officer enters the receipt there as on one node; when it is complete, the
/// receiving node queues the signed <c>receipt</c> (per person and item: received, missing, disputed, and the hash read
/// at the port). The sending node checks every hash of the receipt against the manifest's again, refuses the whole
/// receipt if one that says received differs, and only then moves custody. Bodies are version 1 of
/// <c>docs/packets/manifest.schema.json</c> and <c>docs/packets/receipt.schema.json</c>.
/// </summary>
public static class HandoverPackets
{
    public sealed record ManifestBody(
        [property: JsonPropertyName("handover")] Guid Handover, [property: JsonPropertyName("operation")] string Operation,
        [property: JsonPropertyName("lead")] string Lead, [property: JsonPropertyName("time_zone")] string TimeZone,
        [property: JsonPropertyName("port")] string Port, [property: JsonPropertyName("date")] string Date,
        [property: JsonPropertyName("dispatched_at")] DateTime DispatchedAt,
        [property: JsonPropertyName("persons")] IReadOnlyList<RosterPackets.PersonBody> Persons,
        [property: JsonPropertyName("items")] IReadOnlyList<RosterPackets.ItemBody> Items);

    public sealed record ReceiptPerson(
        [property: JsonPropertyName("id")] Guid Id, [property: JsonPropertyName("roster_no")] string RosterNo,
        [property: JsonPropertyName("status")] string Status, [property: JsonPropertyName("note")] string? Note);

    public sealed record ReceiptItem(
        [property: JsonPropertyName("id")] Guid Id, [property: JsonPropertyName("item_no")] string ItemNo,
        [property: JsonPropertyName("status")] string Status, [property: JsonPropertyName("sha256")] string? Sha256, [property: JsonPropertyName("note")] string? Note);

    public sealed record ReceiptBody(
        [property: JsonPropertyName("handover")] Guid Handover, [property: JsonPropertyName("received_at")] DateTime ReceivedAt,
        [property: JsonPropertyName("persons")] IReadOnlyList<ReceiptPerson> Persons, [property: JsonPropertyName("items")] IReadOnlyList<ReceiptItem> Items);

    /// <summary>The lead the handover's operation acted on: what a packet about the handover derives from.</summary>
    internal static async Task<Lead> LeadOfAsync(ConcordDbContext db, HandoverRecord h, CancellationToken ct) =>
        await db.Operations.AsNoTracking().Where(o => o.Id == h.OperationId).Select(o => o.Lead!).FirstAsync(ct);

    /// <summary>Queues the manifest when the receiving agency is hosted on a partner node; in the dispatch's unit of work.</summary>
    internal static async Task QueueManifestIfRemoteAsync(ConcordDbContext db, Actor actor, HandoverRecord h, CancellationToken ct)
    {
        var to = await db.Agencies.FirstAsync(a => a.Id == h.ToAgencyId, ct);
        if (to.Node is null) return;
        var from = await db.Agencies.FirstAsync(a => a.Id == h.AgencyId, ct);
        var operation = await db.Operations.AsNoTracking().Include(o => o.Lead).FirstAsync(o => o.Id == h.OperationId, ct);
        var personIds = h.Persons.Select(p => p.PersonId).ToList();
        var rows = await db.RosterRecords.AsNoTracking().Where(r => personIds.Contains(r.PersonId)).OrderBy(r => r.RosterNo).ToListAsync(ct);
        var itemIds = h.Items.Select(i => i.SeizureId).ToList();
        var items = await db.Seizures.AsNoTracking().Where(s => itemIds.Contains(s.Id)).OrderBy(s => s.ItemNo).ToListAsync(ct);
        var body = new ManifestBody(h.Id, operation.Code, operation.Lead!.Code, operation.TimeZone, h.Port, h.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            h.DispatchedAt ?? DateTime.UtcNow, [.. rows.GroupBy(r => r.PersonId).OrderBy(g => g.First().RosterNo, StringComparer.Ordinal).Select(RosterPackets.PersonOf)],
            [.. items.Select(RosterPackets.ItemOf)]);
        var packet = Packets.Queue(db, actor, "manifest", from, to, operation.Handling.ToString(), body);
        db.Record(actor, "handover.manifest", nameof(HandoverRecord), h.Id, $"to={to.Code} node={to.Node} persons={body.Persons.Count} items={body.Items.Count} packet={packet.PacketId:D}");
    }

    /// <summary>Queues the receipt of a completed handover when its sending agency is hosted on a partner node; in the receipt's unit of work.</summary>
    internal static async Task QueueReceiptIfRemoteAsync(ConcordDbContext db, Actor actor, HandoverRecord h, CancellationToken ct)
    {
        var from = await db.Agencies.FirstAsync(a => a.Id == h.AgencyId, ct);
        if (from.Node is null) return;
        var to = await db.Agencies.FirstAsync(a => a.Id == h.ToAgencyId, ct);
        var operation = await db.Operations.AsNoTracking().FirstAsync(o => o.Id == h.OperationId, ct);
        var personIds = h.Persons.Select(p => p.PersonId).ToList();
        var rosterNos = await db.Persons.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.RosterNo ?? "", ct);
        var itemIds = h.Items.Select(i => i.SeizureId).ToList();
        var itemNos = await db.Seizures.AsNoTracking().Where(s => itemIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.ItemNo, ct);
        var body = new ReceiptBody(h.Id, h.ReceivedAt ?? DateTime.UtcNow,
            [.. h.Persons.OrderBy(p => rosterNos[p.PersonId], StringComparer.Ordinal).Select(p => new ReceiptPerson(p.PersonId, rosterNos[p.PersonId], PersonStatus(p.Status), p.Note))],
            [.. h.Items.OrderBy(i => itemNos[i.SeizureId], StringComparer.Ordinal).Select(i => new ReceiptItem(i.SeizureId, itemNos[i.SeizureId], ItemStatus(i.Status), i.ReceivedSha256, i.Note))]);
        var packet = Packets.Queue(db, actor, "receipt", to, from, operation.Handling.ToString(), body);
        db.Record(actor, "handover.receipt", nameof(HandoverRecord), h.Id,
            $"to={from.Code} node={from.Node} persons_received={body.Persons.Count(p => p.Status == "received")}/{body.Persons.Count} items_received={body.Items.Count(i => i.Status == "received")}/{body.Items.Count} packet={packet.PacketId:D}");
    }

    /// <summary>The signed receipt packet of a handover on this node, sent or received (not one refused, not one still unsigned), if any.</summary>
    public static async Task<Packet?> SignedReceiptAsync(ConcordDbContext db, Guid handover, CancellationToken ct)
    {
        var id = handover.ToString("D");
        var candidates = await db.Packets.AsNoTracking()
            .Where(p => p.Type == "receipt" && p.Digest != "" && p.State != PacketState.Refused && p.Envelope.Contains(id))
            .OrderByDescending(p => p.CreatedAt).ToListAsync(ct);
        return candidates.FirstOrDefault(p => JsonSerializer.Deserialize<PacketEnvelope>(p.Envelope, PacketSeal.Json)?.BodyAs<ReceiptBody>().Handover == handover);
    }

    /// <summary>
    /// What the printed receipt's QR code carries once the receipt is signed: the handover and the paper's digest, then
    /// the receipt packet's id, digest, signing key and signature, for <see cref="VerifyReceiptAsync"/> on either node.
    /// </summary>
    public static string ReceiptQr(Guid handover, string paperDigest, Packet packet)
    {
        var (keyRef, signature) = Packets.SplitSignature(packet.Signature);
        return $"concord:receipt:{handover:D}:sha256:{paperDigest}:packet:{packet.PacketId:D}:{packet.Digest}:{keyRef}:{signature}";
    }

    /// <param name="SignedBy">The node whose key signed the receipt packet.</param>
    /// <param name="PaperMatches">Whether the paper's digest is still that of the receipt as this node's records give it.</param>
    public sealed record ReceiptCheck(Guid Handover, Guid Packet, string SignedBy, string KeyRef, bool PaperMatches);

    /// <summary>
    /// Checks a printed receipt's QR code offline against this node's records: the receipt packet it names is here, its
    /// envelope gives the digest, the signature verifies with the key it names (this node's own for a receipt it sent, the
    /// partner's for one it received), and it is the receipt of the handover named. Refused, naming what does not hold.
    /// </summary>
    public static async Task<ReceiptCheck> VerifyReceiptAsync(ConcordDbContext db, Actor actor, NoteKey self, string qr, IReadAudit reads, CancellationToken ct)
    {
        static ConcordException Bad(string why) => new(new InvalidRequestError("receipt", why));
        var f = qr.Trim().Split(':');
        if (f.Length != 10 || f[0] != "concord" || f[1] != "receipt" || f[3] != "sha256" || f[5] != "packet"
            || !Guid.TryParse(f[2], out var handover) || !Guid.TryParse(f[6], out var packetId))
            throw Bad("not the QR code of a signed Concord receipt (concord:receipt:<handover>:sha256:<digest>:packet:<id>:<digest>:<key>:<signature>)");
        var (paperDigest, packetDigest, keyRef, signature) = (f[4], f[7], f[8], f[9]);
        var packet = await db.Packets.AsNoTracking().FirstOrDefaultAsync(p => p.PacketId == packetId && p.Type == "receipt", ct)
            ?? throw Bad($"this node holds no receipt packet {packetId:D}");
        if (PacketSeal.Digest(packet.Envelope) != packetDigest || packet.Digest != packetDigest)
            throw Bad($"the receipt packet {packetId:D} here does not have the digest printed on the paper");
        var envelope = JsonSerializer.Deserialize<PacketEnvelope>(packet.Envelope, PacketSeal.Json)!;
        if (envelope.BodyAs<ReceiptBody>().Handover != handover) throw Bad($"the receipt packet {packetId:D} is not the receipt of handover {handover:D}");
        var keys = new List<NoteKey>();
        if (packet.Direction == PacketDirection.Out) keys.Add(self);
        else if (await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Node == envelope.FromNode, ct) is { } partner)
        {
            // A receipt signed before a key rotation still verifies with the key it was signed with.
            keys.Add(SigningKeyFile.Parse(partner.VerifierKey, "stored"));
            if (partner.PreviousKey is { } old) keys.Add(SigningKeyFile.Parse(old, "stored"));
        }
        var key = keys.FirstOrDefault(k => k.KeyRef == keyRef) ?? throw Bad($"the key {keyRef} is not {envelope.FromNode}'s as this node knows it");
        if (!PacketSeal.Verifies(key, packet.Envelope, signature)) throw Bad($"the signature printed on the receipt does not verify with {keyRef}");
        var paper = HandoverPaper.Digest(await HandoverViews.ReadAsync(db, actor, handover, reads, ct), receipt: true);
        db.Record(actor, "receipt.verify", nameof(HandoverRecord), handover, $"packet={packetId:D} node={envelope.FromNode} paper_matches={paper == paperDigest}");
        await db.SaveChangesAsync(ct);
        return new ReceiptCheck(handover, packetId, envelope.FromNode, keyRef, paper == paperDigest);
    }

    private static string PersonStatus(HandoverPersonStatus s) => s switch
    {
        HandoverPersonStatus.Received => "received",
        HandoverPersonStatus.Missing => "missing",
        HandoverPersonStatus.IdentityDisputed => "identity_disputed",
        _ => "pending",
    };

    private static string ItemStatus(HandoverItemStatus s) => s switch
    {
        HandoverItemStatus.Received => "received",
        HandoverItemStatus.Missing => "missing",
        HandoverItemStatus.HashMismatch => "hash_mismatch",
        _ => "pending",
    };

    /// <summary>
    /// The sender's manifest: the handover, dispatched, on this node's copy of the operation; the persons and items it
    /// names are added to the copy if they were never shared (an item nobody held, a person of unknown nationality),
    /// and the persons are marked as coming to this agency at the port.
    /// </summary>
    internal sealed class ManifestHandler : Packets.IHandler
    {
        public string Type => "manifest";

        public async Task<Guid?> ApplyAsync(ConcordDbContext db, Actor actor, PacketEnvelope envelope, Agency from, Agency to, CancellationToken ct)
        {
            var body = envelope.BodyAs<ManifestBody>();
            if (await db.Handovers.AnyAsync(h => h.Id == body.Handover, ct))
                throw new ConcordException(new ConflictError(new Phrase(ErrorTexts.ManifestAgain, body.Handover.ToString())));
            if (!DateOnly.TryParseExact(body.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                throw new ConcordException(new InvalidRequestError("date", $"the manifest's date '{body.Date}' is not YYYY-MM-DD"));
            if (string.IsNullOrWhiteSpace(body.Port)) throw new ConcordException(new InvalidRequestError("port", new Phrase(ErrorTexts.BorderPortRequired)));
            var operation = await RosterPackets.CopyOfAsync(db, from, to, body.Operation, body.Lead, body.TimeZone, envelope.Created, ct);
            Packets.CheckHandling(envelope, operation.Lead!);
            var (addedPersons, _) = await RosterPackets.AddPersonsAsync(db, operation, from, to, body.Persons, ct);
            var addedItems = await RosterPackets.AddItemsAsync(db, operation, from, to, body.Items, ct);
            await db.SaveChangesAsync(ct);

            var handover = new HandoverRecord
            {
                Id = body.Handover,
                AgencyId = from.Id,
                OperationId = operation.Id,
                ToAgencyId = to.Id,
                Port = body.Port.Trim(),
                Date = date,
                State = HandoverState.Dispatched,
                DispatchedAt = body.DispatchedAt,
            };
            var personIds = body.Persons.Select(p => p.Id).ToList();
            handover.Persons.AddRange(personIds.Select(id => new HandoverPerson { HandoverId = handover.Id, PersonId = id }));
            var itemNos = body.Items.Select(i => i.ItemNo).ToList();
            var items = await db.Seizures.Where(s => s.OperationId == operation.Id && itemNos.Contains(s.ItemNo)).ToListAsync(ct);
            handover.Items.AddRange(items.Select(s => new HandoverItem { HandoverId = handover.Id, SeizureId = s.Id }));
            foreach (var s in items) s.DestinationAgencyId = to.Id;
            foreach (var p in await db.Persons.Where(p => personIds.Contains(p.Id)).ToListAsync(ct))
            {
                p.CustodyState = CustodyState.Decided;
                p.CustodyToAgencyId = to.Id;
                p.CustodyPort = handover.Port;
                p.CustodyRule = $"manifest of {from.Code}";
            }
            db.Handovers.Add(handover);
            db.Record(actor, "handover.arrive", nameof(HandoverRecord), handover.Id,
                $"{operation.Code} {from.Code} -> {to.Code} at {handover.Port} on {date:yyyy-MM-dd}: persons={handover.Persons.Count} items={handover.Items.Count} "
                + $"added_persons={addedPersons} added_items={addedItems} node={envelope.FromNode}");
            await db.SaveChangesAsync(ct);
            return null;
        }
    }

    /// <summary>
    /// The receiving node's signed receipt of a handover this node's agency sent. Every person and item on it must be on
    /// the manifest; every item it says was received must carry the hash the manifest recorded (checked again here), or
    /// the whole receipt is refused and nothing moves. Then it is entered as the port officer's receipt would be, and
    /// custody moves for what was received.
    /// </summary>
    internal sealed class ReceiptHandler : Packets.IHandler
    {
        public string Type => "receipt";

        public async Task<Guid?> ApplyAsync(ConcordDbContext db, Actor actor, PacketEnvelope envelope, Agency from, Agency to, CancellationToken ct)
        {
            var body = envelope.BodyAs<ReceiptBody>();
            var h = await db.Handovers.Include(x => x.Persons).Include(x => x.Items)
                        .FirstOrDefaultAsync(x => x.Id == body.Handover && x.AgencyId == to.Id && x.ToAgencyId == from.Id, ct)
                    ?? throw new ConcordException(new NotFoundError("handover", body.Handover.ToString()));
            Packets.CheckHandling(envelope, await LeadOfAsync(db, h, ct));
            if (h.State != HandoverState.Dispatched)
                throw new ConcordException(new ConflictError(new Phrase(ErrorTexts.ReceiptNotDispatched, h.Id.ToString(), h.State.ToString().ToLowerInvariant())));
            var onManifest = h.Persons.Select(p => p.PersonId).ToHashSet();
            var personIds = onManifest.ToList();
            var rosterNos = (await db.RosterRecords.AsNoTracking().Where(r => personIds.Contains(r.PersonId)).Select(r => new { r.PersonId, r.RosterNo }).ToListAsync(ct))
                .ToLookup(r => r.PersonId, r => r.RosterNo);
            var itemIds = h.Items.Select(i => i.SeizureId).ToList();
            var seizures = await db.Seizures.AsNoTracking().Where(s => itemIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
            var lines = new List<Handovers.ReceiptLine>();
            foreach (var p in body.Persons)
            {
                if (!onManifest.Contains(p.Id) || !rosterNos[p.Id].Contains(p.RosterNo, StringComparer.Ordinal))
                    throw new ConcordException(new ConflictError(new Phrase(ErrorTexts.ReceiptNotOnManifest, p.RosterNo, h.Id.ToString())));
                if (p.Status == "pending") continue;
                lines.Add(new Handovers.ReceiptLine("person", p.RosterNo, p.Status, null, p.Note, lines.Count + 1));
            }
            foreach (var i in body.Items)
            {
                if (!seizures.TryGetValue(i.Id, out var s) || s.ItemNo != i.ItemNo)
                    throw new ConcordException(new ConflictError(new Phrase(ErrorTexts.ReceiptNotOnManifest, i.ItemNo, h.Id.ToString())));
                // Checked again here against the manifest this node signed: an item said received with another hash is not.
                if (i.Status == "received" && s.Sha256 is { } recorded && !string.Equals(i.Sha256, recorded, StringComparison.OrdinalIgnoreCase))
                    throw new ConcordException(new ConflictError(new Phrase(ErrorTexts.ReceiptHashDiffers, i.ItemNo, i.Sha256 ?? "-", recorded)));
                if (i.Status == "pending") continue;
                lines.Add(new Handovers.ReceiptLine("item", i.ItemNo, i.Status, i.Sha256?.ToLowerInvariant(), i.Note, lines.Count + 1));
            }
            await Handovers.EnterReceiptAsync(db, actor, h, lines, restReceived: false, $"receipt {envelope.Id:D} from {envelope.FromNode}", ct);
            return null;
        }
    }
}
