using Concord.Core.Features;
using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Imports;
using Concord.Core.Features.Leads;
using Concord.Core.Features.Sharing;
using Concord.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Concord.Cli.Web.Api;

internal static class LeadsApi
{
    /// <param name="Tlp">The TLP 2.0 marking of the handling code.</param>
    public sealed record LeadView(Guid Id, string Code, string From, string To, string Handling, string Tlp, string Status, DateTime CreatedAt, DateTime? AcknowledgedAt,
        int Dens, int Targets);
    public sealed record DenView(string Code, string? Name, string? Address, double? Lat, double? Lon, string? Group, bool? Armed);
    public sealed record TargetView(string TargetId, string Role, string? Name, string? NameLatin, string? Aliases, string? Sex, string? BirthDate,
        string? Nationality, string? IdType, string? IdNumber, string? Den, string? Group, string? Flags);
    public sealed record LeadDetail(LeadView Lead, IReadOnlyList<DenView> Dens, IReadOnlyList<TargetView> Targets);

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/leads").WithTags("Leads");
        group.MapPost("/", SendAsync).WithName("SendLead")
            .WithSummary("Send a lead from the caller's agency: form fields code, to, handling and the files dens and targets (CSV)")
            .DisableAntiforgery();
        group.MapGet("/", ListAsync).WithName("ListLeads").WithSummary("Leads the caller's agency sent or received");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetLead").WithSummary("One lead with its dens and targets");
        group.MapPost("/{id:guid}/acknowledge", AcknowledgeAsync).WithName("AcknowledgeLead").WithSummary("The receiving agency acknowledges the lead");
    }

    // Uploads come from programs holding an API key, never from a browser session, so there is no cookie to forge.
    private static async Task<Ok<ImportResult>> SendAsync([FromForm] string code, [FromForm] string to, [FromForm] string handling,
        IFormFile dens, IFormFile targets, HttpContext http, ConcordDbContext db, CancellationToken ct)
    {
        var actor = http.Actor();
        var from = await Access.OwnCodeAsync(db, actor, ct);
        var denTable = await Uploads.CsvFormFileAsync(dens, "dens.csv", ImportLead.DenColumns, ct);
        var targetTable = await Uploads.CsvFormFileAsync(targets, "targets.csv", ImportLead.TargetColumns, ct);
        return TypedResults.Ok(await ImportLead.RunAsync(db, actor, code, from, to, handling, denTable, targetTable, ct));
    }

    private static async Task<Ok<List<LeadView>>> ListAsync(HttpContext http, ConcordDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await LeadViews.ListAsync(db, http.Actor(), ct)).Select(l => new LeadView(
            l.Id, l.Code, l.From, l.To, l.Handling.ToString(), SharingModel.LabelOf(l.Handling), l.Status.ToString().ToLowerInvariant(), l.CreatedAt, l.AcknowledgedAt, l.Dens, l.Targets)).ToList());

    private static async Task<Ok<LeadDetail>> GetAsync(Guid id, HttpContext http, ConcordDbContext db, AuditQueue audit, CancellationToken ct)
    {
        var actor = http.Actor();
        var lead = await AcknowledgeLead.FindAsync(db, actor, id, ct);
        var codes = await Agencies.CodesAsync(db, ct);
        // Targets are named persons: reading them is a read of personal data.
        await audit.RecordAsync(actor, "lead.read", nameof(Lead), lead.Id, ct: ct);
        return TypedResults.Ok(new LeadDetail(View(lead, codes, lead.Dens.Count, lead.Targets.Count),
            lead.Dens.OrderBy(d => d.Code, StringComparer.Ordinal).Select(d => new DenView(d.Code, d.Name, d.Address, d.Latitude, d.Longitude, d.Group, d.Armed)).ToList(),
            lead.Targets.OrderBy(t => t.TargetId, StringComparer.Ordinal).Select(t => new TargetView(t.TargetId, t.Role.ToString().ToLowerInvariant(), t.Name,
                t.NameLatin, t.Aliases, t.Sex, t.BirthDate, t.Nationality, t.IdType, t.IdNumber, t.DenCode, t.Group, t.Flags)).ToList()));
    }

    private static async Task<Ok<LeadView>> AcknowledgeAsync(Guid id, HttpContext http, ConcordDbContext db, CancellationToken ct)
    {
        var lead = await AcknowledgeLead.RunAsync(db, http.Actor(), id, ct);
        return TypedResults.Ok(View(lead, await Agencies.CodesAsync(db, ct), lead.Dens.Count, lead.Targets.Count));
    }

    private static LeadView View(Lead l, Dictionary<Guid, string> codes, int dens, int targets) => new(
        l.Id, l.Code, codes[l.AgencyId], codes[l.ToAgencyId], l.HandlingCode.ToString(), SharingModel.LabelOf(l.HandlingCode), l.Status.ToString().ToLowerInvariant(), l.CreatedAt, l.AcknowledgedAt, dens, targets);
}
