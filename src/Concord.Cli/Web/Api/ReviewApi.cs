using Concord.Core;
using Concord.Core.Domain;
using Concord.Core.Features.Review;
using Concord.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Concord.Cli.Web.Api;

internal static class ReviewApi
{
    public sealed record DecisionRequest(string Decision, string? Reason);
    public sealed record DecisionView(Guid Id, string Status, string? DecidedBy, DateTime? DecidedAt, string? Reason);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGroup("/review").WithTags("Review")
            .MapPost("/{id:guid}/decision", DecideAsync).WithName("DecideReview").WithSummary("Confirm or reject a proposed match, with a reason");
    }

    private static async Task<Ok<DecisionView>> DecideAsync(Guid id, DecisionRequest request, HttpContext http, ConcordDbContext db, CancellationToken ct)
    {
        var actor = http.Actor();
        var confirm = request.Decision?.Trim().ToLowerInvariant() switch
        {
            "confirm" => true,
            "reject" => false,
            _ => throw new ConcordException(new InvalidRequestError("decision", $"'{request.Decision}' is neither confirm nor reject")),
        };
        var owner = await db.ReviewItems.AsNoTracking().Where(i => i.Id == id).Select(i => (Guid?)i.AgencyId).FirstOrDefaultAsync(ct);
        if (owner is { } agency && !actor.Sees(agency))
            throw await ApiErrors.DeniedAsync(db, actor, nameof(ReviewItem), id, "review item", id.ToString(), ct);
        var item = await ReviewQueue.DecideAsync(db, actor, id, confirm, request.Reason, ct);
        return TypedResults.Ok(new DecisionView(item.Id, item.Status.ToString().ToLowerInvariant(), item.DecidedBy, item.DecidedAt, item.Reason));
    }
}
