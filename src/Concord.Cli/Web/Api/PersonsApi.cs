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
        IReadOnlyList<RosterRowView> Roster, IReadOnlyList<IdentifierView> Identifiers, IReadOnlyList<LinkView> Links);

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
        var (p, operation, rows, identifiers, links, codes, zone) = await PersonViews.GetAsync(db, http.Actor(), id, reads, ct);
        return TypedResults.Ok(new PersonView(p.Id, p.DisplayName, p.Nationality, p.Sex, p.BirthDate, codes[p.AgencyId], operation,
            codes[p.CustodyAgencyId], p.CustodyState.ToString().ToLowerInvariant(), p.CustodyToAgencyId is { } to ? codes[to] : null, p.CustodyPort, p.CustodyRule,
            rows.OrderBy(r => r.RosterNo, StringComparer.Ordinal).Select(r => new RosterRowView(r.RosterNo, r.Name, r.NameLatin, r.Aliases, r.Sex, r.BirthDate,
                r.Nationality, r.NationalityWritten, r.IdType, r.IdNumber, r.Phone, r.DenCode, r.ArrestedAtWritten, r.ArrestedAt,
                r.ArrestedAt is { } at ? LocalTimes.Show(at, zone) : null, r.Unit, r.Flags, r.Notes)).ToList(),
            identifiers.OrderByDescending(i => i.Trust).ThenBy(i => i.Source, StringComparer.Ordinal)
                .Select(i => new IdentifierView(i.Type, i.Number, i.Trust.ToString().ToLowerInvariant(), i.ValidCheck, i.Source)).ToList(),
            links.Select(l => new LinkView(l.Kind.ToString().ToLowerInvariant(), l.CandidateRef, l.Score, l.DecidedBy)).ToList()));
    }

    private static async Task<Ok<PersonView>> CustodyAsync(Guid id, CustodyRequest request, HttpContext http, ConcordDbContext db, CancellationToken ct)
    {
        await DecideCustody.ResolveAsync(db, http.Actor(), id, request.To, request.Port, request.Reason, ct);
        return await ViewAsync(id, http, db, AnswerToChange.Instance, ct);
    }
}
