using System.Linq.Expressions;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Storage;
using Concord.Matching;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Persons;

/// <summary>
/// The arrested persons of an operation (or, without one, of every operation the caller sees) a page at a time:
/// filtered, searched across scripts (<see cref="PersonSearch"/>), sorted and counted in the database, so that an
/// operation of tens of thousands answers as fast as one of hundreds. Each facet's counts are those of the other
/// filters, as a clerk narrowing the list expects. The read is audited with what was asked.
/// </summary>
public static class PersonList
{
    public const int MaxPageSize = 500;

    /// <param name="Role">A key figure's role (<c>financier</c>, <c>leader</c>, <c>backbone</c>), or <c>key</c> for any of them.</param>
    /// <param name="Custody">The code of the agency holding the person, or due to receive them.</param>
    /// <param name="Handover">A manifest line's state (<c>pending</c>, <c>received</c>, <c>missing</c>, …), or <c>none</c>.</param>
    /// <param name="Province">A GB/T 2260 province code the person was assigned to.</param>
    /// <param name="Flag">A data-quality flag on one of the person's roster rows (<c>id-malformed</c>, <c>phone-unrecognised</c>, …).</param>
    /// <param name="Sort">roster (first roster number), name, nationality or birth.</param>
    /// <param name="Counts">Whether to count each filter's values too: a page turned or sorted again needs them no more than the page before.</param>
    /// <param name="Rows">Whether to read the page's persons: a screen shows its rows first and asks for the counts (alone) after.</param>
    public sealed record Query(string? Operation = null, string? Nationality = null, string? Role = null, bool? Fugitive = null, string? Custody = null,
        string? Handover = null, string? Province = null, string? Flag = null, string? Search = null, string Sort = "roster", bool Descending = false,
        int Page = 1, int PageSize = 50, bool Counts = true, bool Rows = true);

    public sealed record Row(Guid Id, string RosterNo, string? Name, string? NameLatin, string? Nationality, string? Sex, string? BirthDate, string? Role,
        bool Fugitive, string CustodyAgency, string? CustodyTo, string? Handover, string? Province, IReadOnlyList<string> Flags, int RosterRows);

    /// <param name="Counts">Per facet (nationality, role, fugitive, handover, flag), each value's count under the other filters.</param>
    public sealed record Result(int Total, int Page, int PageSize, IReadOnlyList<Row> Rows, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Counts);

    private static readonly string[] Sorts = ["roster", "name", "nationality", "birth"];

    public static async Task<Result> ListAsync(ConcordDbContext db, Actor actor, Query q, IReadAudit reads, CancellationToken ct)
    {
        await Access.RequireRoleAsync(reads, actor, RoleTable.ReadPersons, "person list", ct);
        if (!Sorts.Contains(q.Sort, StringComparer.Ordinal))
            throw new ConcordException(new InvalidRequestError("sort", $"'{q.Sort}' is not one of {string.Join(", ", Sorts)}"));
        if (q.Page < 1 || q.PageSize < 1 || q.PageSize > MaxPageSize)
            throw new ConcordException(new InvalidRequestError("page_size", $"pages are 1 or more, of 1 to {MaxPageSize} persons"));
        TargetRole[] roles = q.Role switch
        {
            null or "" => [],
            "key" => [TargetRole.Financier, TargetRole.Leader, TargetRole.Backbone],
            _ when Enum.TryParse<TargetRole>(q.Role, ignoreCase: true, out var r) && r != TargetRole.Member => [r],
            _ => throw new ConcordException(new InvalidRequestError("role", $"'{q.Role}' is not key, financier, leader or backbone")),
        };
        HandoverPersonStatus? handover = null;
        if (q.Handover is { Length: > 0 } h && h != "none")
            handover = Enum.TryParse<HandoverPersonStatus>(h.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var hs) ? hs
                : throw new ConcordException(new InvalidRequestError("handover", $"'{h}' is not a manifest state"));

        var scope = db.Persons.AsNoTracking().Where(p => p.OperationId != null);
        Operation? operation = null;
        if (q.Operation is { Length: > 0 } code)
        {
            operation = await Access.OperationAsync(db, actor, code, own: false, ct);
            scope = scope.Where(p => p.OperationId == operation.Id);
        }
        // The persons the caller may read (Access.PersonAsync): arrested by, held by or due to the caller's agencies.
        if (!actor.IsNodeOperator)
        {
            var ids = actor.SeenAgencies.ToList();
            scope = scope.Where(p => ids.Contains(p.AgencyId) || ids.Contains(p.CustodyAgencyId) || (p.CustodyToAgencyId != null && ids.Contains(p.CustodyToAgencyId.Value)));
        }

        Guid? custody = q.Custody is { Length: > 0 } c ? (await Agencies.GetAsync(db, c, "custody", ct)).Id : null;
        var keys = q.Search is { Length: > 0 } s ? PersonSearch.QueryKeys(s) : [];

        IQueryable<Person> Filtered(string? except)
        {
            var x = scope;
            if (except != "nationality" && q.Nationality is { Length: > 0 } n)
                x = n == "UNKNOWN" ? x.Where(p => p.Nationality == null) : x.Where(p => p.Nationality == n);
            if (except != "role" && roles.Length > 0)
                x = x.Where(p => db.PersonLinks.Any(l => l.PersonId == p.Id && l.Kind == LinkKind.Target
                                                         && db.Targets.Any(t => t.Id == l.CandidateId && roles.Contains(t.Role))));
            if (except != "fugitive" && q.Fugitive is { } f)
                x = x.Where(p => db.PersonLinks.Any(l => l.PersonId == p.Id && l.Kind == LinkKind.Wanted) == f);
            if (custody is { } holder) x = x.Where(p => p.CustodyAgencyId == holder || p.CustodyToAgencyId == holder);
            if (except != "handover")
            {
                if (handover is { } state) x = x.Where(p => db.HandoverPersons.Any(hp => hp.PersonId == p.Id && hp.Status == state));
                else if (q.Handover == "none") x = x.Where(p => !db.HandoverPersons.Any(hp => hp.PersonId == p.Id));
            }
            if (q.Province is { Length: > 0 } province) x = x.Where(p => db.Assignments.Any(a => a.PersonId == p.Id && a.ProvinceCode == province));
            if (except != "flag" && q.Flag is { Length: > 0 } flag)
                x = x.Where(p => db.RosterRecords.Any(r => r.PersonId == p.Id && r.Flags != null && r.Flags.Contains(flag)));
            return keys.Count == 0 ? x : x.Where(AnyKey(keys));
        }

        var all = Filtered(null);
        var total = await all.CountAsync(ct);
        var sorted = (q.Sort, q.Descending) switch
        {
            ("name", false) => all.OrderBy(p => p.DisplayName).ThenBy(p => p.RosterNo),
            ("name", true) => all.OrderByDescending(p => p.DisplayName).ThenBy(p => p.RosterNo),
            ("nationality", false) => all.OrderBy(p => p.Nationality).ThenBy(p => p.RosterNo),
            ("nationality", true) => all.OrderByDescending(p => p.Nationality).ThenBy(p => p.RosterNo),
            ("birth", false) => all.OrderBy(p => p.BirthDate).ThenBy(p => p.RosterNo),
            ("birth", true) => all.OrderByDescending(p => p.BirthDate).ThenBy(p => p.RosterNo),
            (_, true) => all.OrderByDescending(p => p.RosterNo).ThenBy(p => p.Id),
            _ => all.OrderBy(p => p.RosterNo).ThenBy(p => p.Id),
        };
        var rows = q.Rows ? await RowsAsync(db, await sorted.Skip((q.Page - 1) * q.PageSize).Take(q.PageSize).ToListAsync(ct), ct) : [];

        var counts = !q.Counts ? new Dictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal) : new Dictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal)
        {
            ["nationality"] = await Filtered("nationality").GroupBy(p => p.Nationality ?? "UNKNOWN").Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(x => x.Key, x => x.Count, StringComparer.Ordinal, ct),
            ["role"] = await RoleCountsAsync(db, Filtered("role"), ct),
            ["fugitive"] = new Dictionary<string, int>(StringComparer.Ordinal)
            {
                ["yes"] = await Filtered("fugitive").CountAsync(p => db.PersonLinks.Any(l => l.PersonId == p.Id && l.Kind == LinkKind.Wanted), ct),
            },
            ["handover"] = await HandoverCountsAsync(db, Filtered("handover"), ct),
            ["flag"] = await FlagCountsAsync(db, Filtered("flag"), ct),
        };
        await reads.RecordAsync(actor, q.Rows ? "person.list" : "person.count", operation is null ? null : nameof(Operation), operation?.Id,
            $"{total} persons; page {q.Page} of {q.PageSize}" + (q.Search is { Length: > 0 } ? $"; search \"{q.Search}\"" : ""), ct);
        return new Result(total, q.Page, q.PageSize, rows, counts);
    }

    /// <summary>The most persons one export holds: a national operation's, with room to spare.</summary>
    public const int MaxExport = 200_000;

    /// <summary>
    /// Every person the query finds (its filters, search and order; not its page), for a spreadsheet. One read is
    /// audited, naming how many persons left the node and with which filters.
    /// </summary>
    public static async Task<IReadOnlyList<Row>> ExportAsync(ConcordDbContext db, Actor actor, Query q, IReadAudit reads, CancellationToken ct)
    {
        // Checked here, where a refusal is recorded; the pages below are read without an entry each.
        await Access.RequireRoleAsync(reads, actor, RoleTable.ReadPersons, "person export", ct);
        var all = new List<Row>();
        for (var page = 1; all.Count < MaxExport; page++)
        {
            var read = await ListAsync(db, actor, q with { Page = page, PageSize = MaxPageSize, Counts = false, Rows = true }, Unrecorded.Instance, ct);
            all.AddRange(read.Rows);
            if (read.Rows.Count < MaxPageSize) break;
        }
        var operation = q.Operation is { Length: > 0 } code ? await Access.OperationAsync(db, actor, code, own: false, ct) : null;
        await reads.RecordAsync(actor, "person.export", operation is null ? null : nameof(Operation), operation?.Id,
            $"{all.Count} persons exported; filters nationality={q.Nationality} role={q.Role} fugitive={q.Fugitive} handover={q.Handover} flag={q.Flag}"
            + (q.Search is { Length: > 0 } ? $"; search \"{q.Search}\"" : ""), ct);
        return all;
    }

    /// <summary>The pages of an export, read under the export's one audit entry.</summary>
    private sealed class Unrecorded : IReadAudit
    {
        public static readonly Unrecorded Instance = new();

        public Task RecordAsync(Actor actor, string action, string? entityType = null, Guid? entityId = null, string? details = null, CancellationToken ct = default) =>
            Task.CompletedTask;
    }

    /// <summary>A manifest line's state as the API and the pages name it: <c>identity_disputed</c>.</summary>
    public static string StateName(HandoverPersonStatus status) => status switch
    {
        HandoverPersonStatus.IdentityDisputed => "identity_disputed",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>A person whose search text holds any of <paramref name="keys"/>: one <c>LIKE</c> (or <c>instr</c>) per key, joined by OR.</summary>
    private static Expression<Func<Person, bool>> AnyKey(IReadOnlyList<string> keys)
    {
        var p = Expression.Parameter(typeof(Person), "p");
        var text = Expression.Property(p, nameof(Person.SearchText));
        var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
        var body = keys.Select(k => (Expression)Expression.Call(text, contains, Expression.Constant(k))).Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<Person, bool>>(body, p);
    }

    private static async Task<IReadOnlyDictionary<string, int>> RoleCountsAsync(ConcordDbContext db, IQueryable<Person> persons, CancellationToken ct)
    {
        // A person linked to several targets counts once, under the highest role (as the report counts key figures).
        var links = await (from p in persons
                           join l in db.PersonLinks on p.Id equals l.PersonId
                           where l.Kind == LinkKind.Target
                           join t in db.Targets on l.CandidateId equals t.Id
                           where t.Role != TargetRole.Member
                           select new { p.Id, t.Role }).ToListAsync(ct);
        var byRole = links.GroupBy(x => x.Id).Select(g => g.Max(x => x.Role)).GroupBy(r => r.ToString().ToLowerInvariant())
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        byRole["key"] = byRole.Values.Sum();
        return byRole;
    }

    private static async Task<IReadOnlyDictionary<string, int>> HandoverCountsAsync(ConcordDbContext db, IQueryable<Person> persons, CancellationToken ct)
    {
        var states = await (from p in persons join hp in db.HandoverPersons on p.Id equals hp.PersonId select new { p.Id, hp.Status }).ToListAsync(ct);
        var counts = states.DistinctBy(x => (x.Id, x.Status)).GroupBy(x => StateName(x.Status))
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        counts["none"] = await persons.CountAsync(p => !db.HandoverPersons.Any(hp => hp.PersonId == p.Id), ct);
        return counts;
    }

    private static async Task<IReadOnlyDictionary<string, int>> FlagCountsAsync(ConcordDbContext db, IQueryable<Person> persons, CancellationToken ct)
    {
        // Grouped in the database by the rows' flag lists, then split: a person whose rows carry a flag in two different lists counts twice.
        var combinations = await (from p in persons join r in db.RosterRecords on p.Id equals r.PersonId where r.Flags != null select new { p.Id, r.Flags })
            .GroupBy(x => x.Flags!).Select(g => new { g.Key, Count = g.Select(x => x.Id).Distinct().Count() }).ToListAsync(ct);
        return combinations.SelectMany(c => c.Key.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(f => (Flag: f, c.Count)))
            .GroupBy(x => x.Flag).ToDictionary(g => g.Key, g => g.Sum(x => x.Count), StringComparer.Ordinal);
    }

    /// <summary>One page's persons with what the list shows of each, read for those persons only.</summary>
    private static async Task<IReadOnlyList<Row>> RowsAsync(ConcordDbContext db, List<Person> persons, CancellationToken ct)
    {
        var codes = await Agencies.CodesAsync(db, ct);
        var ids = persons.Select(p => p.Id).ToList();
        var rosters = (await db.RosterRecords.AsNoTracking().Where(r => ids.Contains(r.PersonId)).OrderBy(r => r.RosterNo).ToListAsync(ct)).ToLookup(r => r.PersonId);
        var links = await db.PersonLinks.AsNoTracking().Where(l => ids.Contains(l.PersonId)).Select(l => new { l.PersonId, l.Kind, l.CandidateId }).ToListAsync(ct);
        var targetIds = links.Where(l => l.Kind == LinkKind.Target).Select(l => l.CandidateId).ToList();
        var roles = await db.Targets.AsNoTracking().Where(t => targetIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Role, ct);
        var handovers = (await db.HandoverPersons.AsNoTracking().Where(hp => ids.Contains(hp.PersonId)).Select(hp => new { hp.PersonId, hp.Status }).ToListAsync(ct))
            .ToLookup(x => x.PersonId);
        var provinces = (await db.Assignments.AsNoTracking().Where(a => ids.Contains(a.PersonId)).Select(a => new { a.PersonId, a.ProvinceCode }).ToListAsync(ct))
            .ToLookup(x => x.PersonId);
        return persons.Select(p =>
        {
            var rows = rosters[p.Id].ToList();
            var first = rows.FirstOrDefault();
            var role = links.Where(l => l.PersonId == p.Id && l.Kind == LinkKind.Target && roles.TryGetValue(l.CandidateId, out var r) && r != TargetRole.Member)
                .Select(l => (TargetRole?)roles[l.CandidateId]).Max();
            var province = provinces[p.Id].Select(a => a.ProvinceCode).FirstOrDefault(c => c is not null);
            return new Row(p.Id, first?.RosterNo ?? "", first?.Name ?? p.DisplayName, rows.Select(r => r.NameLatin).FirstOrDefault(n => n is not null), p.Nationality,
                p.Sex, p.BirthDate, role?.ToString().ToLowerInvariant(), links.Any(l => l.PersonId == p.Id && l.Kind == LinkKind.Wanted),
                codes[p.CustodyAgencyId], p.CustodyToAgencyId is { } to ? codes[to] : null,
                handovers[p.Id].Select(h => StateName(h.Status)).LastOrDefault(),
                province is null ? null : ChineseResidentId.ProvinceName(province) ?? province,
                rows.SelectMany(r => (r.Flags ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal).ToList(), rows.Count);
        }).ToList();
    }
}
