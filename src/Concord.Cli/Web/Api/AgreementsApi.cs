using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Agreements;
using Concord.Core.Features.Imports;
using Concord.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Concord.Cli.Web.Api;

internal static class AgreementsApi
{
    public sealed record CustodyRuleView(string Nationality, string To, string? Port, bool Review);
    public sealed record AgreementView(Guid Id, string Code, string Title, string Owner, IReadOnlyList<string> Parties, IReadOnlyList<CustodyRuleView> Custody,
        bool EvidenceFollowsHolder, string UnheldEvidenceTo, DateTime CreatedAt)
    {
        /// <summary>The parties that have accepted the agreement; it is in force once all have.</summary>
        public IReadOnlyList<string> AcceptedBy { get; init; } = [];
        public bool InForce { get; init; }
        public DateOnly EffectiveFrom { get; init; }
    }

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

    private static async Task<Ok<ImportResult>> ImportAsync(HttpContext http, ConcordDbContext db, CancellationToken ct)
    {
        var bytes = await Uploads.BodyAsync(http.Request, ct);
        return TypedResults.Ok(await ImportForCallerAsync(db, http.Actor(), "agreement.json", bytes, ct));
    }

    /// <summary>The import as an agency's user may do it, from the API or the web app: the caller's agency must be a party, and importing is its acceptance.</summary>
    internal static Task<ImportResult> ImportForCallerAsync(ConcordDbContext db, Actor actor, string file, byte[] bytes, CancellationToken ct) =>
        ImportAgreement.RunAsync(db, actor, file, bytes, ct);

    private static async Task<Ok<AgreementView>> AcceptAsync(string code, HttpContext http, ConcordDbContext db, CancellationToken ct)
    {
        var agreement = await AcceptAgreement.RunAsync(db, http.Actor(), code, null, ct);
        var codes = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Code, ct);
        await db.Entry(agreement).Collection(a => a.CustodyRules).LoadAsync(ct);
        return TypedResults.Ok(View(agreement, codes));
    }

    private static async Task<Ok<List<AgreementView>>> ListAsync(HttpContext http, ConcordDbContext db, CancellationToken ct)
    {
        var actor = http.Actor();
        var agreements = await db.Agreements.AsNoTracking().Include(a => a.Parties).Include(a => a.CustodyRules).OrderBy(a => a.Code).ToListAsync(ct);
        var codes = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Code, ct);
        return TypedResults.Ok(agreements.Where(a => Sees(actor, a)).Select(a => View(a, codes)).ToList());
    }

    private static async Task<Ok<AgreementView>> GetAsync(string code, HttpContext http, ConcordDbContext db, CancellationToken ct)
    {
        var actor = http.Actor();
        var agreement = await db.Agreements.AsNoTracking().Include(a => a.Parties).Include(a => a.CustodyRules).FirstOrDefaultAsync(a => a.Code == code, ct)
            ?? throw new ConcordException(new NotFoundError("agreement", code));
        if (!Sees(actor, agreement)) throw await ApiErrors.DeniedAsync(db, actor, nameof(Agreement), agreement.Id, "agreement", code, ct);
        var codes = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Code, ct);
        return TypedResults.Ok(View(agreement, codes));
    }

    internal static bool Sees(Actor actor, Agreement a) => actor.Sees([a.AgencyId, .. a.Parties.Select(p => (Guid?)p.PartyAgencyId)]);

    internal static AgreementView View(Agreement a, Dictionary<Guid, string> codes) => new(
        a.Id, a.Code, a.Title, codes[a.AgencyId], a.Parties.Select(p => codes[p.PartyAgencyId]).Order(StringComparer.Ordinal).ToList(),
        a.CustodyRules.OrderBy(r => r.Order).Select(r => new CustodyRuleView(r.Nationality, codes[r.ToAgencyId], r.Port, r.Review)).ToList(),
        a.EvidenceFollowsHolder, a.UnheldEvidenceTo, a.CreatedAt)
    {
        AcceptedBy = a.Parties.Where(p => p.AcceptedAt is not null).Select(p => codes[p.PartyAgencyId]).Order(StringComparer.Ordinal).ToList(),
        InForce = a.Parties.All(p => p.AcceptedAt is not null),
        EffectiveFrom = a.EffectiveFrom,
    };
}
