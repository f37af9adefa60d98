using Concord.Core.Features.Agreements;
using Concord.Core.Features.Imports;
using Concord.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concord.Cli.Web.Api;

internal static class AgreementsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/agreements").WithTags("Agreements");
        group.MapPost("/", ImportAsync).WithName("ImportAgreement").WithSummary("Import an agreement document (JSON); the caller's agency must be a party")
            .Accepts<ImportAgreement.AgreementDto>("application/json");
        group.MapGet("/", ListAsync).WithName("ListAgreements").WithSummary("Agreements the caller's agency is party to");
        group.MapPost("/{code}/accept", AcceptAsync).WithName("AcceptAgreement")
            .WithSummary("The caller's agency accepts an agreement it is party to; an agreement binds only once every party has");
        group.MapGet("/{code}", GetAsync).WithName("GetAgreement").WithSummary("One agreement the caller's agency is party to");
    }

    private static async Task<Ok<ImportResult>> ImportAsync(HttpContext http, ConcordDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await ImportAgreement.RunAsync(db, http.Actor(), "agreement.json", await Uploads.BodyAsync(http.Request, ct), ct));

    private static async Task<Ok<AgreementViews.AgreementView>> AcceptAsync(string code, HttpContext http, ConcordDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await AgreementViews.AcceptAsync(db, http.Actor(), code, ct));

    private static async Task<Ok<List<AgreementViews.AgreementView>>> ListAsync(HttpContext http, ConcordDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await AgreementViews.ListAsync(db, http.Actor(), ct));

    private static async Task<Ok<AgreementViews.AgreementView>> GetAsync(string code, HttpContext http, ConcordDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await AgreementViews.GetAsync(db, http.Actor(), code, ct));
}
