using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Imports;
using Concord.Core.Storage;
using Concord.Matching;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Cases;

/// <summary>A freeze request as officers read it, with whether it is overdue now.</summary>
public sealed record FreezeView(Guid Id, string RequestNo, string AccountKind, string Account, string Institution, decimal Amount, string Currency,
    string LegalBasis, DateTime Deadline, string RequestedBy, DateTime RequestedAt, [property: JsonConverter(typeof(SnakeCaseEnum<FreezeStatus>))] FreezeStatus Status,
    [property: JsonConverter(typeof(SnakeCaseEnum<FreezeOutcome>))] FreezeOutcome? Outcome, decimal? FrozenAmount,
    string? Answer, DateTime? AnsweredAt, string? AnsweredBy, bool Overdue, string? Operation, IReadOnlyList<string> Reports);

/// <summary>What was asked to be frozen and what was frozen, for one operation, by currency.</summary>
public sealed record FreezeTotals(string Operation, int Requests, int Answered, int Overdue, IReadOnlyList<Money> Requested, IReadOnlyList<Money> Frozen);

/// <summary>The freeze requests an agency sees, their totals, and the zone its officers read times in.</summary>
public sealed record FreezeList(IReadOnlyList<FreezeView> Requests, IReadOnlyList<FreezeTotals> Totals, string ViewerZone);

/// <summary>
/// Stopping the money (I-GRIP style): a request to a bank or payment platform to freeze an account that victims paid
/// into, with the requesting agency, the amount, the legal basis and a deadline; the institution's answer and outcome
/// recorded when it comes; a request still unanswered past its deadline is overdue. A request is made only for an
/// account named by a report or an extraction the agency sees, and carries the reports behind it.
/// </summary>
public static class FreezeRequests
{
    /// <summary>The kinds of account a bank or platform can freeze.</summary>
    public static readonly IReadOnlySet<IdentifierKind> Freezable = new HashSet<IdentifierKind>
    {
        IdentifierKind.BankCard, IdentifierKind.BankAccount, IdentifierKind.Tron, IdentifierKind.Ethereum, IdentifierKind.WeChat, IdentifierKind.QQ,
    };

    public sealed record Request(string AccountKind, string Account, string Institution, string Amount, string Currency, string LegalBasis, string Deadline);

    public static async Task<FreezeView> CreateAsync(ConcordDbContext db, Actor actor, Request input, TimeProvider clock, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.RequestFreezes, "freeze request", ct);
        if (actor.AgencyId is null) throw new ConcordException(new InvalidRequestError("agency", "a freeze request is made by an agency: sign in as one of its officers"));
        var problems = new List<InputProblem>();
        const string form = "freeze request";
        IdentifierReading? account = null;
        if (!CaseIdentifiers.TryParseKind(input.AccountKind, out var kind) || !Freezable.Contains(kind))
            problems.Add(new(form, null, "account_kind", new Phrase(ProblemTexts.NotAFreezableKind, input.AccountKind)));
        else account = CaseFields.Identifier(kind, input.Account, "CN", form, 1, "account", problems);
        if (string.IsNullOrWhiteSpace(input.Institution)) problems.Add(new(form, null, "institution", new Phrase(ProblemTexts.ValueRequired)));
        if (string.IsNullOrWhiteSpace(input.LegalBasis)) problems.Add(new(form, null, "legal_basis", new Phrase(ProblemTexts.ValueRequired)));
        var amounts = CaseFields.Amounts(input.Amount, string.IsNullOrWhiteSpace(input.Currency) ? null : input.Currency, null, form, 1, "amount", problems);
        if (amounts.Count > 1 || (amounts.Count == 1 && amounts[0].Amount <= 0)) problems.Add(new(form, null, "amount", new Phrase(ProblemTexts.NotAnAmount, input.Amount)));
        var now = clock.GetUtcNow().UtcDateTime;
        // A deadline written without its offset is the requesting agency's local time.
        var country = await db.Agencies.Where(a => a.Id == actor.AgencyId).Select(a => a.Country).FirstAsync(ct);
        if (!LocalTimes.TryRead(input.Deadline ?? "", LocalTimes.ZoneOf(country), out var deadline, out _))
            problems.Add(new(form, null, "deadline", new Phrase(ProblemTexts.NotATimestamp, input.Deadline ?? "")));
        else if (deadline <= now) problems.Add(new(form, null, "deadline", new Phrase(ProblemTexts.DeadlinePassed, input.Deadline!)));
        Importer.ThrowIfAny(problems);
        if (amounts.Count == 0) throw new ConcordException(new InvalidInputError([new(form, null, "amount", new Phrase(ProblemTexts.ValueRequired))]));

        var kindName = CaseIdentifiers.KindName(kind);
        var value = account!.Value.Value!;
        var reports = await CaseAccess.Reports(db, actor).Where(r => r.Identifiers.Any(i => i.Kind == kindName && i.Value == value))
            .OrderBy(r => r.CaseNo).Select(r => r.CaseNo).ToListAsync(ct);
        var owning = await (from r in db.ExtractionRecords
                            join e in CaseAccess.Extractions(db, actor) on r.ExtractionId equals e.Id
                            join s in db.Seizures on e.SeizureId equals s.Id
                            where r.Own && r.Kind == kindName && r.Value == value
                            select s.OperationId).Distinct().ToListAsync(ct);
        if (reports.Count == 0 && owning.Count == 0)
            throw new ConcordException(new InvalidInputError([new(form, null, "account", new Phrase(ProblemTexts.AccountNotInCases, value))]));

        var request = new FreezeRequest
        {
            AgencyId = actor.AgencyId.Value,
            RequestNo = "",
            OperationId = owning.Count == 1 ? owning[0] : null,
            AccountKind = kindName,
            Account = value,
            Institution = input.Institution.Trim(),
            Amount = amounts[0].Amount,
            Currency = amounts[0].Currency,
            LegalBasis = input.LegalBasis.Trim(),
            Deadline = deadline,
            RequestedBy = actor.Name,
            RequestedAt = now,
            Reports = JsonSerializer.Serialize(reports),
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var n = await Counters.NextAsync(db, "freeze-request", ct);
        request.RequestNo = $"FR-{now.Year.ToString(CultureInfo.InvariantCulture)}-{n.ToString("D5", CultureInfo.InvariantCulture)}";
        db.FreezeRequests.Add(request);
        db.Record(actor, "freeze.request", nameof(FreezeRequest), request.Id,
            $"request={request.RequestNo} account={kindName}:{value} institution={request.Institution} amount={request.Amount.ToString(CultureInfo.InvariantCulture)} currency={request.Currency} deadline={deadline:yyyy-MM-ddTHH:mm}Z reports={reports.Count}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await ViewAsync(db, request, now, ct);
    }

    /// <summary>The institution's answer, entered by the requesting agency: frozen (wholly or in part), no funds, or refused.</summary>
    public static async Task<FreezeView> AnswerAsync(ConcordDbContext db, Actor actor, string requestNo, string outcome, string? frozen, string? answer, TimeProvider clock, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.RequestFreezes, "freeze answer", ct);
        var request = await FindAsync(db, actor, requestNo, ct);
        const string form = "freeze answer";
        var problems = new List<InputProblem>();
        if (!Enum.TryParse<FreezeOutcome>(outcome?.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var result) || !Enum.IsDefined(result))
            problems.Add(new(form, null, "outcome", new Phrase(ProblemTexts.NotAFreezeOutcome, outcome ?? "")));
        decimal? amount = null;
        if (result is FreezeOutcome.Frozen or FreezeOutcome.PartlyFrozen)
        {
            var amounts = CaseFields.Amounts(frozen ?? "", request.Currency, null, form, 1, "frozen", problems);
            if (amounts.Count != 1 || amounts[0].Amount <= 0 || amounts[0].Currency != request.Currency) problems.Add(new(form, null, "frozen", new Phrase(ProblemTexts.NotAnAmount, frozen ?? "")));
            else amount = amounts[0].Amount;
        }
        if (request.Status == FreezeStatus.Answered) problems.Add(new(form, null, "request", new Phrase(ProblemTexts.FreezeAnswered, request.RequestNo)));
        Importer.ThrowIfAny(problems);
        var now = clock.GetUtcNow().UtcDateTime;
        request.Status = FreezeStatus.Answered;
        request.Outcome = result;
        request.FrozenAmount = amount;
        request.Answer = string.IsNullOrWhiteSpace(answer) ? null : answer.Trim();
        request.AnsweredAt = now;
        request.AnsweredBy = actor.Name;
        db.Record(actor, "freeze.answer", nameof(FreezeRequest), request.Id,
            $"request={request.RequestNo} outcome={result.ToString().ToLowerInvariant()}{(amount is { } a ? " frozen=" + a.ToString(CultureInfo.InvariantCulture) + " currency=" + request.Currency : "")} late={(now > request.Deadline ? "yes" : "no")}");
        await db.SaveChangesAsync(ct);
        return await ViewAsync(db, request, now, ct);
    }

    /// <summary>The agency's freeze requests, the overdue first, then the newest.</summary>
    public static async Task<IReadOnlyList<FreezeView>> ListAsync(ConcordDbContext db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db.ReadsIn(), actor, RoleTable.ReadFreezes, "freeze requests", ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var requests = await Visible(db, actor).AsNoTracking().ToListAsync(ct);
        var operations = await OperationCodesAsync(db, requests, ct);
        return [.. requests.Select(r => View(r, now, operations)).OrderByDescending(v => v.Overdue).ThenByDescending(v => v.RequestedAt)];
    }

    /// <summary>Per operation: requests, answers, the overdue, and the amounts asked and frozen.</summary>
    public static async Task<IReadOnlyList<FreezeTotals>> TotalsAsync(ConcordDbContext db, Actor actor, TimeProvider clock, CancellationToken ct) =>
        Totals(await ListAsync(db, actor, clock, ct));

    /// <summary>What the freeze requests page shows: the requests, their totals per operation, and the reader's time zone.</summary>
    public static async Task<FreezeList> PageAsync(ConcordDbContext db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        var all = await ListAsync(db, actor, clock, ct);
        return new FreezeList(all, Totals(all), await Agencies.ZoneOfAsync(db, actor, ct));
    }

    private static IReadOnlyList<FreezeTotals> Totals(IReadOnlyList<FreezeView> all)
    {
        return [.. all.GroupBy(v => v.Operation ?? "").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new FreezeTotals(g.Key, g.Count(),
            g.Count(v => v.Status == FreezeStatus.Answered), g.Count(v => v.Overdue),
            Money.Total(g.Select(v => (v.Currency, v.Amount))), Money.Total(g.Where(v => v.FrozenAmount is not null).Select(v => (v.Currency, v.FrozenAmount!.Value)))))];
    }

    private static IQueryable<FreezeRequest> Visible(ConcordDbContext db, Actor actor)
    {
        if (actor.IsNodeOperator) return db.FreezeRequests;
        var seen = actor.SeenAgencies.ToList();
        return db.FreezeRequests.Where(r => seen.Contains(r.AgencyId));
    }

    private static async Task<FreezeRequest> FindAsync(ConcordDbContext db, Actor actor, string requestNo, CancellationToken ct)
    {
        var request = await db.FreezeRequests.FirstOrDefaultAsync(r => r.RequestNo == requestNo, ct) ?? throw new ConcordException(new NotFoundError("freeze request", requestNo));
        if (!actor.Sees(request.AgencyId)) throw await Access.DeniedAsync(db, actor, nameof(FreezeRequest), request.Id, "freeze request", requestNo, ct);
        return request;
    }

    private static async Task<Dictionary<Guid, string>> OperationCodesAsync(ConcordDbContext db, IEnumerable<FreezeRequest> requests, CancellationToken ct)
    {
        var ids = requests.Select(r => r.OperationId).OfType<Guid>().Distinct().ToList();
        return await db.Operations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Code, ct);
    }

    private static async Task<FreezeView> ViewAsync(ConcordDbContext db, FreezeRequest r, DateTime now, CancellationToken ct) =>
        View(r, now, await OperationCodesAsync(db, [r], ct));

    private static FreezeView View(FreezeRequest r, DateTime now, IReadOnlyDictionary<Guid, string> operations) => new(r.Id, r.RequestNo, r.AccountKind, r.Account,
        r.Institution, r.Amount, r.Currency, r.LegalBasis, r.Deadline, r.RequestedBy, r.RequestedAt, r.Status, r.Outcome, r.FrozenAmount, r.Answer, r.AnsweredAt, r.AnsweredBy,
        IsOverdue(r, now), r.OperationId is { } o ? operations.GetValueOrDefault(o) : null, JsonSerializer.Deserialize<List<string>>(r.Reports) ?? []);

    /// <summary>Overdue: still unanswered after its deadline.</summary>
    public static bool IsOverdue(FreezeRequest r, DateTime now) => r.Status == FreezeStatus.Sent && now > r.Deadline;
}
