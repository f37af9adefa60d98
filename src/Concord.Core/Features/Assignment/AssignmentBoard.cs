using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Paper;
using Concord.Core.Storage;
using Concord.Matching;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Assignment;

/// <summary>
/// The receiving side after the port: which received handovers still have suspects to give to bureaus, and each
/// bureau's suspects with their escort. A bureau sees only its own suspects; the receiving agency sees them all.
/// </summary>
public static class AssignmentBoard
{
    public sealed record HandoverLine(Guid Id, string Operation, string From, string Port, DateOnly Date, string State, int Received, int Assigned);

    public sealed record Bureau(Guid Id, string Code, string Name, string? ProvinceCode, Guid ParentId);

    public sealed record Entry(Guid Id, Guid PersonId, Guid HandoverId, Guid AgencyId, string? RosterNo, string? Name, string? NameLatin, string? Nationality,
        Guid? BureauId, string? ProvinceCode, string Method, EscortStatus Escort);

    public sealed record View(IReadOnlyList<HandoverLine> Handovers, IReadOnlyList<Bureau> Bureaus, IReadOnlyList<Entry> Entries);

    public static async Task<View> BuildAsync(ConcordDbContext db, Actor actor, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.ReadAssignments, "assignment board", ct);
        var agencies = await db.Agencies.AsNoTracking().ToListAsync(ct);
        var codes = agencies.ToDictionary(a => a.Id, a => a.Code);
        var received = (await db.Handovers.AsNoTracking().Include(h => h.Persons).AsSplitQuery()
                .Where(h => h.State == HandoverState.Received || h.State == HandoverState.Closed).ToListAsync(ct))
            .Where(h => actor.Sees(h.ToAgencyId)).OrderByDescending(h => h.Date).ThenByDescending(h => h.CreatedAt).ToList();
        var operationIds = received.Select(h => h.OperationId).Distinct().ToList();
        var operations = await db.Operations.AsNoTracking().Where(o => operationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Code, ct);
        var assignments = (await db.Assignments.AsNoTracking().ToListAsync(ct)).Where(a => actor.Sees(a.AgencyId, a.BureauAgencyId)).ToList();
        var assignedByHandover = assignments.GroupBy(a => a.HandoverId).ToDictionary(g => g.Key, g => g.Count());
        var lines = received.Select(h => new HandoverLine(h.Id, operations[h.OperationId], codes[h.AgencyId], h.Port, h.Date, h.State.ToString().ToLowerInvariant(),
            h.Persons.Count(p => p.Status == HandoverPersonStatus.Received), assignedByHandover.GetValueOrDefault(h.Id))).ToList();
        var personIds = assignments.Select(a => a.PersonId).ToList();
        var persons = await db.Persons.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var rows = (await db.RosterRecords.AsNoTracking().Where(r => personIds.Contains(r.PersonId)).ToListAsync(ct))
            .ToLookup(r => r.PersonId);
        var entries = assignments.Select(a =>
        {
            var row = rows[a.PersonId].OrderBy(r => r.RosterNo, StringComparer.Ordinal).FirstOrDefault();
            var person = persons.GetValueOrDefault(a.PersonId);
            return new Entry(a.Id, a.PersonId, a.HandoverId, a.AgencyId, row?.RosterNo, row?.Name ?? person?.DisplayName, row?.NameLatin,
                person?.Nationality ?? row?.Nationality, a.BureauAgencyId, a.ProvinceCode, a.Method, a.Escort);
        }).OrderBy(e => e.RosterNo, StringComparer.Ordinal).ToList();
        var receivers = assignments.Select(a => a.AgencyId).Concat(received.Select(h => h.ToAgencyId)).ToHashSet();
        var shownBureaus = entries.Where(e => e.BureauId is not null).Select(e => e.BureauId!.Value).ToHashSet();
        var bureaus = agencies.Where(a => a.ParentId is { } parent && (receivers.Contains(parent) || shownBureaus.Contains(a.Id)))
            .Select(a => new Bureau(a.Id, a.Code, a.Name, a.ProvinceCode, a.ParentId!.Value)).OrderBy(b => b.Code, StringComparer.Ordinal).ToList();
        return new View(lines, bureaus, entries);
    }

    /// <summary>The English labels of the assignments workbook, which the text tables translate.</summary>
    public static readonly IReadOnlyList<string> WorkbookLabels =
    [
        "Assignments", "Bureaus", "Roster no.", "Names as written", "Latin name", "Nationality", "Province", "Bureau", "Bureau code", "Method", "Escort",
        "Operation", "Border port", "Handover date", "Assigned", "Awaiting escort", "Escorting", "Arrived", "Province unknown", "from the ID number's region", "assigned by hand", "province unknown",
    ];

    /// <summary>
    /// The board as an Excel workbook: every assignment the actor sees (one row per person: names, province, bureau,
    /// how it was assigned, escort) and a sheet of bureaus with their counts by escort status. An audited read.
    /// </summary>
    public static async Task<byte[]> WorkbookAsync(ConcordDbContext db, Actor actor, IReadAudit reads, string language, Func<string, string, string> translate,
        CancellationToken ct)
    {
        var view = await BuildAsync(db, actor, ct);
        await reads.RecordAsync(actor, "assignment.export", details: $"rows={view.Entries.Count}", ct: ct);
        string L(string english) => translate(english, language);
        var handovers = view.Handovers.ToDictionary(h => h.Id);
        var bureaus = view.Bureaus.ToDictionary(b => b.Id);
        string Escort(EscortStatus e) => e switch
        {
            EscortStatus.Awaiting => L("Awaiting escort"),
            EscortStatus.Escorting => L("Escorting"),
            _ => L("Arrived"),
        };
        string Method(string method) => method switch { "id-region" => L("from the ID number's region"), "manual" => L("assigned by hand"), _ => L("province unknown") };
        var rows = view.Entries.Select(e =>
        {
            var h = handovers.GetValueOrDefault(e.HandoverId);
            var b = e.BureauId is { } id ? bureaus.GetValueOrDefault(id) : null;
            return (IReadOnlyList<object?>)
            [
                e.RosterNo, e.Name, e.NameLatin, e.Nationality is null ? null : Countries.Name(e.Nationality, language),
                e.ProvinceCode is null ? L("Province unknown") : ChineseResidentId.ProvinceLabel(e.ProvinceCode, language), b?.Name, b?.Code, Method(e.Method),
                Escort(e.Escort), h?.Operation, h?.Port, h?.Date,
            ];
        }).ToList();
        var perBureau = view.Bureaus.Select(b =>
        {
            var mine = view.Entries.Where(e => e.BureauId == b.Id).ToList();
            return (IReadOnlyList<object?>)
            [
                ProvinceName(b, language), b.Code, mine.Count, mine.Count(e => e.Escort == EscortStatus.Awaiting), mine.Count(e => e.Escort == EscortStatus.Escorting),
                mine.Count(e => e.Escort == EscortStatus.Arrived),
            ];
        }).ToList();
        return Spreadsheet.Write(
        [
            new Sheet(L("Assignments"), [L("Roster no."), L("Names as written"), L("Latin name"), L("Nationality"), L("Province"), L("Bureau"), L("Bureau code"),
                L("Method"), L("Escort"), L("Operation"), L("Border port"), L("Handover date")], rows),
            new Sheet(L("Bureaus"), [L("Bureau"), L("Bureau code"), L("Assigned"), L("Awaiting escort"), L("Escorting"), L("Arrived")], perBureau),
        ]);
    }

    /// <summary>The province's name in the UI language where the table has it, else the bureau's own name.</summary>
    public static string ProvinceName(Bureau bureau, string language) =>
        bureau.ProvinceCode is { } code ? ChineseResidentId.ProvinceLabel(code, language) : bureau.Name;
}
