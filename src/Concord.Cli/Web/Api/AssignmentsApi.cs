using Concord.Core.Features;
using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Assignment;
using Concord.Core.Features.Handover;
using Concord.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Concord.Cli.Web.Api;

using AssignmentRecord = Concord.Core.Domain.Assignment;

internal static class AssignmentsApi
{
    public sealed record BureauRequest(string Bureau);
    public sealed record EscortRequest(string Status);
    public sealed record AssignmentView(Guid Id, Guid PersonId, Guid HandoverId, string? Bureau, string? ProvinceCode, string Method, string Escort);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/handovers/{id:guid}/assignments", AssignAsync).WithTags("Assignments").WithName("AssignReceived")
            .WithSummary("Give each received suspect to the provincial bureau of their household registration");
        api.MapGet("/handovers/{id:guid}/assignments", ListAsync).WithTags("Assignments").WithName("ListAssignments")
            .WithSummary("The assignments of a handover's received suspects");
        var group = api.MapGroup("/assignments").WithTags("Assignments");
        group.MapPost("/{id:guid}/bureau", BureauAsync).WithName("AssignBureau").WithSummary("Assign a suspect to a bureau by hand");
        group.MapPost("/{id:guid}/escort", EscortAsync).WithName("SetEscort").WithSummary("Escort status: awaiting, escorting or arrived");
    }

    private static async Task<Ok<Assignments.Summary>> AssignAsync(Guid id, HttpContext http, ConcordDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await Assignments.RunAsync(db, http.Actor(), id, ct));

    private static async Task<Ok<List<AssignmentView>>> ListAsync(Guid id, HttpContext http, ConcordDbContext db, CancellationToken ct)
    {
        var assignments = await Assignments.OfHandoverAsync(db, http.Actor(), id, ct);
        var codes = await Agencies.CodesAsync(db, ct);
        return TypedResults.Ok(assignments.Select(a => View(a, codes)).ToList());
    }

    private static async Task<Ok<AssignmentView>> BureauAsync(Guid id, BureauRequest request, HttpContext http, ConcordDbContext db, CancellationToken ct)
    {
        var actor = http.Actor();
        await Access.EnsureAssignmentVisibleAsync(db, actor, id, ct);
        var a = await Assignments.AssignManuallyAsync(db, actor, id, request.Bureau, ct);
        return TypedResults.Ok(View(a, await Agencies.CodesAsync(db, ct)));
    }

    private static async Task<Ok<AssignmentView>> EscortAsync(Guid id, EscortRequest request, HttpContext http, ConcordDbContext db, CancellationToken ct)
    {
        var actor = http.Actor();
        if (!Enum.TryParse<EscortStatus>(request.Status, ignoreCase: true, out var status) || !Enum.IsDefined(status))
            throw new ConcordException(new InvalidRequestError("status", $"'{request.Status}' is not awaiting, escorting or arrived"));
        await Access.EnsureAssignmentVisibleAsync(db, actor, id, ct);
        var a = await Assignments.SetEscortAsync(db, actor, id, status, ct);
        return TypedResults.Ok(View(a, await Agencies.CodesAsync(db, ct)));
    }

    private static AssignmentView View(AssignmentRecord a, Dictionary<Guid, string> codes) => new(
        a.Id, a.PersonId, a.HandoverId, a.BureauAgencyId is { } b ? codes[b] : null, a.ProvinceCode, a.Method, a.Escort.ToString().ToLowerInvariant());
}
