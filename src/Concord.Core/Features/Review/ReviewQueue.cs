using System.Text.Json;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Intake;
using Concord.Core.Features.Operations;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Review;

/// <summary>The reviewer's queue: proposals the records could not decide, key figures and fugitives first.</summary>
public static class ReviewQueue
{
    public sealed record EvidenceView(string Kind, string Text, double Weight);
    public sealed record CandidateView(string List, string Id);
    public sealed record Item(Guid Id, IReadOnlyList<string> RosterNos, CandidateView Candidate, double Score, IReadOnlyList<EvidenceView> Evidence, string Status, int Priority);

    public static async Task<IReadOnlyList<Item>> ListAsync(ConcordDbContext db, Actor actor, string operationCode, bool openOnly, CancellationToken ct)
    {
        var operation = await CreateOperation.FindAsync(db, actor, operationCode, ct);
        if (!actor.Sees(operation.AgencyId)) throw new ConcordException(new NotFoundError("operation", operationCode));
        var items = await db.ReviewItems.AsNoTracking()
            .Where(i => i.OperationId == operation.Id && (!openOnly || i.Status == ReviewStatus.Open))
            .ToListAsync(ct);
        var personIds = items.Select(i => i.PersonId).ToHashSet();
        var rosterNos = (await db.RosterRecords.AsNoTracking().Where(r => r.OperationId == operation.Id)
            .Select(r => new { r.PersonId, r.RosterNo }).ToListAsync(ct))
            .Where(r => personIds.Contains(r.PersonId))
            .ToLookup(r => r.PersonId, r => r.RosterNo);
        return items.OrderBy(i => i.Priority).ThenByDescending(i => i.Score).ThenBy(i => i.Id)
            .Select(i => new Item(i.Id, rosterNos[i.PersonId].Order(StringComparer.Ordinal).ToList(), new CandidateView(i.CandidateList, i.CandidateRef), i.Score,
                JsonSerializer.Deserialize<List<EvidenceView>>(i.Evidence, JsonOptions) ?? [], i.Status.ToString().ToLowerInvariant(), i.Priority))
            .ToList();
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    public static async Task<ReviewItem> DecideAsync(ConcordDbContext db, Actor actor, Guid id, bool confirm, string? reason, CancellationToken ct)
    {
        var item = await db.ReviewItems.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null || !actor.Sees(item.AgencyId)) throw new ConcordException(new NotFoundError("review item", id.ToString()));
        if (item.Status != ReviewStatus.Open)
            throw new ConcordException(new ConflictError($"review item {id} was already decided ({item.Status.ToString().ToLowerInvariant()} by {item.DecidedBy})"));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        item.Status = confirm ? ReviewStatus.Confirmed : ReviewStatus.Rejected;
        item.DecidedBy = actor.Name;
        item.DecidedAt = DateTime.UtcNow;
        item.Reason = reason;
        db.Record(actor, confirm ? "review.confirm" : "review.reject", nameof(ReviewItem), item.Id,
            $"{item.CandidateList} {item.CandidateRef}{(reason is null ? "" : " reason: " + reason)}");
        if (confirm)
        {
            switch (item.CandidateList)
            {
                case "roster":
                    var other = await db.RosterRecords.FirstAsync(r => r.Id == item.CandidateId, ct);
                    await db.SaveChangesAsync(ct);
                    await PersonMerge.MergeAsync(db, actor, item.PersonId, other.PersonId, $"reviewer confirmed roster {other.RosterNo}", ct);
                    break;
                case "wanted":
                    var w = await db.WantedPersons.AsNoTracking().FirstAsync(x => x.Id == item.CandidateId, ct);
                    Link(db, item, LinkKind.Wanted, actor);
                    db.PersonIdentifiers.AddRange(MatchOperation.CopyIds(item.PersonId, w, IdentifierTrust.WantedList, $"wanted:{w.WantedId}"));
                    break;
                case "target":
                    var t = await db.Targets.AsNoTracking().FirstAsync(x => x.Id == item.CandidateId, ct);
                    Link(db, item, LinkKind.Target, actor);
                    db.PersonIdentifiers.AddRange(MatchOperation.CopyIds(item.PersonId, t, IdentifierTrust.Lead, $"target:{t.TargetId}"));
                    break;
                case "person":
                    Link(db, item, LinkKind.Person, actor);
                    break;
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return item;
    }

    private static void Link(ConcordDbContext db, ReviewItem item, LinkKind kind, Actor actor) =>
        db.PersonLinks.Add(new PersonLink
        {
            AgencyId = item.AgencyId,
            PersonId = item.PersonId,
            Kind = kind,
            CandidateId = item.CandidateId,
            CandidateRef = item.CandidateRef,
            Score = item.Score,
            DecidedBy = actor.Name,
        });
}
