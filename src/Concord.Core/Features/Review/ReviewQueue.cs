using Concord.Matching;
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
    /// <summary>A finding: its English text, and the templates of <see cref="Concord.Matching.Findings"/> with their values (none for proposals made before they were kept).</summary>
    public sealed record EvidenceView(string Kind, string Text, double Weight, IReadOnlyList<Phrase>? Phrases = null);
    public sealed record CandidateView(string List, string Id);
    public sealed record DocumentView(string Type, string Number);
    /// <summary>One side of a proposal as its records give it, names in their original script.</summary>
    public sealed record IdentityView(IReadOnlyList<string> Names, IReadOnlyList<string> Aliases, string? Sex, string? BirthDate, string? Nationality, IReadOnlyList<DocumentView> Documents, string? Flags);
    public sealed record Item(Guid Id, IReadOnlyList<string> RosterNos, CandidateView Candidate, double Score, IReadOnlyList<EvidenceView> Evidence, string Status, int Priority,
        IdentityView Arrested, IdentityView? CandidateIdentity);

    private static IdentityView View(IEnumerable<PersonRecord> records)
    {
        var list = records.ToList();
        static IEnumerable<string> Split(string? s) => s?.Split([';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        return new IdentityView(
            list.SelectMany(r => new[] { r.Name, r.NameLatin }).OfType<string>().Distinct(StringComparer.Ordinal).ToList(),
            list.SelectMany(r => Split(r.Aliases)).Distinct(StringComparer.Ordinal).ToList(),
            list.Select(r => r.Sex).FirstOrDefault(x => x is not null),
            list.Select(r => r.BirthDate).OfType<string>().OrderByDescending(d => d.Length).FirstOrDefault(),
            list.Select(r => r.Nationality).FirstOrDefault(x => x is not null),
            list.Where(r => r.IdType is not null && r.IdNumber is not null).Select(r => new DocumentView(r.IdType!, r.IdNumber!)).Distinct().ToList(),
            string.Join(';', list.Select(r => r.Flags).OfType<string>().Distinct(StringComparer.Ordinal)) is { Length: > 0 } f ? f : null);
    }

    public static async Task<IReadOnlyList<Item>> ListAsync(ConcordDbContext db, Actor actor, string operationCode, bool openOnly, CancellationToken ct)
    {
        var operation = await CreateOperation.FindAsync(db, actor, operationCode, ct);
        return await ListAsync(db, actor, operation, openOnly, ct);
    }

    /// <summary>The queue of an operation already read, and found to be the actor's agency's own.</summary>
    public static async Task<IReadOnlyList<Item>> ListAsync(ConcordDbContext db, Actor actor, Operation operation, bool openOnly, CancellationToken ct)
    {
        if (!actor.Sees(operation.AgencyId)) throw new ConcordException(new NotFoundError("operation", operation.Code));
        // Each read is joined to the queue in the database, so it returns only the rows of persons and candidates
        // the queue names, in a query that is the same whatever the queue's length.
        var queue = db.ReviewItems.AsNoTracking().Where(i => i.OperationId == operation.Id && (!openOnly || i.Status == ReviewStatus.Open));
        var items = await queue.ToListAsync(ct);
        var persons = queue.Select(i => i.PersonId);
        var candidates = queue.Select(i => i.CandidateId);
        var rows = (await db.RosterRecords.AsNoTracking().Where(r => persons.Contains(r.PersonId)).ToListAsync(ct)).ToLookup(r => r.PersonId);
        var wanted = await db.WantedPersons.AsNoTracking().Where(w => candidates.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
        var targets = await db.Targets.AsNoTracking().Where(t => candidates.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var otherRows = await db.RosterRecords.AsNoTracking().Where(r => candidates.Contains(r.Id) || candidates.Contains(r.PersonId)).ToListAsync(ct);
        IdentityView? CandidateSide(ReviewItem i) => i.CandidateList switch
        {
            "wanted" when wanted.TryGetValue(i.CandidateId, out var w) => View([w]),
            "target" when targets.TryGetValue(i.CandidateId, out var t) => View([t]),
            "roster" => View(otherRows.Where(r => r.Id == i.CandidateId)),
            "person" => View(otherRows.Where(r => r.PersonId == i.CandidateId)),
            _ => null,
        };
        return items.OrderBy(i => i.Priority).ThenByDescending(i => i.Score).ThenBy(i => i.Id)
            .Select(i => new Item(i.Id, rows[i.PersonId].Select(r => r.RosterNo).Order(StringComparer.Ordinal).ToList(), new CandidateView(i.CandidateList, i.CandidateRef), i.Score,
                JsonSerializer.Deserialize<List<EvidenceView>>(i.Evidence, JsonOptions) ?? [], i.Status.ToString().ToLowerInvariant(), i.Priority,
                View(rows[i.PersonId]), CandidateSide(i)))
            .ToList();
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    public static async Task<ReviewItem> DecideAsync(ConcordDbContext db, Actor actor, Guid id, bool confirm, string? reason, CancellationToken ct)
    {
        var item = await db.ReviewItems.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null || !actor.Sees(item.AgencyId)) throw new ConcordException(new NotFoundError("review item", id.ToString()));
        if (item.Status != ReviewStatus.Open)
            throw new ConcordException(new ConflictError(new Phrase(item.Status == ReviewStatus.Confirmed ? ErrorTexts.ReviewAlreadyConfirmed : ErrorTexts.ReviewAlreadyRejected, id.ToString(), item.DecidedBy ?? "")));
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
