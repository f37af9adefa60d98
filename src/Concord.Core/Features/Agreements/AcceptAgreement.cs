using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Storage;
using Concord.Matching;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Agreements;

/// <summary>
/// A party's acceptance of an agreement. Importing an agreement is the importing agency's acceptance; every other party
/// accepts on its own, here. An agreement binds, and is used for custody, only once every party has accepted it.
/// </summary>
public static class AcceptAgreement
{
    /// <summary>
    /// Records the acceptance of <paramref name="agreementCode"/> for the actor's own agency; the node operator, who has
    /// none, names the party it acts for in <paramref name="partyCode"/>, and the audit entry says so.
    /// </summary>
    public static async Task<Agreement> RunAsync(ConcordDbContext db, Actor actor, string agreementCode, string? partyCode, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.EnterAgreements, "agreement accept", ct);
        var agreement = await db.Agreements.Include(a => a.Parties).FirstOrDefaultAsync(a => a.Code == agreementCode, ct);
        if (agreement is null || !actor.Sees([agreement.AgencyId, .. agreement.Parties.Select(p => (Guid?)p.PartyAgencyId)]))
        {
            if (agreement is not null)
            {
                db.Record(actor, "access.denied", nameof(Agreement), agreement.Id, agreementCode);
                await db.SaveChangesAsync(ct);
            }
            throw new ConcordException(new NotFoundError("agreement", agreementCode));
        }
        Agency party;
        if (actor.AgencyId is { } own)
        {
            party = await db.Agencies.FirstAsync(a => a.Id == own, ct);
            if (partyCode is not null && partyCode != party.Code)
                throw new ConcordException(new InvalidRequestError("agency", new Phrase(ErrorTexts.AcceptOnlyOwn, party.Code, partyCode)));
        }
        else
        {
            if (string.IsNullOrWhiteSpace(partyCode))
                throw new ConcordException(new InvalidRequestError("agency", new Phrase(ErrorTexts.AcceptForWhom, agreementCode)));
            party = await Agencies.GetAsync(db, partyCode, "agency", ct);
        }
        var entry = agreement.Parties.FirstOrDefault(p => p.PartyAgencyId == party.Id)
            ?? throw new ConcordException(new InvalidRequestError("agency", new Phrase(ErrorTexts.NotAPartyOf, party.Code, agreementCode)));
        if (entry.AcceptedAt is not null)
            throw new ConcordException(new ConflictError(new Phrase(ErrorTexts.AgreementAlreadyAccepted, agreementCode, party.Code, entry.AcceptedBy ?? "")));
        await AcceptAsync(db, actor, agreement, entry, party.Code, DateTime.UtcNow, ct);
        await db.SaveChangesAsync(ct);
        return agreement;
    }

    /// <summary>
    /// The node operator accepts an imported agreement for every party of this node still to accept it, as the operator of
    /// a node that both parties run together (the demo workspace, a bench) does; each acceptance is audited as the operator
    /// acting for that party. A party hosted by a partner node accepts on its own node. An agency's user or key is refused:
    /// it accepts only for its own agency.
    /// </summary>
    public static async Task<Agreement> ForEveryPartyAsync(ConcordDbContext db, Actor nodeOperator, Guid agreementId, CancellationToken ct)
    {
        if (!nodeOperator.IsNodeOperator) throw new ConcordException(new InvalidRequestError("agency", "only the node operator accepts for every party"));
        var agreement = await db.Agreements.Include(a => a.Parties).FirstOrDefaultAsync(a => a.Id == agreementId, ct)
            ?? throw new ConcordException(new NotFoundError("agreement", agreementId.ToString()));
        var ids = agreement.Parties.Select(p => p.PartyAgencyId).ToList();
        var agencies = await db.Agencies.Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        foreach (var party in agreement.Parties.Where(p => p.AcceptedAt is null && agencies[p.PartyAgencyId].Node is null).ToList())
            await AcceptAsync(db, nodeOperator, agreement, party, agencies[party.PartyAgencyId].Code, DateTime.UtcNow, ct);
        await db.SaveChangesAsync(ct);
        return agreement;
    }

    /// <summary>
    /// Marks the party's acceptance and audits it; a party of this node's acceptance is announced to the parties partner
    /// nodes host (<paramref name="announce"/>, unless it came from one), after the document when it goes too
    /// (<paramref name="document"/>). The caller saves.
    /// </summary>
    internal static async Task AcceptAsync(ConcordDbContext db, Actor actor, Agreement agreement, AgreementParty entry, string partyCode, DateTime at,
        CancellationToken ct, bool announce = true, Guid? document = null)
    {
        entry.AcceptedAt = at;
        entry.AcceptedBy = actor.Name;
        db.Record(actor, "agreement.accept", nameof(Agreement), agreement.Id,
            actor.IsNodeOperator ? $"{agreement.Code}: accepted for {partyCode} by the node operator {actor.Name} acting for it" : $"{agreement.Code}: accepted for {partyCode}");
        if (announce) await Federation.AgreementPackets.QueueAcceptanceAsync(db, actor, agreement, entry.PartyAgencyId, at, document, ct);
    }

    /// <summary>
    /// The agreement that sorts an operation's persons: of the agreements that bind both the operation's agency and the
    /// lead's provider and that every party has accepted, the most specific (the fewest parties: a bilateral agreement
    /// before a multilateral one), then the newest by effective date. Two left equal are refused, naming both; none in
    /// force is refused, naming an agreement that still awaits a party's acceptance if there is one.
    /// </summary>
    /// <summary>
    /// What the agreement's document says of one sharing clause (<c>"sharing": {"unknown_nationality": true}</c>,
    /// <c>"assignment_notice": false</c>); <paramref name="otherwise"/> when it says nothing of it.
    /// </summary>
    public static bool Shares(string document, string clause, bool otherwise)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(document);
        return doc.RootElement.TryGetProperty("sharing", out var sharing) && sharing.ValueKind == System.Text.Json.JsonValueKind.Object
               && sharing.TryGetProperty(clause, out var value) && value.ValueKind is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False
            ? value.ValueKind == System.Text.Json.JsonValueKind.True
            : otherwise;
    }

    public static async Task<Agreement> InForceForAsync(ConcordDbContext db, Guid operationAgencyId, Guid leadAgencyId, CancellationToken ct)
    {
        var binding = (await db.Agreements.Include(a => a.Parties).Include(a => a.CustodyRules).ToListAsync(ct))
            .Where(a => a.Parties.Any(p => p.PartyAgencyId == operationAgencyId) && a.Parties.Any(p => p.PartyAgencyId == leadAgencyId)).ToList();
        var inForce = binding.Where(a => a.Parties.All(p => p.AcceptedAt is not null))
            .OrderBy(a => a.Parties.Count).ThenByDescending(a => a.EffectiveFrom).ThenBy(a => a.Code, StringComparer.Ordinal).ToList();
        if (inForce.Count == 0)
        {
            var waiting = binding.OrderBy(a => a.Code, StringComparer.Ordinal).FirstOrDefault();
            if (waiting is null) throw new ConcordException(new ConflictError(new Phrase(ErrorTexts.NoAgreementBinds)));
            var pending = waiting.Parties.First(p => p.AcceptedAt is null).PartyAgencyId;
            var code = await db.Agencies.Where(a => a.Id == pending).Select(a => a.Code).FirstAsync(ct);
            throw new ConcordException(new ConflictError(new Phrase(ErrorTexts.AgreementNotAccepted, waiting.Code, code)));
        }
        if (inForce.Count > 1 && inForce[1].Parties.Count == inForce[0].Parties.Count && inForce[1].EffectiveFrom == inForce[0].EffectiveFrom)
            throw new ConcordException(new ConflictError(new Phrase(ErrorTexts.AgreementsTie, inForce[0].Code, inForce[1].Code,
                inForce[0].EffectiveFrom.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));
        return inForce[0];
    }
}
