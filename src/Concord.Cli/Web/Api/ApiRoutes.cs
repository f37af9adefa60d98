using Concord.Core.Features;
using Concord.Core;
using Concord.Cli.Web.Text;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Storage;

namespace Concord.Cli.Web.Api;

internal static class ApiRoutes
{
    /// <summary>
    /// Every route answers only to keys holding one of its roles in <see cref="RoleTable.Api"/>, found by the route's
    /// name; a route the table does not name answers to nobody (and a test walks the route table for it). A key of the
    /// right agency without the role gets 403, audited.
    /// </summary>
    private static async ValueTask<object?> RoleFilter(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        var name = http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "";
        var roles = RoleTable.Api.GetValueOrDefault(name, "");
        try
        {
            // The same check, and the same audited refusal, as the Core functions make.
            await Access.RequireRoleAsync(http.RequestServices.GetRequiredService<ConcordDbContext>(), http.Actor(), roles,
                $"{http.Request.Method} {http.Request.Path}: {name}", http.RequestAborted);
        }
        catch (ConcordException e) when (e.Error is ForbiddenError)
        {
            var T = http.RequestServices.GetRequiredService<UiText>();
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: T["Not allowed"],
                detail: T["This key's roles do not include this step (it needs one of: {0}).", roles.Replace(",", ", ", StringComparison.Ordinal)]);
        }
        return await next(invocation);
    }

    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(WebHost.ApiPolicy)
            .AddEndpointFilter(ApiErrors.Filter)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .AddEndpointFilter(RoleFilter);
        AgreementsApi.Map(api);
        LeadsApi.Map(api);
        ConsentsApi.Map(api);
        WantedApi.Map(api);
        OperationsApi.Map(api);
        ReviewApi.Map(api);
        PersonsApi.Map(api);
        HandoversApi.Map(api);
        AssignmentsApi.Map(api);
        ReportsApi.Map(api);
        CheckApi.Map(api);
        CasesApi.Map(api);
    }
}
