using Concord.Cli.Web.Security;
using Concord.Cli.Web.Text;
using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Handover;
using Concord.Core.Storage;
using Microsoft.AspNetCore.Authorization;

namespace Concord.Cli.Web.App.Pages.Handover;

/// <summary>The printable manifest and receipt (PDF) of a handover, for the manifest page's print buttons; signed-in users only.</summary>
internal static class PaperExport
{
    public static void Map(WebApplication app)
    {
        var roles = new AuthorizeAttribute { Roles = RoleTable.ReadHandovers };
        app.MapGet("/handovers/{id:guid}/manifest.pdf", (Guid id, HttpContext http, ConcordDbContext db, AuditQueue audit, CancellationToken ct) =>
            PrintAsync(id, receipt: false, http, db, audit, ct)).RequireAuthorization(roles).ExcludeFromDescription();
        app.MapGet("/handovers/{id:guid}/receipt.pdf", (Guid id, HttpContext http, ConcordDbContext db, AuditQueue audit, CancellationToken ct) =>
            PrintAsync(id, receipt: true, http, db, audit, ct)).RequireAuthorization(roles).ExcludeFromDescription();
    }

    private static async Task<IResult> PrintAsync(Guid id, bool receipt, HttpContext http, ConcordDbContext db, AuditQueue audit, CancellationToken ct)
    {
        var actor = await http.User.ActorAsync(db, ct);
        try
        {
            var paper = receipt
                ? await HandoverPaper.ReceiptAsync(db, actor, id, audit, UiText.Translate, ct)
                : await HandoverPaper.ManifestAsync(db, actor, id, audit, UiText.Translate, ct);
            return TypedResults.File(paper.Pdf, "application/pdf", paper.FileName);
        }
        catch (ConcordException e) when (e.Error is NotFoundError)
        {
            return TypedResults.NotFound();
        }
        catch (ConcordException e) when (e.Error is ConflictError)
        {
            return TypedResults.Conflict(e.Error.Message);
        }
    }
}
