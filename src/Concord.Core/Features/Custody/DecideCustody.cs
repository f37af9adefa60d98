using Concord.Matching;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Agreements;
using Concord.Core.Features.Operations;
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

    public static async Task<Summary> RunAsync(ConcordDbContext db, Actor actor, string operationCode, CancellationToken ct)
    {
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
        foreach (var person in persons.Where(p => p.CustodyState == CustodyState.Undecided))
        {
            // Rows that disagree on nationality leave it unknown: a human decides.
            var nationalities = rowNationalities[person.Id].OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            person.Nationality = nationalities.Count == 1 ? nationalities[0] : null;
            var rule = rules.FirstOrDefault(r => r.Nationality == person.Nationality) ?? rules.FirstOrDefault(r => r.Nationality == "*");
            if (rule is null) { person.CustodyState = CustodyState.AwaitingReview; review++; continue; }
            person.CustodyToAgencyId = rule.ToAgencyId;
            person.CustodyPort = rule.Port;
            person.CustodyRule = $"{agreement.Code}#{rule.Order + 1} {rule.Nationality}";
            person.CustodyState = rule.Review ? CustodyState.AwaitingReview : CustodyState.Decided;
            if (rule.Review) review++; else decided++;
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
        var person = await db.Persons.FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null || !actor.Sees(person.AgencyId)) throw new ConcordException(new NotFoundError("person", personId.ToString()));
        var agency = await Agencies.GetAsync(db, agencyCode, "to", ct);
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
