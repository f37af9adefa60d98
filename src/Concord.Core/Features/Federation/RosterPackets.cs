using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Agreements;
using Concord.Core.Features.Operations;
using Concord.Core.Features.Persons;
using Concord.Core.Storage;
using Concord.Matching;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Federation;

/// <summary>
/// Matching where the data lives. The raiding agency's node sends the partner the roster rows of the persons the
/// agreement sends to that partner (its nationals; those whose nationality is unknown only if the agreement says
/// <c>"sharing": {"unknown_nationality": true}</c>), with the seizures they held, as a <c>roster-share</c>. The partner's
/// node keeps them as its copy of the operation, matches them against its own wanted lists, and its reviewers decide
/// there. It answers with a <c>match-result</c> that says, per person, only what it shares: wanted or not, and the
/// lead's target they are. The wanted list itself never leaves its node. Bodies are version 1 of
/// <c>docs/packets/roster-share.schema.json</c> and <c>docs/packets/match-result.schema.json</c>.
/// </summary>
public static class RosterPackets
{
    public sealed record RowBody(
        [property: JsonPropertyName("id")] Guid Id, [property: JsonPropertyName("roster_no")] string RosterNo,
        [property: JsonPropertyName("name")] string? Name, [property: JsonPropertyName("name_latin")] string? NameLatin,
        [property: JsonPropertyName("aliases")] string? Aliases, [property: JsonPropertyName("sex")] string? Sex,
        [property: JsonPropertyName("birth_date")] string? BirthDate, [property: JsonPropertyName("nationality")] string? Nationality,
        [property: JsonPropertyName("nationality_written")] string? NationalityWritten, [property: JsonPropertyName("id_type")] string? IdType,
        [property: JsonPropertyName("id_number")] string? IdNumber, [property: JsonPropertyName("id_number_written")] string? IdNumberWritten,
        [property: JsonPropertyName("phone")] string? Phone, [property: JsonPropertyName("den")] string? Den,
        [property: JsonPropertyName("arrested_at")] DateTime? ArrestedAt, [property: JsonPropertyName("arrested_at_written")] string? ArrestedAtWritten,
        [property: JsonPropertyName("unit")] string? Unit, [property: JsonPropertyName("flags")] string? Flags, [property: JsonPropertyName("notes")] string? Notes);

    public sealed record PersonBody([property: JsonPropertyName("id")] Guid Id, [property: JsonPropertyName("rows")] IReadOnlyList<RowBody> Rows);

    public sealed record ItemBody(
        [property: JsonPropertyName("id")] Guid Id, [property: JsonPropertyName("item_no")] string ItemNo, [property: JsonPropertyName("den")] string? Den,
        [property: JsonPropertyName("type")] string Type, [property: JsonPropertyName("description")] string? Description,
        [property: JsonPropertyName("quantity")] int Quantity, [property: JsonPropertyName("seized_at")] DateTime? SeizedAt,
        [property: JsonPropertyName("seized_at_written")] string? SeizedAtWritten, [property: JsonPropertyName("unit")] string? Unit,
        [property: JsonPropertyName("sha256")] string? Sha256, [property: JsonPropertyName("holder")] string? Holder);

    /// <param name="Arrested">How many persons the operation arrested in all, and <paramref name="ByNationality"/> how many of each nationality: counts only, no one's record.</param>
    public sealed record ShareBody(
        [property: JsonPropertyName("operation")] string Operation, [property: JsonPropertyName("lead")] string Lead,
        [property: JsonPropertyName("time_zone")] string TimeZone, [property: JsonPropertyName("arrested")] int Arrested,
        [property: JsonPropertyName("by_nationality")] IReadOnlyDictionary<string, int> ByNationality,
        [property: JsonPropertyName("persons")] IReadOnlyList<PersonBody> Persons, [property: JsonPropertyName("seizures")] IReadOnlyList<ItemBody> Seizures);

    /// <param name="Wanted">On one of the answering agency's wanted lists (which one, and why, stays there).</param>
    /// <param name="Target">The lead's target the person was found to be, by the target id both nodes hold.</param>
    public sealed record ResultPerson(
        [property: JsonPropertyName("id")] Guid Id, [property: JsonPropertyName("wanted")] bool Wanted, [property: JsonPropertyName("target")] string? Target);

    /// <param name="Pending">Shared persons whose review is not finished: they come in a later result.</param>
    public sealed record ResultBody(
        [property: JsonPropertyName("operation")] string Operation, [property: JsonPropertyName("persons")] IReadOnlyList<ResultPerson> Persons,
        [property: JsonPropertyName("pending")] int Pending);

    /// <param name="Persons">Persons sent in this packet (those sent before are not sent again).</param>
    public sealed record Shared(string Operation, string To, int Persons, int RosterRows, int Seizures, int AlreadyShared, Guid? PacketId);

    public sealed record Answered(string Operation, string To, int Persons, int Wanted, int Targets, int Pending, Guid PacketId);

    /// <param name="Kind"><c>share</c>: this node's agency ran the operation on a partner's lead, and may share its roster with
    /// it; <c>answer</c>: the operation is this node's copy of a partner's shared roster, to answer.</param>
    public sealed record PartnerStep(string Kind, string Partner);

    /// <summary>What the operation's page offers toward a partner node, if anything.</summary>
    public static async Task<PartnerStep?> PartnerStepAsync(ConcordDbContext db, Operation operation, CancellationToken ct)
    {
        var lead = operation.Lead ?? await db.Leads.AsNoTracking().FirstAsync(l => l.Id == operation.LeadId, ct);
        var other = operation.AgencyId == lead.ToAgencyId ? lead.AgencyId : operation.AgencyId == lead.AgencyId ? lead.ToAgencyId : (Guid?)null;
        if (other is null) return null;
        var partner = await db.Agencies.AsNoTracking().FirstAsync(a => a.Id == other, ct);
        if (partner.Node is null) return null;
        return new PartnerStep(operation.AgencyId == lead.ToAgencyId ? "share" : "answer", partner.Code);
    }

    /// <summary>
    /// Queues the roster rows of the persons the agreement in force sends to <paramref name="toAgencyCode"/> (by default the
    /// lead's provider), with the seizures they held, for that agency's node. Persons shared before are not sent again.
    /// </summary>
    public static async Task<Shared> ShareAsync(ConcordDbContext db, Actor actor, string operationCode, string? toAgencyCode, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.ShareRoster, "roster share", ct);
        var operation = await CreateOperation.FindAsync(db, actor, operationCode, ct);
        if (!actor.Sees(operation.AgencyId)) throw new ConcordException(new NotFoundError("operation", operationCode));
        var to = toAgencyCode is null ? await db.Agencies.FirstAsync(a => a.Id == operation.Lead!.AgencyId, ct) : await Agencies.GetAsync(db, toAgencyCode, "to", ct);
        if (to.Node is null) throw new ConcordException(new InvalidRequestError("to", new Phrase(ErrorTexts.AgencyHostedHere, to.Code)));
        var from = await db.Agencies.FirstAsync(a => a.Id == operation.AgencyId, ct);
        var agreement = await AcceptAgreement.InForceForAsync(db, operation.AgencyId, to.Id, ct);
        var rules = agreement.CustodyRules.OrderBy(r => r.Order).ToList();
        var unknownToo = AcceptAgreement.Shares(agreement.Document, "unknown_nationality", otherwise: false);

        var rows = await db.RosterRecords.AsNoTracking().Where(r => r.OperationId == operation.Id).OrderBy(r => r.RosterNo).ToListAsync(ct);
        var byPerson = rows.GroupBy(r => r.PersonId).ToList();
        var byNationality = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var chosen = new List<IGrouping<Guid, RosterRecord>>();
        foreach (var person in byPerson)
        {
            var nationality = Custody.DecideCustody.NationalityOf(person.Select(r => r.Nationality));
            byNationality[nationality ?? "UNKNOWN"] = byNationality.GetValueOrDefault(nationality ?? "UNKNOWN") + 1;
            var theirs = nationality is null ? unknownToo : rules.FirstOrDefault(r => r.Nationality == nationality)?.ToAgencyId == to.Id;
            if (theirs) chosen.Add(person);
        }
        var sharedBefore = await SharedBeforeAsync(db, operation, to, ct);
        var fresh = chosen.Where(p => !sharedBefore.Contains(p.Key)).ToList();
        // A person linked to the targets of an H2/H3 lead goes beyond the lead's audience only with its originator's consent.
        await Sharing.Consents.EnsureMayTransferAsync(db, actor, [.. fresh.Select(p => p.Key)], to, "roster share", ct);
        var holders = fresh.SelectMany(p => p.Select(r => r.RosterNo)).ToHashSet(StringComparer.Ordinal);
        var items = (await db.Seizures.AsNoTracking().Where(s => s.OperationId == operation.Id && s.HolderRosterNo != null).OrderBy(s => s.ItemNo).ToListAsync(ct))
            .Where(s => holders.Contains(s.HolderRosterNo!)).ToList();
        if (fresh.Count == 0)
        {
            db.Record(actor, "roster.share", nameof(Operation), operation.Id, $"{operation.Code} to={to.Code} persons=0 already_shared={chosen.Count}");
            await db.SaveChangesAsync(ct);
            return new Shared(operation.Code, to.Code, 0, 0, 0, chosen.Count, null);
        }
        var body = new ShareBody(operation.Code, operation.Lead!.Code, operation.TimeZone, byPerson.Count, byNationality,
            [.. fresh.Select(PersonOf)], [.. items.Select(ItemOf)]);
        var packet = Packets.Queue(db, actor, "roster-share", from, to, operation.Handling.ToString(), body);
        db.Record(actor, "roster.share", nameof(Operation), operation.Id,
            $"{operation.Code} to={to.Code} persons={fresh.Count} rows={fresh.Sum(p => p.Count())} items={items.Count} already_shared={chosen.Count - fresh.Count} packet={packet.PacketId:D}");
        await db.SaveChangesAsync(ct);
        return new Shared(operation.Code, to.Code, fresh.Count, fresh.Sum(p => p.Count()), items.Count, chosen.Count - fresh.Count, packet.PacketId);
    }

    private static RowBody RowOf(RosterRecord r) => new(r.Id, r.RosterNo, r.Name, r.NameLatin, r.Aliases, r.Sex, r.BirthDate, r.Nationality, r.NationalityWritten,
        r.IdType, r.IdNumber, r.IdNumberWritten, r.Phone, r.DenCode, r.ArrestedAt, r.ArrestedAtWritten, r.Unit, r.Flags, r.Notes);

    /// <summary>The persons already sent to <paramref name="to"/> in roster-share packets of this operation.</summary>
    private static async Task<HashSet<Guid>> SharedBeforeAsync(ConcordDbContext db, Operation operation, Agency to, CancellationToken ct)
    {
        var envelopes = await db.Packets.AsNoTracking()
            .Where(p => p.Direction == PacketDirection.Out && p.Type == "roster-share" && p.AgencyId == operation.AgencyId && p.Node == to.Node)
            .Select(p => p.Envelope).ToListAsync(ct);
        var ids = new HashSet<Guid>();
        foreach (var e in envelopes)
        {
            var body = (JsonSerializer.Deserialize<PacketEnvelope>(e, PacketSeal.Json) ?? throw new InvalidOperationException("a queued packet without an envelope")).BodyAs<ShareBody>();
            if (body.Operation != operation.Code) continue;
            foreach (var p in body.Persons) ids.Add(p.Id);
        }
        return ids;
    }

    /// <summary>
    /// Queues what this node's reviewers decided about a partner's shared roster: per person whose review is finished,
    /// wanted or not and the lead's target they are. Persons still in review are counted, and come in a later result.
    /// </summary>
    public static async Task<Answered> AnswerAsync(ConcordDbContext db, Actor actor, string operationCode, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.ShareMatchResults, "match share", ct);
        var operation = await CreateOperation.FindAsync(db, actor, operationCode, ct);
        if (!actor.Sees(operation.AgencyId)) throw new ConcordException(new NotFoundError("operation", operationCode));
        var lead = operation.Lead!;
        var partner = await db.Agencies.FirstAsync(a => a.Id == lead.ToAgencyId, ct);
        // Only a partner's shared roster is answered: this node's copy of an operation that a partner node's agency ran.
        if (partner.Node is null || lead.AgencyId != operation.AgencyId)
            throw new ConcordException(new InvalidRequestError("operation", new Phrase(ErrorTexts.NotASharedRoster, operation.Code)));
        var from = await db.Agencies.FirstAsync(a => a.Id == operation.AgencyId, ct);
        var persons = await db.Persons.AsNoTracking().Where(p => p.OperationId == operation.Id).Select(p => p.Id).ToListAsync(ct);
        var open = (await db.ReviewTasks.AsNoTracking().Where(t => t.OperationId == operation.Id && t.Status == ReviewTaskStatus.Open).Select(t => t.PersonId).ToListAsync(ct)).ToHashSet();
        var links = (await db.PersonLinks.AsNoTracking().Where(l => l.AgencyId == operation.AgencyId && persons.Contains(l.PersonId)).ToListAsync(ct)).ToLookup(l => l.PersonId);
        var targets = await db.Targets.AsNoTracking().Where(t => t.LeadId == lead.Id).ToDictionaryAsync(t => t.Id, t => t.TargetId, ct);
        var decided = persons.Where(p => !open.Contains(p)).Order().Select(p => new ResultPerson(p, links[p].Any(l => l.Kind == LinkKind.Wanted),
            links[p].Where(l => l.Kind == LinkKind.Target).Select(l => targets.GetValueOrDefault(l.CandidateId)).FirstOrDefault())).ToList();
        var body = new ResultBody(operation.Code, decided, persons.Count - decided.Count);
        var packet = Packets.Queue(db, actor, "match-result", from, partner, operation.Handling.ToString(), body);
        var wanted = decided.Count(p => p.Wanted);
        var named = decided.Count(p => p.Target is not null);
        db.Record(actor, "match.share", nameof(Operation), operation.Id,
            $"{operation.Code} to={partner.Code} persons={decided.Count} wanted={wanted} targets={named} pending={body.Pending} packet={packet.PacketId:D}");
        await db.SaveChangesAsync(ct);
        return new Answered(operation.Code, partner.Code, decided.Count, wanted, named, body.Pending, packet.PacketId);
    }

    /// <summary>
    /// This node's copy of a partner agency's operation, under the lead of this node's agency that it acted on: made the
    /// first time a packet names it.
    /// </summary>
    internal static async Task<Operation> CopyOfAsync(ConcordDbContext db, Agency from, Agency to, string code, string leadCode, string timeZone, DateTime created, CancellationToken ct)
    {
        Codes.Check("operation", code, ErrorTexts.OperationCodeInvalid);
        // The operation answers a lead this node's agency sent to the sender's agency.
        var lead = await db.Leads.FirstOrDefaultAsync(l => l.AgencyId == to.Id && l.ToAgencyId == from.Id && l.Code == leadCode, ct)
            ?? throw new ConcordException(new NotFoundError("lead sent to " + from.Code, leadCode));
        if (!LocalTimes.IsKnown(timeZone)) throw new ConcordException(new InvalidRequestError("time_zone", new Phrase(ErrorTexts.TimeZoneUnknown, timeZone)));
        var operation = await db.Operations.Include(o => o.Lead).FirstOrDefaultAsync(o => o.Code == code, ct);
        if (operation is null)
        {
            operation = new Operation { Code = code, LeadId = lead.Id, Lead = lead, AgencyId = to.Id, Handling = lead.HandlingCode, TimeZone = timeZone, CreatedAt = created };
            db.Operations.Add(operation);
        }
        else if (operation.LeadId != lead.Id || operation.AgencyId != to.Id)
        {
            throw new ConcordException(new ConflictError(new Phrase(ErrorTexts.OperationExists, code)));
        }
        return operation;
    }

    /// <summary>Adds to the copy the persons and roster rows it does not hold yet; returns how many of each.</summary>
    internal static async Task<(int Persons, int Rows)> AddPersonsAsync(ConcordDbContext db, Operation operation, Agency from, Agency to, IReadOnlyList<PersonBody> body, CancellationToken ct)
    {
        var knownPersons = (await db.Persons.AsNoTracking().Where(p => p.OperationId == operation.Id).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        var knownRows = (await db.RosterRecords.AsNoTracking().Where(r => r.OperationId == operation.Id).Select(r => r.RosterNo).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        int persons = 0, rows = 0;
        foreach (var p in body)
        {
            if (p.Rows.Count == 0) throw new ConcordException(new InvalidRequestError("persons", $"person {p.Id:D} has no roster row"));
            var records = p.Rows.Where(r => !knownRows.Contains(r.RosterNo)).Select(r => RecordOf(r, operation, to, p.Id)).ToList();
            if (!knownPersons.Contains(p.Id))
            {
                var first = records.Count > 0 ? records[0] : throw new ConcordException(new ConflictError(new Phrase(ErrorTexts.PersonSharedBefore, p.Rows[0].RosterNo)));
                db.Persons.Add(new Person
                {
                    Id = p.Id,
                    AgencyId = to.Id,
                    OperationId = operation.Id,
                    DisplayName = first.Name ?? first.NameLatin,
                    Nationality = Custody.DecideCustody.NationalityOf(records.Select(r => r.Nationality)),
                    Sex = first.Sex,
                    BirthDate = first.BirthDate,
                    // The raiding agency holds them: this node keeps its copy to match and review.
                    CustodyAgencyId = from.Id,
                    SearchText = PersonSearch.TextOf(records),
                    RosterNo = first.RosterNo,
                });
                knownPersons.Add(p.Id);
                persons++;
            }
            foreach (var r in records)
            {
                db.RosterRecords.Add(r);
                knownRows.Add(r.RosterNo);
                if (r.IdNumber is { } number && r.IdType is { } type) db.PersonIdentifiers.Add(Identifiers.FromRoster(p.Id, type, number, r.RosterNo));
                rows++;
            }
        }
        return (persons, rows);
    }

    /// <summary>Adds to the copy the seized items it does not hold yet, held by the sender; returns how many.</summary>
    internal static async Task<int> AddItemsAsync(ConcordDbContext db, Operation operation, Agency from, Agency to, IReadOnlyList<ItemBody> body, CancellationToken ct)
    {
        var knownItems = (await db.Seizures.AsNoTracking().Where(s => s.OperationId == operation.Id).Select(s => s.ItemNo).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var items = 0;
        foreach (var s in body.Where(s => knownItems.Add(s.ItemNo)))
        {
            if (!Seizures.ImportSeizures.TryParseType(s.Type, out var type))
                throw new ConcordException(new InvalidRequestError("seizures", $"item {s.ItemNo}: type '{s.Type}' is not known"));
            db.Seizures.Add(new Seizure
            {
                Id = s.Id,
                AgencyId = to.Id,
                OperationId = operation.Id,
                ItemNo = s.ItemNo,
                DenCode = s.Den,
                Type = type,
                Description = s.Description,
                Quantity = s.Quantity,
                SeizedAt = s.SeizedAt,
                SeizedAtWritten = s.SeizedAtWritten,
                Unit = s.Unit,
                Sha256 = s.Sha256,
                HolderRosterNo = s.Holder,
                CustodyAgencyId = from.Id,
            });
            items++;
        }
        return items;
    }

    internal static ItemBody ItemOf(Seizure s) => new(s.Id, s.ItemNo, s.DenCode, Seizures.ImportSeizures.TypeName(s.Type), s.Description, s.Quantity, s.SeizedAt,
        s.SeizedAtWritten, s.Unit, s.Sha256, s.HolderRosterNo);

    internal static PersonBody PersonOf(IGrouping<Guid, RosterRecord> rows) => new(rows.Key, [.. rows.Select(RowOf)]);

    private static RosterRecord RecordOf(RowBody r, Operation operation, Agency to, Guid personId) => new()
    {
        Id = r.Id,
        AgencyId = to.Id,
        OperationId = operation.Id,
        PersonId = personId,
        RosterNo = r.RosterNo,
        Name = r.Name,
        NameLatin = r.NameLatin,
        Aliases = r.Aliases,
        Sex = r.Sex,
        BirthDate = r.BirthDate,
        Nationality = r.Nationality,
        NationalityWritten = r.NationalityWritten,
        IdType = r.IdType,
        IdNumber = r.IdNumber,
        IdNumberWritten = r.IdNumberWritten,
        Phone = r.Phone,
        DenCode = r.Den,
        ArrestedAt = r.ArrestedAt,
        ArrestedAtWritten = r.ArrestedAtWritten,
        Unit = r.Unit,
        Flags = r.Flags,
        Notes = r.Notes,
    };

    /// <summary>The partner's shared roster, kept on this node as this agency's copy of the operation, under the lead it answers.</summary>
    internal sealed class ShareHandler : Packets.IHandler
    {
        public string Type => "roster-share";

        public async Task<Guid?> ApplyAsync(ConcordDbContext db, Actor actor, PacketEnvelope envelope, Agency from, Agency to, CancellationToken ct)
        {
            var body = envelope.BodyAs<ShareBody>();
            var operation = await CopyOfAsync(db, from, to, body.Operation, body.Lead, body.TimeZone, envelope.Created, ct);
            Packets.CheckHandling(envelope, operation.Lead!);
            // The partner's own count of everyone it arrested: the copy's report gives it beside the persons shared here.
            operation.ReportedCounts = JsonSerializer.Serialize(new Reports.OperationReport.ReportedCounts(from.Code, body.Arrested,
                new SortedDictionary<string, int>(body.ByNationality.ToDictionary(), StringComparer.Ordinal)), PacketSeal.Json);
            var (persons, rows) = await AddPersonsAsync(db, operation, from, to, body.Persons, ct);
            var items = await AddItemsAsync(db, operation, from, to, body.Seizures, ct);
            db.Record(actor, "roster.receive", nameof(Operation), operation.Id,
                $"{operation.Code} from={from.Code} persons={persons} rows={rows} items={items} arrested={body.Arrested} "
                + string.Join(' ', body.ByNationality.Select(kv => $"{kv.Key}={kv.Value.ToString(CultureInfo.InvariantCulture)}")) + $" node={envelope.FromNode}");
            await db.SaveChangesAsync(ct);
            return null;
        }
    }

    /// <summary>
    /// The partner's answer about the persons this node shared: a wanted person gets a link naming the partner agency
    /// (not its list, which stays there); a person named as a lead's target gets the link to that target, unless a
    /// reviewer here already linked them. A later answer that says a person is not wanted takes back the link an
    /// earlier one made.
    /// </summary>
    internal sealed class ResultHandler : Packets.IHandler
    {
        public string Type => "match-result";

        public async Task<Guid?> ApplyAsync(ConcordDbContext db, Actor actor, PacketEnvelope envelope, Agency from, Agency to, CancellationToken ct)
        {
            var body = envelope.BodyAs<ResultBody>();
            var operation = await db.Operations.Include(o => o.Lead).FirstOrDefaultAsync(o => o.Code == body.Operation && o.AgencyId == to.Id, ct)
                ?? throw new ConcordException(new NotFoundError("operation", body.Operation));
            Packets.CheckHandling(envelope, operation.Lead!);
            var ids = body.Persons.Select(p => p.Id).ToList();
            var persons = (await db.Persons.AsNoTracking().Where(p => p.OperationId == operation.Id && ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
            if (persons.Count != ids.Distinct().Count())
                throw new ConcordException(new InvalidRequestError("persons", $"{ids.Distinct().Count() - persons.Count} persons of the result are not on operation {operation.Code}"));
            var links = (await db.PersonLinks.Where(l => l.AgencyId == to.Id && ids.Contains(l.PersonId)).ToListAsync(ct)).ToLookup(l => l.PersonId);
            var targets = await db.Targets.AsNoTracking().Where(t => t.LeadId == operation.LeadId).ToDictionaryAsync(t => t.TargetId, StringComparer.Ordinal, ct);
            var by = $"{from.Code} ({envelope.FromNode})";
            int wanted = 0, named = 0, withdrawn = 0;
            void Link(Guid person, LinkKind kind, Guid candidate, string candidateRef, Handling handling) => db.PersonLinks.Add(new PersonLink
            {
                AgencyId = to.Id,
                PersonId = person,
                Kind = kind,
                CandidateId = candidate,
                CandidateRef = candidateRef,
                Score = 1,
                DecidedBy = by,
                Handling = handling,
            });
            foreach (var p in body.Persons)
            {
                var theirs = links[p.Id].FirstOrDefault(l => l.Kind == LinkKind.Wanted && l.CandidateRef == from.Code);
                if (p.Wanted && theirs is null)
                {
                    // Which record is the partner's to keep: the link names the list's agency only.
                    Link(p.Id, LinkKind.Wanted, from.Id, from.Code, Handling.H0);
                    db.Record(actor, "match.accept", nameof(Person), p.Id, $"wanted by {from.Code}: decided on node {envelope.FromNode}");
                    wanted++;
                }
                else if (!p.Wanted && theirs is not null)
                {
                    db.PersonLinks.Remove(theirs);
                    db.Record(actor, "match.withdraw", nameof(Person), p.Id, $"no longer wanted by {from.Code}: decided on node {envelope.FromNode}");
                    withdrawn++;
                }
                if (p.Target is { } targetId && !links[p.Id].Any(l => l.Kind == LinkKind.Target))
                {
                    var target = targets.GetValueOrDefault(targetId) ?? throw new ConcordException(new NotFoundError("target", targetId));
                    Link(p.Id, LinkKind.Target, target.Id, target.TargetId, operation.Handling);
                    db.Record(actor, "match.accept", nameof(Person), p.Id, $"= target {target.TargetId}: decided on node {envelope.FromNode}");
                    named++;
                }
            }
            db.Record(actor, "match.receive", nameof(Operation), operation.Id,
                $"{operation.Code} from={from.Code} persons={body.Persons.Count} wanted={wanted} targets={named} withdrawn={withdrawn} pending={body.Pending} node={envelope.FromNode}");
            await db.SaveChangesAsync(ct);
            return null;
        }
    }
}
