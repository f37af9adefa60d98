using Concord.Core.Features;
using Concord.Core;
using Concord.Core.Features.Imports;
using Concord.Core.Features.Intake;
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
            .WithSummary("Import fugitives (text/csv body) into the caller's agency's wanted list; no other agency ever reads it. " +
                "update=true: the file holds changes (new rows added, changed rows replaced, withdrawn=yes withdraws); full=true with it: records absent from the file are withdrawn")
            .Accepts<string>("text/csv");
    }

    private static async Task<Ok<ImportResult>> ImportAsync(string? file, bool? update, bool? full, HttpContext http, ConcordDbContext db, NodeWantedIndex wanted, CancellationToken ct)
    {
        if (full == true && update != true)
            throw new ConcordException(new InvalidRequestError("full", "full=true goes with update=true: a full list is an update that also withdraws what it leaves out"));
        var actor = http.Actor();
        var code = await Access.OwnCodeAsync(db, actor, ct);
        var agency = await db.Agencies.FirstAsync(a => a.Code == code, ct);
        var csv = await Uploads.CsvFileBodyAsync(http.Request, file, "wanted.csv", ImportWantedList.FileColumns, ct);
        var mode = full == true ? WantedImportMode.FullUpdate : update == true ? WantedImportMode.Update : WantedImportMode.Add;
        return TypedResults.Ok(await ImportWantedList.RunAsync(db, actor, csv, agency, mode, ct, wanted));
    }
}
