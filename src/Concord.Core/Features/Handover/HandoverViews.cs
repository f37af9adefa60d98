using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Persons;
using Concord.Core.Features.Seizures;
using Concord.Core.Storage;
using Concord.Matching;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Handover;

using HandoverRecord = Domain.Handover;

/// <summary>
/// What the screens of a handover show: the handovers an agency sends or receives, what is due to go where, and the
/// manifest with every person's names and documents as the arresting units wrote them, searchable at the port.
/// </summary>
public static class HandoverViews
{
    public sealed record Due(string Operation, string To, string? Port, int Persons, int Items);

    public sealed record Choices(IReadOnlyList<string> Operations, IReadOnlyList<string> Agencies, IReadOnlyList<Due> Due);

    /// <param name="Source">Where the number comes from: <c>roster:MUSE-0001</c> (the arresting unit's row), <c>wanted:W0010919</c> (a wanted
    /// list record the person was matched to), <c>target:T-12</c> (the lead). A number the person did not carry is shown as such.</param>
    public sealed record Document(string? Type, string Number, string? Source = null);

    public sealed record NameLine(string? Name, string? NameLatin, string? Aliases);

    public sealed record PersonEntry(Guid PersonId, IReadOnlyList<string> RosterNos, IReadOnlyList<NameLine> Names, string? Nationality, string? Sex,
        string? BirthDate, IReadOnlyList<Document> Documents, string Status, string? Note, bool Resolved, IReadOnlyList<string> SearchKeys, string? DisplayName = null)
    {
        public string Ref => RosterNos.Count > 0 ? RosterNos[0] : PersonId.ToString();

        /// <summary>Confirmed as a record on a wanted list: the port marks them.</summary>
        public bool Fugitive { get; init; }

        /// <summary>The highest role among the lead's targets the person was confirmed as (financier, leader, backbone), where the viewer sees the lead.</summary>
        public string? Role { get; init; }
    }

    public sealed record ItemEntry(Guid SeizureId, string ItemNo, string Type, string? Description, int Quantity, string? Sha256, string? Holder,
        string Status, string? ReceivedSha256, string? Note, bool Resolved);

    public sealed record Manifest(Handovers.Summary Summary, bool Sender, bool Receiver, DateTime? DispatchedAt, DateTime? ReceivedAt, DateTime? ClosedAt,
        IReadOnlyList<PersonEntry> Persons, IReadOnlyList<ItemEntry> Items);

    /// <summary>Every handover the actor's agency sends or receives, newest first.</summary>
    public static async Task<IReadOnlyList<Handovers.Summary>> ListAsync(ConcordDbContext db, Actor actor, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.ReadHandovers, "handover list", ct);
        var all = await db.Handovers.AsNoTracking().Include(h => h.Persons).Include(h => h.Items).AsSplitQuery().ToListAsync(ct);
        var result = new List<Handovers.Summary>();
        foreach (var h in all.Where(h => actor.Sees(h.AgencyId, h.ToAgencyId)).OrderByDescending(h => h.Date).ThenByDescending(h => h.CreatedAt))
            result.Add(await Handovers.SummarizeAsync(db, h, ct));
        return result;
    }

    /// <summary>What a commander may plan: the agency's own operations, the other agencies, and what each operation still has to send.</summary>
    public static async Task<Choices> ChoicesAsync(ConcordDbContext db, Actor actor, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.ReadHandovers, "handover choices", ct);
        var operations = (await db.Operations.AsNoTracking().ToListAsync(ct)).Where(o => actor.Sees(o.AgencyId)).OrderBy(o => o.Code, StringComparer.Ordinal).ToList();
        var agencies = await db.Agencies.AsNoTracking().ToListAsync(ct);
        var codes = agencies.ToDictionary(a => a.Id, a => a.Code);
        var others = agencies.Where(a => a.ParentId is null && a.Id != Agency.NodeId && !actor.Sees(a.Id)).Select(a => a.Code).Order(StringComparer.Ordinal).ToList();
        var operationIds = operations.Select(o => o.Id).ToList();
        var onManifest = (await db.HandoverPersons.AsNoTracking()
            .Where(hp => hp.Status == HandoverPersonStatus.Pending || hp.Status == HandoverPersonStatus.Received)
            .Where(hp => db.Handovers.Any(h => h.Id == hp.HandoverId && operationIds.Contains(h.OperationId))).Select(hp => hp.PersonId).ToListAsync(ct)).ToHashSet();
        var itemsOnManifest = (await db.HandoverItems.AsNoTracking()
            .Where(hi => hi.Status == HandoverItemStatus.Pending || hi.Status == HandoverItemStatus.Received)
            .Where(hi => db.Handovers.Any(h => h.Id == hi.HandoverId && operationIds.Contains(h.OperationId))).Select(hi => hi.SeizureId).ToListAsync(ct)).ToHashSet();
        var persons = await db.Persons.AsNoTracking()
            .Where(p => p.OperationId != null && operationIds.Contains(p.OperationId.Value) && p.CustodyState == CustodyState.Decided && p.CustodyToAgencyId != null
                        && p.CustodyToAgencyId != p.CustodyAgencyId)
            .Select(p => new { p.Id, Operation = p.OperationId!.Value, To = p.CustodyToAgencyId!.Value, p.CustodyPort }).ToListAsync(ct);
        var items = await db.Seizures.AsNoTracking()
            .Where(s => operationIds.Contains(s.OperationId) && s.DestinationAgencyId != null && s.DestinationAgencyId != s.CustodyAgencyId)
            .Select(s => new { s.Id, Operation = s.OperationId, To = s.DestinationAgencyId!.Value }).ToListAsync(ct);
        var due = new List<Due>();
        foreach (var o in operations)
        {
            var waiting = persons.Where(p => p.Operation == o.Id && !onManifest.Contains(p.Id)).ToList();
            var waitingItems = items.Where(s => s.Operation == o.Id && !itemsOnManifest.Contains(s.Id)).ToList();
            foreach (var to in waiting.Select(p => p.To).Concat(waitingItems.Select(s => s.To)).Distinct().OrderBy(t => codes[t], StringComparer.Ordinal))
            {
                var port = waiting.Where(p => p.To == to && !string.IsNullOrWhiteSpace(p.CustodyPort)).GroupBy(p => p.CustodyPort!)
                    .OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
                due.Add(new Due(o.Code, codes[to], port, waiting.Count(p => p.To == to), waitingItems.Count(s => s.To == to)));
            }
        }
        return new Choices(operations.Select(o => o.Code).ToList(), others, due);
    }

    /// <summary>A handover's manifest read for a caller: it names everyone handed over, so the read is audited before it is shown.</summary>
    public static async Task<Manifest> ReadAsync(ConcordDbContext db, Actor actor, Guid id, IReadAudit reads, CancellationToken ct)
    {
        await Access.RequireRoleAsync(reads, actor, RoleTable.ReadHandovers, "handover read", ct);
        var h = await Handovers.FindAsync(db, actor, id, ct, readOnly: true);
        await reads.RecordAsync(actor, "handover.read", "Handover", id, $"{h.Persons.Count} persons, {h.Items.Count} items", ct);
        return await ManifestAsync(db, actor, h, ct);
    }

    public static async Task<Manifest> ManifestAsync(ConcordDbContext db, Actor actor, Guid id, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.ReadHandovers, "handover read", ct);
        var h = await Handovers.FindAsync(db, actor, id, ct, readOnly: true);
        return await ManifestAsync(db, actor, h, ct);
    }

    public static async Task<Manifest> ManifestAsync(ConcordDbContext db, Actor actor, HandoverRecord h, CancellationToken ct)
    {
        var summary = await Handovers.SummarizeAsync(db, h, ct);
        // Joined to the manifest in the database: one query each, the same whatever the number of persons.
        var personIds = db.HandoverPersons.Where(hp => hp.HandoverId == h.Id).Select(hp => hp.PersonId);
        // Only the columns the manifest shows: hundreds of rows of whole records cost more to read than the query.
        var rows = (await db.RosterRecords.AsNoTracking().Where(r => personIds.Contains(r.PersonId))
            .Select(r => new Row(r.PersonId, r.RosterNo, r.Name, r.NameLatin, r.Aliases, r.IdType, r.IdNumber, r.Nationality, r.Sex, r.BirthDate))
            .ToListAsync(ct)).ToLookup(r => r.PersonId);
        var persons = await db.Persons.AsNoTracking().Where(p => personIds.Contains(p.Id))
            .Select(p => new Shown(p.Id, p.DisplayName, p.Nationality, p.Sex, p.BirthDate)).ToDictionaryAsync(p => p.Id, ct);
        var identifiers = (await db.PersonIdentifiers.AsNoTracking().Where(i => personIds.Contains(i.PersonId) && i.Type != DocumentNumbers.Phone)
            .OrderByDescending(i => i.Trust).ThenBy(i => i.Id).Select(i => new { i.PersonId, i.Type, i.Number, i.Source }).ToListAsync(ct))
            .ToLookup(i => i.PersonId, i => new Document(i.Type, i.Number, i.Source));
        var marks = await PersonMarks.OfAsync(db, actor, h.OperationId, personIds, ct);
        var itemIds = db.HandoverItems.Where(hi => hi.HandoverId == h.Id).Select(hi => hi.SeizureId);
        var seizures = await db.Seizures.AsNoTracking().Where(s => itemIds.Contains(s.Id))
            .Select(s => new { s.Id, s.ItemNo, s.Type, s.Description, s.Quantity, s.Sha256, s.HolderRosterNo }).ToDictionaryAsync(s => s.Id, ct);
        var personEntries = h.Persons.Select(hp =>
        {
            var own = rows[hp.PersonId].OrderBy(r => r.RosterNo, StringComparer.Ordinal).ToList();
            var person = persons.GetValueOrDefault(hp.PersonId);
            var names = own.Select(r => new NameLine(r.Name, r.NameLatin, r.Aliases)).Distinct().ToList();
            if (names.Count == 0 && person?.DisplayName is { } shown) names.Add(new NameLine(shown, null, null));
            var documents = own.Where(r => !string.IsNullOrWhiteSpace(r.IdNumber)).Select(r => new Document(r.IdType, r.IdNumber!, $"roster:{r.RosterNo}"))
                .Concat(identifiers[hp.PersonId])
                .DistinctBy(d => (d.Type, Key(d.Number))).ToList();
            var rosterNos = own.Select(r => r.RosterNo).ToList();
            return new PersonEntry(hp.PersonId, rosterNos, names, person?.Nationality ?? own.Select(r => r.Nationality).FirstOrDefault(n => n is not null),
                person?.Sex ?? own.Select(r => r.Sex).FirstOrDefault(s => s is not null), person?.BirthDate ?? own.Select(r => r.BirthDate).FirstOrDefault(b => b is not null),
                documents, Status(hp.Status), hp.Note, hp.Resolved, SearchKeys(rosterNos, names, documents), person?.DisplayName)
            {
                Fugitive = marks.Fugitives.Contains(hp.PersonId),
                Role = marks.Roles.GetValueOrDefault(hp.PersonId),
            };
        }).OrderBy(p => p.Ref, StringComparer.Ordinal).ToList();
        var itemEntries = h.Items.Select(i =>
        {
            var s = seizures[i.SeizureId];
            return new ItemEntry(s.Id, s.ItemNo, ImportSeizures.TypeName(s.Type), s.Description, s.Quantity, s.Sha256, s.HolderRosterNo, Status(i.Status),
                i.ReceivedSha256, i.Note, i.Resolved);
        }).OrderBy(i => i.ItemNo, StringComparer.Ordinal).ToList();
        return new Manifest(summary, actor.Sees(h.AgencyId), actor.Sees(h.ToAgencyId), h.DispatchedAt, h.ReceivedAt, h.ClosedAt, personEntries, itemEntries);
    }

    /// <summary>
    /// Finds persons on a manifest by roster number, document number or any name, whatever the script: case, spaces and
    /// punctuation do not count, traditional characters find simplified ones, and a Han or Burmese name is found by its
    /// romanisation too. Exact hits on a number come first.
    /// </summary>
    public static IReadOnlyList<PersonEntry> Search(IReadOnlyList<PersonEntry> persons, string? query, int max = 12)
    {
        var q = Key(query ?? "");
        if (q.Length == 0) return [];
        return persons.Select(p => (p, rank: Rank(p.SearchKeys, q))).Where(x => x.rank < 3).OrderBy(x => x.rank).ThenBy(x => x.p.Ref, StringComparer.Ordinal)
            .Take(max).Select(x => x.p).ToList();
    }

    private static int Rank(IReadOnlyList<string> keys, string q)
    {
        var best = 3;
        foreach (var k in keys)
        {
            if (k == q) return 0;
            if (k.StartsWith(q, StringComparison.Ordinal)) best = Math.Min(best, 1);
            else if (q.Length >= 2 && k.Contains(q, StringComparison.Ordinal)) best = Math.Min(best, 2);
        }
        return best;
    }

    /// <summary>The form in which a name or number is compared at the port: folded, simplified, without spaces or punctuation.</summary>
    public static string Key(string text) => NameText.HanKey(NameText.Fold(text));

    private static List<string> SearchKeys(IEnumerable<string> rosterNos, IEnumerable<NameLine> names, IEnumerable<Document> documents)
    {
        var keys = new List<string>();
        keys.AddRange(rosterNos.Select(Key));
        keys.AddRange(documents.Select(d => Key(d.Number)));
        foreach (var n in names)
        {
            foreach (var text in new[] { n.Name, n.NameLatin }.Concat((n.Aliases ?? "").Split([';', ',', '|', '/', '、', '，'], StringSplitOptions.RemoveEmptyEntries)))
            {
                if (string.IsNullOrWhiteSpace(text)) continue;
                keys.Add(Key(text));
                switch (NameText.DetectScript(text))
                {
                    case Script.Han:
                        keys.AddRange(ChineseNames.Pinyin(text, 2).Select(Key));
                        break;
                    case Script.Myanmar:
                        keys.AddRange(BurmeseNames.Romanize(text, 2).Select(Key));
                        break;
                    case Script.Latin:
                        // A Chinese name in Latin letters is written surname first or last: both orders find it.
                        var tokens = NameText.Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                        if (tokens.Length > 1) keys.Add(string.Concat(tokens.Reverse()));
                        break;
                }
            }
        }
        return keys.Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToList();
    }

    private sealed record Row(Guid PersonId, string RosterNo, string? Name, string? NameLatin, string? Aliases, string? IdType, string? IdNumber,
        string? Nationality, string? Sex, string? BirthDate);

    private sealed record Shown(Guid Id, string? DisplayName, string? Nationality, string? Sex, string? BirthDate);

    public static string Status(HandoverPersonStatus s) => s == HandoverPersonStatus.IdentityDisputed ? "identity_disputed" : s.ToString().ToLowerInvariant();

    public static string Status(HandoverItemStatus s) => s == HandoverItemStatus.HashMismatch ? "hash_mismatch" : s.ToString().ToLowerInvariant();
}
