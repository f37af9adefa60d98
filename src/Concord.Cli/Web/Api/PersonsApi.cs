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
        string? NationalityWritten, string? IdType, string? IdNumber, string? Phone, string? Den, string? ArrestedAt, string? Unit, string? Flags, string? Notes);
    public sealed record IdentifierView(string Type, string Number, string Trust, bool ValidCheck, string Source);
    public sealed record LinkView(string Kind, string CandidateRef, double Score, string DecidedBy);
    public sealed record PersonView(Guid Id, string? DisplayName, string? Nationality, string? Sex, string? BirthDate, string Agency, string? Operation,
        string CustodyAgency, string CustodyState, string? CustodyTo, string? CustodyPort, string? CustodyRule,
        IReadOnlyList<RosterRowView> Roster, IReadOnlyList<IdentifierView> Identifiers, IReadOnlyList<LinkView> Links);

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/persons").WithTags("Persons");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetPerson").WithSummary("A person with their roster rows, identifiers and confirmed links");
        group.MapPost("/{id:guid}/custody", CustodyAsync).WithName("ResolveCustody").WithSummary("Decide by hand which agency takes a person");
    }

    /// <summary>
    /// Who may see a person: the arresting agency, the agency holding them, the agency due to receive them, and the bureau
    /// they were assigned to. Anyone else is answered as if the person did not exist, and the attempt is audited.
    /// </summary>
    private static async Task<Person> FindAsync(ConcordDbContext db, Actor actor, Guid id, CancellationToken ct)
    {
        var person = await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct)
            ?? throw new ConcordException(new NotFoundError("person", id.ToString()));
        if (actor.Sees(person.AgencyId, person.CustodyAgencyId, person.CustodyToAgencyId)) return person;
        var bureaus = await db.Assignments.AsNoTracking().Where(a => a.PersonId == id && a.BureauAgencyId != null).Select(a => a.BureauAgencyId).ToListAsync(ct);
        if (actor.Sees([.. bureaus])) return person;
        throw await ApiErrors.DeniedAsync(db, actor, nameof(Person), id, "person", id.ToString(), ct);
    }

    private static async Task<Ok<PersonView>> GetAsync(Guid id, HttpContext http, ConcordDbContext db, AuditQueue audit, CancellationToken ct)
    {
        var actor = http.Actor();
        var p = await FindAsync(db, actor, id, ct);
        var codes = await Agencies.CodesAsync(db, ct);
        var operation = p.OperationId is { } opId ? await db.Operations.AsNoTracking().Where(o => o.Id == opId).Select(o => o.Code).FirstOrDefaultAsync(ct) : null;
        var rows = await db.RosterRecords.AsNoTracking().Where(r => r.PersonId == id).ToListAsync(ct);
        var identifiers = await db.PersonIdentifiers.AsNoTracking().Where(i => i.PersonId == id).ToListAsync(ct);
        var links = await db.PersonLinks.AsNoTracking().Where(l => l.PersonId == id).ToListAsync(ct);
        await audit.RecordAsync(actor, "person.read", nameof(Person), id, ct: ct);
        return TypedResults.Ok(new PersonView(p.Id, p.DisplayName, p.Nationality, p.Sex, p.BirthDate, codes[p.AgencyId], operation,
            codes[p.CustodyAgencyId], p.CustodyState.ToString().ToLowerInvariant(), p.CustodyToAgencyId is { } to ? codes[to] : null, p.CustodyPort, p.CustodyRule,
            rows.OrderBy(r => r.RosterNo, StringComparer.Ordinal).Select(r => new RosterRowView(r.RosterNo, r.Name, r.NameLatin, r.Aliases, r.Sex, r.BirthDate,
                r.Nationality, r.NationalityWritten, r.IdType, r.IdNumber, r.Phone, r.DenCode, r.ArrestedAtWritten, r.Unit, r.Flags, r.Notes)).ToList(),
            identifiers.OrderByDescending(i => i.Trust).ThenBy(i => i.Source, StringComparer.Ordinal)
                .Select(i => new IdentifierView(i.Type, i.Number, i.Trust.ToString().ToLowerInvariant(), i.ValidCheck, i.Source)).ToList(),
            links.Select(l => new LinkView(l.Kind.ToString().ToLowerInvariant(), l.CandidateRef, l.Score, l.DecidedBy)).ToList()));
    }

    private static async Task<Ok<PersonView>> CustodyAsync(Guid id, CustodyRequest request, HttpContext http, ConcordDbContext db, AuditQueue audit, CancellationToken ct)
    {
        var actor = http.Actor();
        await FindAsync(db, actor, id, ct);
        await DecideCustody.ResolveAsync(db, actor, id, request.To, request.Port, request.Reason, ct);
        return await GetAsync(id, http, db, audit, ct);
    }
}
