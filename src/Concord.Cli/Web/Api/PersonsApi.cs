using Concord.Core.Features.Persons;
using Concord.Core.Features;
using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Custody;
using Concord.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Concord.Cli.Web.Api;

internal static class PersonsApi
{
    public sealed record CustodyRequest(string To, string? Port, string? Reason);
    public sealed record RosterRowView(string RosterNo, string? Name, string? NameLatin, string? Aliases, string? Sex, string? BirthDate, string? Nationality,
        string? NationalityWritten, string? IdType, string? IdNumber, string? Phone, string? Den, string? ArrestedAt, DateTime? ArrestedAtUtc, string? ArrestedAtLocal,
        string? Unit, string? Flags, string? Notes);
    public sealed record IdentifierView(string Type, string Number, string Trust, bool ValidCheck, string Source);
    public sealed record LinkView(string Kind, string CandidateRef, double Score, string DecidedBy);
    public sealed record PersonView(Guid Id, string? DisplayName, string? Nationality, string? Sex, string? BirthDate, string Agency, string? Operation,
        string CustodyAgency, string CustodyState, string? CustodyTo, string? CustodyPort, string? CustodyRule,
        IReadOnlyList<RosterRowView> Roster, IReadOnlyList<IdentifierView> Identifiers, IReadOnlyList<LinkView> Links, IReadOnlyList<ReviewView> Reviews,
        IReadOnlyList<HandoverStopView> Handovers, IReadOnlyList<AssignmentView> Assignments, IReadOnlyList<EventView> Timeline, string? Role, bool Fugitive);
    public sealed record CandidateView(string List, string Ref, double Score, string Evidence, string Status, string? DecidedBy, DateTime? DecidedAtUtc);
    public sealed record ReviewView(string Kind, string Status, string? Outcome, string? DecidedBy, DateTime? DecidedAtUtc, string? Reason, string? Settle, int Namesakes,
        IReadOnlyList<CandidateView> Candidates);
    public sealed record HandoverStopView(Guid Id, string From, string To, string Port, DateOnly Date, string State, string PersonStatus, string? Note,
        DateTime? DispatchedAtUtc, DateTime? ReceivedAtUtc);
    public sealed record AssignmentView(Guid Id, string? Bureau, string? Province, string Method, string Escort);
    public sealed record EventView(DateTime AtUtc, string AtLocal, string Kind, string Actor, string? Agency, string? Details, long? Sequence, string Outcome);

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/persons").WithTags("Persons");
        group.MapGet("", ListAsync).WithName("ListPersons")
            .WithSummary("The arrested persons of an operation (or of every operation the caller sees), filtered, searched across scripts, sorted, a page at a time, with counts per filter");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetPerson").WithSummary("A person with their roster rows, identifiers and confirmed links");
        group.MapPost("/{id:guid}/custody", CustodyAsync).WithName("ResolveCustody").WithSummary("Decide by hand which agency takes a person");
    }

    private static async Task<Ok<PersonList.Result>> ListAsync(HttpContext http, ConcordDbContext db, AuditQueue audit, CancellationToken ct,
        string? operation = null, string? nationality = null, string? role = null, bool? fugitive = null, string? custody = null, string? handover = null,
        string? province = null, string? flag = null, string? q = null, string? sort = null, bool? desc = null, int? page = null,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page_size")] int? pageSize = null, bool? counts = null) =>
        TypedResults.Ok(await PersonList.ListAsync(db, http.Actor(),
            new PersonList.Query(operation, nationality, role, fugitive, custody, handover, province, flag, q, sort ?? "roster", desc ?? false, page ?? 1, pageSize ?? 50,
                counts ?? true),
            audit, ct));

    private static Task<Ok<PersonView>> GetAsync(Guid id, HttpContext http, ConcordDbContext db, AuditQueue audit, CancellationToken ct) =>
        ViewAsync(id, http, db, audit, ct);

    private static async Task<Ok<PersonView>> ViewAsync(Guid id, HttpContext http, ConcordDbContext db, IReadAudit reads, CancellationToken ct)
    {
        var d = await PersonViews.GetAsync(db, http.Actor(), id, reads, ct);
        var (p, codes, zone) = (d.Person, d.AgencyCodes, d.ViewerZone);
        return TypedResults.Ok(new PersonView(p.Id, p.DisplayName, p.Nationality, p.Sex, p.BirthDate, codes[p.AgencyId], d.Operation,
            codes[p.CustodyAgencyId], Lower(p.CustodyState), p.CustodyToAgencyId is { } to ? codes[to] : null, p.CustodyPort, p.CustodyRule,
            d.Rows.OrderBy(r => r.RosterNo, StringComparer.Ordinal).Select(r => new RosterRowView(r.RosterNo, r.Name, r.NameLatin, r.Aliases, r.Sex, r.BirthDate,
                r.Nationality, r.NationalityWritten, r.IdType, r.IdNumber, r.Phone, r.DenCode, r.ArrestedAtWritten, r.ArrestedAt,
                r.ArrestedAt is { } at ? LocalTimes.Show(at, zone) : null, r.Unit, r.Flags, r.Notes)).ToList(),
            d.Identifiers.OrderByDescending(i => i.Trust).ThenBy(i => i.Source, StringComparer.Ordinal)
                .Select(i => new IdentifierView(i.Type, i.Number, Lower(i.Trust), i.ValidCheck, i.Source)).ToList(),
            d.Links.Select(l => new LinkView(Lower(l.Kind), l.CandidateRef, l.Score, l.DecidedBy)).ToList(),
            d.Reviews.Select(r => new ReviewView(Lower(r.Kind), Lower(r.Status), r.Outcome, r.DecidedBy, r.DecidedAt, r.Reason, r.Settle, r.Namesakes,
                r.Candidates.Select(c => new CandidateView(c.List, c.Ref, c.Score, c.Evidence, Lower(c.Status), c.DecidedBy, c.DecidedAt)).ToList())).ToList(),
            d.Handovers.Select(h => new HandoverStopView(h.Id, h.From, h.To, h.Port, h.Date, Lower(h.State), Lower(h.Status), h.Note, h.DispatchedAt, h.ReceivedAt)).ToList(),
            d.Assignments.Select(a => new AssignmentView(a.Id, a.Bureau, a.Province, a.Method, Lower(a.Escort))).ToList(),
            d.Timeline.Select(e => new EventView(e.At, LocalTimes.Show(e.At, zone), e.Kind, e.Actor, e.Agency, e.Details, e.Sequence, Lower(e.Outcome))).ToList(),
            d.Role, d.Fugitive));
    }

    private static string Lower<TEnum>(TEnum value) where TEnum : struct, Enum => value.ToString().ToLowerInvariant();

    private static async Task<Ok<PersonView>> CustodyAsync(Guid id, CustodyRequest request, HttpContext http, ConcordDbContext db, CancellationToken ct)
    {
        await DecideCustody.ResolveAsync(db, http.Actor(), id, request.To, request.Port, request.Reason, ct);
        return await ViewAsync(id, http, db, AnswerToChange.Instance, ct);
    }
}
