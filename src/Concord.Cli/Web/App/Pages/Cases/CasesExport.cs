using Concord.Cli.Web.Security;
using Concord.Cli.Web.Text;
using Concord.Core;
using Concord.Core.Domain;
using Concord.Core.Features.Cases;
using Concord.Core.Storage;
using Microsoft.AspNetCore.Authorization;

namespace Concord.Cli.Web.App.Pages.Cases;

/// <summary>
/// The prosecutor's file on a suspect or den (<see cref="CaseExports"/>) as a download beside the pages: PDF or Excel,
/// labelled in the officer's language, from the links the officer sees; one audited export.
/// </summary>
internal static class CasesExport
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/cases/subjects/{subject}/export.pdf", (HttpContext http, ConcordDbContext db, string subject, CancellationToken ct) => ExportAsync(http, db, subject, CaseExports.Pdf, ct))
            .RequireAuthorization(new AuthorizeAttribute { Roles = RoleTable.ReadCases }).ExcludeFromDescription();
        app.MapGet("/cases/subjects/{subject}/export.xlsx", (HttpContext http, ConcordDbContext db, string subject, CancellationToken ct) => ExportAsync(http, db, subject, CaseExports.Xlsx, ct))
            .RequireAuthorization(new AuthorizeAttribute { Roles = RoleTable.ReadCases }).ExcludeFromDescription();
    }

    private static async Task<IResult> ExportAsync(HttpContext http, ConcordDbContext db, string subject, string format, CancellationToken ct)
    {
        var actor = await http.User.ActorAsync(db, ct);
        try
        {
            var file = await CaseExports.ExportAsync(db, actor, subject, format, UiText.Current, UiText.Translate, ct);
            return TypedResults.File(file.Bytes, file.ContentType, file.FileName);
        }
        catch (ConcordException e) when (e.Error is NotFoundError)
        {
            return TypedResults.NotFound();
        }
    }
}
