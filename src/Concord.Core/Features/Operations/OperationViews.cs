using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Custody;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Operations;

/// <summary>What the operation pages show: the operations a caller follows, one operation's intake figures, its custody sorting.</summary>
public static class OperationViews
{
    public sealed record Line(string Code, string Lead, string LeadFrom, string Agency, DateTime CreatedAt, int Persons, int OpenReviews);
    public sealed record LeadChoice(string Code, string From, DateTime CreatedAt, bool HasOperation);
    public sealed record Figures(int RosterRows, int Persons, IReadOnlyDictionary<string, int> ByNationality, int SeizureRecords, int ItemsSeized,
        int OpenReviews, int CustodyDecided, int CustodyAwaitingReview)
    {
        /// <summary>Roster rows added since matching last ran (every row, if it never ran): matching must run again.</summary>
        public int RowsSinceMatch { get; init; }
    }
    public sealed record CustodyGroup(string Agency, string? Port, int Persons);
    public sealed record CustodyException(Guid PersonId, IReadOnlyList<string> Names, IReadOnlyList<string> RosterNos, string? Nationality,
        IReadOnlyList<string> NationalitiesWritten, string? Rule, string? SuggestedAgency, string? SuggestedPort);
    public sealed record Custody(IReadOnlyList<CustodyGroup> Decided, IReadOnlyList<CustodyException> Exceptions, int Undecided,
        IReadOnlyList<string> Agencies, IReadOnlyList<string> Ports, string? AgreementProblem);

    /// <summary>The operations the caller sees, with their leads: those its agency runs and those that arose from leads it sent; newest first.</summary>
    public static async Task<List<Operation>> VisibleAsync(ConcordDbContext db, Actor actor, CancellationToken ct) =>
        (await db.Operations.AsNoTracking().Include(o => o.Lead).OrderByDescending(o => o.CreatedAt).ToListAsync(ct))
            .Where(o => actor.Sees(o.AgencyId, o.Lead!.AgencyId)).ToList();

    /// <summary>Operations the caller's agency runs, and those that arose from leads it sent; newest first.</summary>
    public static async Task<IReadOnlyList<Line>> ListAsync(ConcordDbContext db, Actor actor, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.ReadOperations, "operation list", ct);
        var agencies = await Agencies.CodesAsync(db, ct);
        var operations = await VisibleAsync(db, actor, ct);
        var ids = operations.Select(o => o.Id).ToList();
        var persons = await db.Persons.AsNoTracking().Where(p => p.OperationId != null && ids.Contains(p.OperationId.Value))
            .GroupBy(p => p.OperationId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key!.Value, x => x.Count, ct);
        var reviews = await db.ReviewTasks.AsNoTracking().Where(t => ids.Contains(t.OperationId) && t.Status == ReviewTaskStatus.Open)
            .GroupBy(i => i.OperationId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return operations.Select(o => new Line(o.Code, o.Lead!.Code, agencies[o.Lead.AgencyId], agencies[o.AgencyId], o.CreatedAt,
            persons.GetValueOrDefault(o.Id), reviews.GetValueOrDefault(o.Id))).ToList();
    }

    /// <summary>The leads sent to the caller's agency, on which it may open an operation.</summary>
    public static async Task<IReadOnlyList<LeadChoice>> LeadsReceivedAsync(ConcordDbContext db, Actor actor, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.ReadOperations, "operation leads", ct);
        if (actor.AgencyId is not { } own) return [];
        var agencies = await Agencies.CodesAsync(db, ct);
        var leads = await db.Leads.AsNoTracking().Where(l => l.ToAgencyId == own).OrderByDescending(l => l.CreatedAt).ToListAsync(ct);
        var ids = leads.Select(l => l.Id).ToList();
        var used = (await db.Operations.AsNoTracking().Where(o => ids.Contains(o.LeadId)).Select(o => o.LeadId).ToListAsync(ct)).ToHashSet();
        return leads.Select(l => new LeadChoice(l.Code, agencies[l.AgencyId], l.CreatedAt, used.Contains(l.Id))).ToList();
    }

    public static async Task<Figures> FiguresAsync(ConcordDbContext db, Operation operation, CancellationToken ct)
    {
        var rows = await db.RosterRecords.AsNoTracking().CountAsync(r => r.OperationId == operation.Id, ct);
        var persons = await db.Persons.AsNoTracking().Where(p => p.OperationId == operation.Id)
            .Select(p => new { p.Nationality, p.CustodyState }).ToListAsync(ct);
        var byNationality = persons.GroupBy(p => p.Nationality ?? "UNKNOWN").OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var seizures = await db.Seizures.AsNoTracking().Where(s => s.OperationId == operation.Id).Select(s => s.Quantity).ToListAsync(ct);
        var open = await db.ReviewTasks.AsNoTracking().CountAsync(t => t.OperationId == operation.Id && t.Status == ReviewTaskStatus.Open, ct);
        return new Figures(rows, persons.Count, byNationality, seizures.Count, seizures.Sum(), open,
            persons.Count(p => p.CustodyState == CustodyState.Decided), persons.Count(p => p.CustodyState == CustodyState.AwaitingReview))
        {
            RowsSinceMatch = await RowsSinceMatchAsync(db, operation.Id, ct),
        };
    }

    /// <summary>The operation's roster rows imported after its last matching run (all of them when it never ran).</summary>
    public static async Task<int> RowsSinceMatchAsync(ConcordDbContext db, Guid operationId, CancellationToken ct)
    {
        var lastRun = await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == nameof(Operation) && e.EntityId == operationId && e.Action == "match.run")
            .OrderByDescending(e => e.Sequence).Select(e => (DateTime?)e.At).FirstOrDefaultAsync(ct);
        var rows = db.RosterRecords.AsNoTracking().Where(r => r.OperationId == operationId);
        return lastRun is { } at ? await rows.CountAsync(r => r.CreatedAt > at, ct) : await rows.CountAsync(ct);
    }

    /// <summary>Persons by the agency and port that takes them, and those a person must decide, with the agreement's choices.</summary>
    public static async Task<Custody> CustodyAsync(ConcordDbContext db, Operation operation, CancellationToken ct)
    {
        var agencies = await Agencies.CodesAsync(db, ct);
        var persons = await db.Persons.AsNoTracking().Where(p => p.OperationId == operation.Id).ToListAsync(ct);
        var decided = persons.Where(p => p.CustodyState == CustodyState.Decided && p.CustodyToAgencyId is not null)
            .GroupBy(p => (Agency: agencies[p.CustodyToAgencyId!.Value], p.CustodyPort))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Agency, StringComparer.Ordinal)
            .Select(g => new CustodyGroup(g.Key.Agency, g.Key.CustodyPort, g.Count())).ToList();

        var waiting = persons.Where(p => p.CustodyState == CustodyState.AwaitingReview).ToList();
        var waitingIds = waiting.Select(p => p.Id).ToList();
        var rows = (await db.RosterRecords.AsNoTracking().Where(r => r.OperationId == operation.Id && waitingIds.Contains(r.PersonId))
            .ToListAsync(ct)).ToLookup(r => r.PersonId);

        string? problem = null;
        var partyCodes = new List<string>();
        var ports = new List<string>();
        try
        {
            var agreement = await DecideCustody.AgreementForAsync(db, operation, ct);
            partyCodes = agreement.Parties.Select(p => agencies[p.PartyAgencyId]).Order(StringComparer.Ordinal).ToList();
            ports = agreement.CustodyRules.Select(r => r.Port).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        }
        catch (ConcordException e) when (e.Error is ConflictError)
        {
            problem = e.Message;
        }

        var exceptions = waiting.Select(p =>
            {
                var list = rows[p.Id].OrderBy(r => r.RosterNo, StringComparer.Ordinal).ToList();
                var names = list.SelectMany(r => new[] { r.Name, r.NameLatin }).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
                if (names.Count == 0 && p.DisplayName is not null) names.Add(p.DisplayName);
                return new CustodyException(p.Id, names, list.Select(r => r.RosterNo).ToList(), p.Nationality,
                    list.Select(r => r.NationalityWritten).OfType<string>().Distinct(StringComparer.Ordinal).ToList(), p.CustodyRule,
                    p.CustodyToAgencyId is { } to ? agencies[to] : null, p.CustodyPort);
            })
            .OrderBy(x => x.RosterNos.FirstOrDefault() ?? "", StringComparer.Ordinal).ToList();
        return new Custody(decided, exceptions, persons.Count(p => p.CustodyState == CustodyState.Undecided), partyCodes, ports, problem);
    }
}
