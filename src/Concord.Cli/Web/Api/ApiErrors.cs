using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concord.Cli.Web.Api;

/// <summary>The one place where the workflows' expected failures become HTTP answers.</summary>
internal static class ApiErrors
{
    public sealed record Problem(string? File, int? Row, string? Column, string Detail);

    public static ProblemHttpResult ToProblem(ConcordError error) => error switch
    {
        NotFoundError e => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: e.Message),
        ConflictError e => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: e.Message),
        ForbiddenError e => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: e.Message),
        InvalidRequestError e => Invalid("Invalid request", e.Message, [new Problem(null, null, e.Field, e.Detail)]),
        InvalidInputError e => Invalid("Invalid input", e.Message, e.Problems.Select(p => new Problem(p.File, p.Row, p.Column, p.Detail)).ToList()),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: error.Message),
    };

    private static ProblemHttpResult Invalid(string title, string detail, IReadOnlyList<Problem> problems) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail,
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["problems"] = problems });

    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ConcordException e)
        {
            return ToProblem(e.Error);
        }
    }
}
