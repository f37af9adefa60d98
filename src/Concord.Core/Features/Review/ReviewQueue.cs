using Concord.Matching;
using System.Text.Json;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Intake;
using Concord.Core.Features.Operations;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Review;

/// <summary>
/// The reviewer's queue: one task per arrested person (and one for their duplicate roster rows), key figures and
/// fugitives first, each with its candidates ranked and what would settle it.
/// </summary>
public static class ReviewQueue
{
    /// <summary>A finding: its English text, and the templates of <see cref="Concord.Matching.Findings"/> with their values (none for proposals made before they were kept).</summary>
    public sealed record EvidenceView(string Kind, string Text, double Weight, IReadOnlyList<Phrase>? Phrases = null);
    public sealed record CandidateView(string List, string Id);
    public sealed record DocumentView(string Type, string Number);
    /// <summary>One side of a proposal as its records give it, names in their original script.</summary>
    public sealed record IdentityView(IReadOnlyList<string> Names, IReadOnlyList<string> Aliases, string? Sex, string? BirthDate, string? Nationality, IReadOnlyList<DocumentView> Documents, string? Flags);
    public sealed record Item(Guid Id, IReadOnlyList<string> RosterNos, CandidateView Candidate, double Score, IReadOnlyList<EvidenceView> Evidence, string Status, int Priority,
        IdentityView Arrested, IdentityView? CandidateIdentity, Guid TaskId, string? Reason = null);
    /// <summary>A field that would settle the task and how it stands: missing, differs, partial, other-type, or collect.</summary>
    public sealed record SettleView(string Field, string State);
    /// <summary>Namesakes of a person to identify on one list: the list (wanted, target, person), the agency that keeps it, how many.</summary>
    public sealed record NamesakeView(string List, string? Agency, int Count);
    public sealed record TaskView(Guid Id, string Kind, string Status, int Priority, IReadOnlyList<string> RosterNos, IdentityView Arrested,
        IReadOnlyList<SettleView> Settle, int Namesakes, IReadOnlyList<NamesakeView> NamesakeLists, IReadOnlyList<Item> Candidates,
        string? Outcome, string? DecidedBy, DateTime? DecidedAt, string? Reason);

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

    /// <summary>The tasks of an operation, open ones alone or every one, in the order a reviewer takes them.</summary>
    public static async Task<IReadOnlyList<TaskView>> TasksAsync(ConcordDbContext db, Actor actor, string operationCode, bool openOnly, CancellationToken ct)
    {
        var operation = await CreateOperation.FindAsync(db, actor, operationCode, ct);
        return await TasksAsync(db, actor, operation, openOnly, ct);
    }

    /// <summary>The tasks of an operation already read, and found to be the actor's agency's own.</summary>
    public static async Task<IReadOnlyList<TaskView>> TasksAsync(ConcordDbContext db, Actor actor, Operation operation, bool openOnly, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.ReadReview, "review list", ct);
        if (!actor.Sees(operation.AgencyId)) throw new ConcordException(new NotFoundError("operation", operation.Code));
        var tasks = db.ReviewTasks.AsNoTracking().Where(t => t.OperationId == operation.Id && (!openOnly || t.Status == ReviewTaskStatus.Open));
        var items = await ReadAsync(db, db.ReviewItems.AsNoTracking().Where(i => tasks.Any(t => t.Id == i.TaskId)), ct);
        var byTask = items.ToLookup(i => i.TaskId);
        return (await tasks.ToListAsync(ct))
            .Select(t => (Task: t, Candidates: byTask[t.Id].OrderBy(i => i.Status == "open" ? 0 : 1).ThenByDescending(i => i.Score).ThenBy(i => i.Id).ToList()))
            .Where(x => x.Candidates.Count > 0)
            .OrderBy(x => x.Task.Status).ThenBy(x => x.Task.Priority).ThenBy(x => x.Task.Kind == ReviewTaskKind.NeedsIdentification)
            .ThenByDescending(x => x.Candidates[0].Score).ThenBy(x => x.Task.Id)
            .Select(x => new TaskView(x.Task.Id, Code(x.Task.Kind), x.Task.Status.ToString().ToLowerInvariant(), x.Task.Priority, x.Candidates[0].RosterNos,
                x.Candidates[0].Arrested,
                Settles.Parse(x.Task.Settle).Select(p => p.Split(':', 2)).Select(p => new SettleView(p[0], p.Length > 1 ? p[1] : "")).ToList(),
                x.Task.Namesakes,
                Settles.Parse(x.Task.NamesakeLists).Select(Settles.Count).Select(c => (Where: c.Key.Split(':', 2), c.N))
                    .Select(c => new NamesakeView(c.Where[0], c.Where.Length > 1 && c.Where[1] != "-" ? c.Where[1] : null, c.N)).ToList(),
                x.Candidates, x.Task.Outcome, x.Task.DecidedBy, x.Task.DecidedAt, x.Task.Reason))
            .ToList();
    }

    /// <summary>A task kind as the API and the command line write it.</summary>
    public static string Code(ReviewTaskKind kind) => kind switch
    {
        ReviewTaskKind.Duplicate => "duplicate",
        ReviewTaskKind.NeedsIdentification => "needs-identification",
        _ => "identity",
    };

    /// <summary>Every candidate of an operation's queue, one by one, key figures and fugitives first.</summary>
    public static async Task<IReadOnlyList<Item>> ListAsync(ConcordDbContext db, Actor actor, string operationCode, bool openOnly, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.ReadReview, "review list", ct);
        var operation = await CreateOperation.FindAsync(db, actor, operationCode, ct);
        if (!actor.Sees(operation.AgencyId)) throw new ConcordException(new NotFoundError("operation", operation.Code));
        var items = await ReadAsync(db, db.ReviewItems.AsNoTracking().Where(i => i.OperationId == operation.Id && (!openOnly || i.Status == ReviewStatus.Open)), ct);
        return items.OrderBy(i => i.Priority).ThenByDescending(i => i.Score).ThenBy(i => i.Id).ToList();
    }

    /// <summary>The candidates a query names, with both sides' records.</summary>
    private static async Task<List<Item>> ReadAsync(ConcordDbContext db, IQueryable<ReviewItem> queue, CancellationToken ct)
    {
        // Each read is joined to the queue in the database, so it returns only the rows of persons and candidates
        // the queue names, in a query that is the same whatever the queue's length.
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
        return items.Select(i => new Item(i.Id, rows[i.PersonId].Select(r => r.RosterNo).Order(StringComparer.Ordinal).ToList(), new CandidateView(i.CandidateList, i.CandidateRef), i.Score,
                JsonSerializer.Deserialize<List<EvidenceView>>(i.Evidence, JsonOptions) ?? [], i.Status.ToString().ToLowerInvariant(), i.Priority,
                View(rows[i.PersonId]), CandidateSide(i), i.TaskId, i.Reason))
            .ToList();
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };
}
