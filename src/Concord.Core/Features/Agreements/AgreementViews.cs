using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Agreements;

/// <summary>
/// Agreements as their parties read them, for the API and the pages alike: only agreements the caller's agency owns or
/// is party to; another one answers "not found" and the attempt is audited.
/// </summary>
public static class AgreementViews
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

    /// <summary>Every agreement the caller sees, by code.</summary>
    public static async Task<List<AgreementView>> ListAsync(ConcordDbContext db, Actor actor, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.ReadAgreements, "agreement list", ct);
        var agreements = await db.Agreements.AsNoTracking().Include(a => a.Parties).Include(a => a.CustodyRules).OrderBy(a => a.Code).ToListAsync(ct);
        var codes = await Agencies.CodesAsync(db, ct);
        return agreements.Where(a => Sees(actor, a)).Select(a => View(a, codes)).ToList();
    }

    /// <summary>One agreement by its code, if the caller sees it.</summary>
    public static async Task<AgreementView> GetAsync(ConcordDbContext db, Actor actor, string code, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.ReadAgreements, "agreement read", ct);
        var agreement = await db.Agreements.AsNoTracking().Include(a => a.Parties).Include(a => a.CustodyRules).FirstOrDefaultAsync(a => a.Code == code, ct)
            ?? throw new ConcordException(new NotFoundError("agreement", code));
        if (!Sees(actor, agreement))
        {
            db.Record(actor, "access.denied", nameof(Agreement), agreement.Id, code);
            await db.SaveChangesAsync(ct);
            throw new ConcordException(new NotFoundError("agreement", code));
        }
        return View(agreement, await Agencies.CodesAsync(db, ct));
    }

    /// <summary>The caller's agency accepts an agreement it is party to (<see cref="AcceptAgreement"/>), and reads it as it now stands.</summary>
    public static async Task<AgreementView> AcceptAsync(ConcordDbContext db, Actor actor, string code, CancellationToken ct)
    {
        await AcceptAgreement.RunAsync(db, actor, code, null, ct);
        return await GetAsync(db, actor, code, ct);
    }

    private static bool Sees(Actor actor, Agreement a) => actor.Sees([a.AgencyId, .. a.Parties.Select(p => (Guid?)p.PartyAgencyId)]);

    private static AgreementView View(Agreement a, IReadOnlyDictionary<Guid, string> codes) => new(
        a.Id, a.Code, a.Title, codes[a.AgencyId], a.Parties.Select(p => codes[p.PartyAgencyId]).Order(StringComparer.Ordinal).ToList(),
        a.CustodyRules.OrderBy(r => r.Order).Select(r => new CustodyRuleView(r.Nationality, codes[r.ToAgencyId], r.Port, r.Review)).ToList(),
        a.EvidenceFollowsHolder, a.UnheldEvidenceTo, a.CreatedAt)
    {
        AcceptedBy = a.Parties.Where(p => p.AcceptedAt is not null).Select(p => codes[p.PartyAgencyId]).Order(StringComparer.Ordinal).ToList(),
        InForce = a.Parties.All(p => p.AcceptedAt is not null),
        EffectiveFrom = a.EffectiveFrom,
    };
}
