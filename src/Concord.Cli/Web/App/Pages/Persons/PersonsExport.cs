using Concord.Cli.Web.Security;
using Concord.Cli.Web.Text;
using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Persons;
using Concord.Core.Storage;
using Microsoft.AspNetCore.Authorization;
using Concord.Core.Paper;

namespace Concord.Cli.Web.App.Pages.Persons;

/// <summary>
/// The persons list as the page shows it (its filters, search and order, every page) as an Excel workbook: one sheet,
/// one typed column per field, headers in the officer's language; signed-in users only, one audited read.
/// </summary>
internal static class PersonsExport
{
    public static void Map(WebApplication app) =>
        app.MapGet("/persons/export.xlsx", ExportAsync).RequireAuthorization(new AuthorizeAttribute { Roles = RoleTable.ReadPersons }).ExcludeFromDescription();

    private static async Task<IResult> ExportAsync(HttpContext http, ConcordDbContext db, AuditQueue audit, CancellationToken ct,
        string? operation = null, string? nationality = null, string? role = null, bool? fugitive = null, string? handover = null, string? flag = null,
        string? q = null, string? sort = null, bool? desc = null)
    {
        var actor = await http.User.ActorAsync(db, ct);
        IReadOnlyList<PersonList.Row> rows;
        try
        {
            // On the primary: a refusal is written to the trail there, which a standby could not take.
            rows = await PersonList.ExportAsync(db, actor, new PersonList.Query(operation, nationality, role, fugitive, null, handover, null, flag, q, sort ?? "roster",
                desc ?? false), audit, ct);
        }
        catch (ConcordException e) when (e.Error is NotFoundError)
        {
            return TypedResults.NotFound();
        }
        catch (ConcordException e) when (e.Error is InvalidRequestError)
        {
            return TypedResults.BadRequest(e.Error.Message);
        }
        var language = UiText.Current;
        string H(string english) => UiText.Translate(english, language);
        var sheet = new Sheet(H("Arrested persons"),
            [H("Roster no."), H("Roster rows"), H("Names as written"), H("Latin name"), H("Nationality"), H("Sex"), H("Date of birth"), H("Key figure"), H("Fugitive"),
                H("Custody"), H("Goes to"), H("Handover"), H("Province"), H("Data to check")],
            [.. rows.Select(r => (IReadOnlyList<object?>)[r.RosterNo, r.RosterRows, r.Name, r.NameLatin, r.Nationality, r.Sex, r.BirthDate, r.Role, r.Fugitive,
                r.CustodyAgency, r.CustodyTo, r.Handover, r.Province, string.Join("; ", r.Flags)])]);
        return TypedResults.File(Spreadsheet.Write([sheet]), Spreadsheet.ContentType, $"persons-{operation ?? "all"}.xlsx");
    }
}
