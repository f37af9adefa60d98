using Concord.Core.Features.Sharing;
using Concord.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concord.Cli.Web.Api;

/// <summary>Onward transfer under a lead's handling code: the API's adapter over <see cref="Consents"/>.</summary>
internal static class ConsentsApi
{
    public sealed record ConsentRequest(string Lead, string To, string? Reason);
    public sealed record ConsentAnswer(bool Grant, string? Reason);
    public sealed record ConsentView(Guid Id, string Lead, string Handling, string Tlp, string Originator, string RequestedBy, string To, string Status,
        string? Reason, string? Answer, string RequestedByUser, string? AnsweredBy, DateTime RequestedAt, DateTime? AnsweredAt);

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/consents").WithTags("Consents");
        group.MapGet("/", ListAsync).WithName("ListConsents").WithSummary("Requests for an originator's consent the caller's agency asked or must answer");
        group.MapPost("/", RequestAsync).WithName("RequestConsent")
            .WithSummary("The lead's recipient asks its originator to let what an H2 or H3 lead started go to one more agency");
        group.MapPost("/{id:guid}/answer", AnswerAsync).WithName("AnswerConsent").WithSummary("The lead's originator grants or refuses a request");
    }

    private static async Task<Ok<List<ConsentView>>> ListAsync(HttpContext http, ConcordDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await Consents.ListAsync(db, http.Actor(), ct)).Select(View).ToList());

    private static async Task<Ok<ConsentView>> RequestAsync(ConsentRequest request, HttpContext http, ConcordDbContext db, CancellationToken ct) =>
        TypedResults.Ok(View(await Consents.RequestAsync(db, http.Actor(), request.Lead, request.To, request.Reason, ct)));

    private static async Task<Ok<ConsentView>> AnswerAsync(Guid id, ConsentAnswer answer, HttpContext http, ConcordDbContext db, CancellationToken ct) =>
        TypedResults.Ok(View(await Consents.AnswerAsync(db, http.Actor(), id, answer.Grant, answer.Reason, ct)));

    private static ConsentView View(Consents.Line c) => new(c.Id, c.Lead, c.Handling.ToString(), SharingModel.LabelOf(c.Handling),
        c.Originator, c.RequestedBy, c.To, c.Status.ToString().ToLowerInvariant(), c.Reason, c.Answer, c.RequestedByUser, c.AnsweredBy, c.RequestedAt, c.AnsweredAt);
}
