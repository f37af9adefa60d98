using Concord.Core.Features;
using Concord.Core;
using Concord.Core.Domain;
using Concord.Core.Features.Review;
using Concord.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concord.Cli.Web.Api;

internal static class ReviewApi
{
    /// <summary>confirm | reject | needs-identification; to confirm in a task of several candidates, the candidate's list reference.</summary>
    public sealed record DecisionRequest(string Decision, string? Reason, string? Candidate = null);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGroup("/review").WithTags("Review")
            .MapPost("/{id:guid}/decision", DecideAsync).WithName("DecideReviewTask")
            .WithSummary("Decide one review task (confirm a candidate, reject all, send back to identify), or one candidate of it, with a reason");
    }

    private static async Task<Ok<ReviewDecisions.Outcome>> DecideAsync(Guid id, DecisionRequest request, HttpContext http, ConcordDbContext db, CancellationToken ct)
    {
        var actor = http.Actor();
        if (await ReviewDecisions.OwnerAsync(db, id, ct) is { } agency && !actor.Sees(agency))
            throw await Access.DeniedAsync(db, actor, nameof(ReviewTask), id, "review task or item", id.ToString(), ct);
        return TypedResults.Ok(await ReviewDecisions.DecideOneAsync(db, actor, id, request.Decision, request.Candidate, request.Reason, ct));
    }
}
