using Concord.Core.Auditing;
using Concord.Core.Features.Intake;
using Concord.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concord.Cli.Web.Api;

/// <summary>One person checked against the wanted lists the caller's agency sees.</summary>
internal static class CheckApi
{
    /// <summary>A check may answer from lists up to a second old: an update is visible to it within a second of its commit.</summary>
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/check", CheckAsync).WithTags("Wanted").WithName("CheckIdentity")
            .WithSummary("match one person (names in any script, sex, birth date, document) against the wanted lists the caller sees");

    private static async Task<Ok<IReadOnlyList<CheckIdentity.Hit>>> CheckAsync(CheckIdentity.Request request, HttpContext http, ConcordDbContext db, NodeWantedIndex wanted,
        AuditQueue audit, CancellationToken ct) =>
        TypedResults.Ok(await CheckIdentity.RunAsync(db, http.Actor(), request, await wanted.GetAsync(db, ct, freshWithin: TimeSpan.FromSeconds(1)), audit, ct));
}
