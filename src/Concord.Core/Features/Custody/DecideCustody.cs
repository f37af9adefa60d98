using Concord.Matching;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features;
using Concord.Core.Features.Agreements;
using Concord.Core.Features.Operations;
using Concord.Core.Features.Sharing;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Custody;

/// <summary>Jurisdiction sorting: the custody rules of the agreement in force (accepted by every party; the most specific, then the newest), tried in order, decide who takes each person; evidence follows its holder.</summary>
public static class DecideCustody
{
    public sealed record Summary(int Decided, int AwaitingReview, IReadOnlyDictionary<string, int> ByAgency, int ItemsRouted);

    /// <summary>The agreement in force between the operation's agency and the lead's provider (<see cref="AcceptAgreement.InForceForAsync"/>).</summary>
    public static Task<Agreement> AgreementForAsync(ConcordDbContext db, Operation operation, CancellationToken ct) =>
        AcceptAgreement.InForceForAsync(db, operation.AgencyId, operation.Lead!.AgencyId, ct);

    /// <summary>A person's nationality from their roster rows: rows that disagree leave it unknown, for a human to decide.</summary>
    public static string? NationalityOf(IEnumerable<string?> rows)
    {
        var nationalities = rows.OfType<string>().Distinct(StringComparer.Ordinal).Take(2).ToList();
        return nationalities.Count == 1 ? nationalities[0] : null;
    }

    public static async Task<Summary> RunAsync(ConcordDbContext db, Actor actor, string operationCode, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.Custody, "custody.decide", ct);
        var operation = await CreateOperation.FindAsync(db, actor, operationCode, ct);
        if (!actor.Sees(operation.AgencyId)) throw new ConcordException(new NotFoundError("operation", operationCode));
        var agreement = await AgreementForAsync(db, operation, ct);
        var rules = agreement.CustodyRules.OrderBy(r => r.Order).ToList();
        var agencies = await Agencies.CodesAsync(db, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var persons = await db.Persons.Where(p => p.OperationId == operation.Id).ToListAsync(ct);
        var rowNationalities = (await db.RosterRecords.AsNoTracking().Where(r => r.OperationId == operation.Id)
            .Select(r => new { r.PersonId, r.Nationality }).ToListAsync(ct)).ToLookup(r => r.PersonId, r => r.Nationality);
        int decided = 0, review = 0;
        // A person linked to the targets of an H2/H3 lead goes outside the lead's audience only with the originator's consent.
        var undecided = persons.Where(p => p.CustodyState == CustodyState.Undecided).ToList();
        // Who may not go to each agency a rule names, asked once per agency for every undecided person.
        var undecidedIds = undecided.Select(p => p.Id).ToList();
        var held = new Dictionary<Guid, Dictionary<Guid, Consents.Blocked>>();
        foreach (var to in rules.Select(r => r.ToAgencyId).Distinct())
            held[to] = (await Consents.BlockedAsync(db, undecidedIds, to, ct)).ToDictionary(b => b.PersonId);
        var heldBack = new List<Consents.Blocked>();
        foreach (var person in undecided)
        {
            person.Nationality = NationalityOf(rowNationalities[person.Id]);
            var rule = rules.FirstOrDefault(r => r.Nationality == person.Nationality) ?? rules.FirstOrDefault(r => r.Nationality == "*");
            if (rule is null) { person.CustodyState = CustodyState.AwaitingReview; review++; continue; }
            person.CustodyToAgencyId = rule.ToAgencyId;
            person.CustodyPort = rule.Port;
            person.CustodyRule = $"{agreement.Code}#{rule.Order + 1} {rule.Nationality}";
            person.CustodyState = rule.Review ? CustodyState.AwaitingReview : CustodyState.Decided;
            if (held[rule.ToAgencyId].TryGetValue(person.Id, out var blocked))
            {
                // The rule would send them where the lead's code does not reach: a reviewer decides, once consent is given.
                person.CustodyState = CustodyState.AwaitingReview;
                person.CustodyRule += $" (consent of {blocked.Originator} needed: lead {blocked.Lead} {blocked.Code})";
                heldBack.Add(blocked);
            }
            if (person.CustodyState == CustodyState.AwaitingReview) review++; else decided++;
        }
        if (heldBack.Count > 0)
        {
            db.Record(actor, "sharing.refused", nameof(Operation), operation.Id,
                $"custody.decide: {heldBack.Count} linked to targets of lead {heldBack[0].Lead} ({heldBack[0].Code}) held for review without {heldBack[0].Originator}'s consent");
        }
        var itemsRouted = await RouteEvidenceAsync(db, operation, agreement, persons, ct);
        db.Record(actor, "custody.decide", nameof(Operation), operation.Id, $"decided={decided} awaiting_review={review} items={itemsRouted}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        var byAgency = persons.Where(p => p.CustodyState == CustodyState.Decided && p.CustodyToAgencyId is not null)
            .GroupBy(p => agencies[p.CustodyToAgencyId!.Value]).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new Summary(decided, persons.Count(p => p.CustodyState == CustodyState.AwaitingReview), byAgency, itemsRouted);
    }

    /// <summary>A reviewer's decision on an exception: the person goes to the named agency.</summary>
    public static async Task ResolveAsync(ConcordDbContext db, Actor actor, Guid personId, string agencyCode, string? port, string? reason, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.Custody, "custody.resolve", ct);
        // Only the arresting agency decides; whoever else sees the person is answered as if they did not.
        var seen = await Access.PersonAsync(db, actor, personId, ct);
        if (!actor.Sees(seen.AgencyId)) throw await Access.DeniedAsync(db, actor, nameof(Person), personId, "person", personId.ToString(), ct);
        // The person as read, now tracked for the change: no second read.
        var person = db.Persons.Attach(seen).Entity;
        var agency = await Agencies.GetAsync(db, agencyCode, "to", ct);
        await Consents.EnsureMayTransferAsync(db, actor, [person.Id], agency, "custody.resolve", ct);
        person.CustodyToAgencyId = agency.Id;
        person.CustodyPort = port;
        person.CustodyState = CustodyState.Decided;
        person.CustodyRule = "reviewer";
        db.Record(actor, "custody.resolve", nameof(Person), person.Id, $"to={agency.Code} port={port} reason={reason}");
        if (person.OperationId is { } opId)
        {
            var operation = await db.Operations.Include(o => o.Lead).FirstAsync(o => o.Id == opId, ct);
            var agreement = await AgreementForAsync(db, operation, ct);
            await RouteEvidenceAsync(db, operation, agreement, [person], ct);
        }
        await db.SaveChangesAsync(ct);
    }

    private static async Task<int> RouteEvidenceAsync(ConcordDbContext db, Operation operation, Agreement agreement, IReadOnlyList<Person> persons, CancellationToken ct)
    {
        var holders = (await db.RosterRecords.AsNoTracking().Where(r => r.OperationId == operation.Id)
            .Select(r => new { r.RosterNo, r.PersonId }).ToListAsync(ct)).ToDictionary(r => r.RosterNo, r => r.PersonId, StringComparer.Ordinal);
        var byId = persons.ToDictionary(p => p.Id);
        var unheldTo = agreement.UnheldEvidenceTo == "lead_provider"
            ? operation.Lead!.AgencyId
            : (await db.Agencies.FirstAsync(a => a.Code == agreement.UnheldEvidenceTo, ct)).Id;
        var count = 0;
        foreach (var item in await db.Seizures.Where(s => s.OperationId == operation.Id).ToListAsync(ct))
        {
            Guid? destination;
            if (item.HolderRosterNo is { } holder && holders.TryGetValue(holder, out var personId))
            {
                if (!byId.TryGetValue(personId, out var person)) continue;
                destination = agreement.EvidenceFollowsHolder && person.CustodyState == CustodyState.Decided ? person.CustodyToAgencyId : null;
            }
            else destination = unheldTo;
            if (item.DestinationAgencyId != destination) { item.DestinationAgencyId = destination; count++; }
        }
        return count;
    }
}
