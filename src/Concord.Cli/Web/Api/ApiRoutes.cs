namespace Concord.Cli.Web.Api;

internal static class ApiRoutes
{
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(WebHost.ApiPolicy)
            .AddEndpointFilter(ApiErrors.Filter)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        AgreementsApi.Map(api);
        LeadsApi.Map(api);
        WantedApi.Map(api);
        OperationsApi.Map(api);
        ReviewApi.Map(api);
        PersonsApi.Map(api);
        HandoversApi.Map(api);
        AssignmentsApi.Map(api);
        ReportsApi.Map(api);
        CheckApi.Map(api);
    }
}
