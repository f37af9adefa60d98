using Concord.Core.Features.Imports;
using Concord.Core.Features.Wanted;
using Concord.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Concord.Cli.Web.Api;

internal static class WantedApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGroup("/wanted").WithTags("Wanted")
            .MapPost("/", ImportAsync).WithName("ImportWantedList")
            .WithSummary("Import fugitives (text/csv body) into the caller's agency's wanted list; no other agency ever reads it")
            .Accepts<string>("text/csv");
    }

    private static async Task<Ok<ImportResult>> ImportAsync(string? file, HttpContext http, ConcordDbContext db, CancellationToken ct)
    {
        var actor = http.Actor();
        var code = await LeadsApi.OwnCodeAsync(db, actor, ct);
        var agency = await db.Agencies.FirstAsync(a => a.Code == code, ct);
        var table = await Uploads.CsvBodyAsync(http.Request, file, "wanted.csv", ImportWantedList.Columns, ct);
        return TypedResults.Ok(await ImportWantedList.RunAsync(db, actor, table, agency, ct));
    }
}
