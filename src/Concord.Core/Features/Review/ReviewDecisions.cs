using System.Globalization;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features;
using Concord.Core.Features.Imports;
using Concord.Core.Features.Intake;
using Concord.Core.Features.Operations;
using Concord.Core.Storage;
using Concord.Matching;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Review;

/// <summary>
/// A reviewer's decisions on the queue, one or a whole file at once: confirm one candidate of a task (the others are
/// rejected as another candidate confirmed), reject every candidate, or send the person back to be identified. Every
/// decision is checked before any is taken; one refused decision (named by its row and column) changes nothing. A
/// decision may name a task or one of its candidates.
/// </summary>
public static class ReviewDecisions
{
    public enum Verdict { Confirm, Reject, NeedsIdentification }

    public static readonly CsvColumn[] Columns =
    [
        new("id", "编号", true), new("decision", "决定", true), new("candidate", "候选人"), new("reason", "理由"),
    ];

    /// <summary>A decision as written. <paramref name="Row"/> names it in a refusal: the file's row (the header is row 1) or the request's position (from 1).</summary>
    public sealed record Decision(int Row, string? Id, string? Verdict, string? Candidate, string? Reason);

    /// <summary>What one decision did to its task: its status after, the candidate confirmed, how many candidates it rejected.</summary>
    public sealed record Outcome(int Row, Guid Task, string Kind, string Status, string? Confirmed, int Rejected);

    public sealed record Result(string Operation, string Source, int Decisions, int Confirmed, int Rejected, int NeedsIdentification, IReadOnlyList<Outcome> Outcomes);

    private const string AnotherConfirmed = "another candidate confirmed";

    public static async Task<Result> FromFileAsync(ConcordDbContext db, Actor actor, string path, string operationCode, CancellationToken ct)
    {
        var operation = await FindOwnAsync(db, actor, operationCode, ct);
        var table = CsvTable.Read(path, Columns);
        return await DecideAsync(db, actor, operation, Read(table), table.FileName, ct);
    }

    public static IReadOnlyList<Decision> Read(CsvTable table) =>
        table.Rows.Select(r => new Decision(r.Row, r["id"], r["decision"], r["candidate"], r["reason"])).ToList();

    /// <summary>The operation by code, when the actor's agency runs it.</summary>
    public static async Task<Operation> FindOwnAsync(ConcordDbContext db, Actor actor, string operationCode, CancellationToken ct)
    {
        var operation = await CreateOperation.FindAsync(db, actor, operationCode, ct);
        if (!actor.Sees(operation.AgencyId)) throw new ConcordException(new NotFoundError("operation", operationCode));
        return operation;
    }

    /// <summary>Checks every decision, then takes them all in one transaction, each audited; <paramref name="source"/> names them in refusals and the trail.</summary>
    public static async Task<Result> DecideAsync(ConcordDbContext db, Actor actor, Operation operation, IReadOnlyList<Decision> decisions, string source, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.DecideReview, "review.decide", ct);
        if (!actor.Sees(operation.AgencyId)) throw new ConcordException(new NotFoundError("operation", operation.Code));
        if (decisions.Count == 0) throw new ConcordException(new InvalidRequestError("decisions", $"{source} holds no decision"));
        var tasks = await db.ReviewTasks.Include(t => t.Items).Where(t => t.OperationId == operation.Id).ToListAsync(ct);
        var problems = new List<InputProblem>();
        var steps = new List<Step>(decisions.Count);
        var decidedOn = new Dictionary<Guid, int>();
        foreach (var d in decisions)
        {
            var (step, field, phrase) = Check(d, operation, tasks, decidedOn);
            if (step is not null) steps.Add(step);
            else problems.Add(new InputProblem(source, d.Row, field, phrase!));
        }
        if (problems.Count > 0) throw new ConcordException(new InvalidInputError(problems));

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var outcomes = new List<Outcome>(steps.Count);
        foreach (var step in steps) outcomes.Add(await ApplyAsync(db, actor, step, ct));
        var result = new Result(operation.Code, source, outcomes.Count, outcomes.Count(o => o.Confirmed is not null), outcomes.Sum(o => o.Rejected),
            steps.Count(s => s.Verdict == Verdict.NeedsIdentification), outcomes);
        db.Record(actor, "review.batch", nameof(Operation), operation.Id,
            string.Create(CultureInfo.InvariantCulture, $"{source}: decisions={result.Decisions} confirmed={result.Confirmed} rejected={result.Rejected} needs_identification={result.NeedsIdentification}"));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>The agency that owns a review task or candidate, named by id; null when there is none.</summary>
    public static async Task<Guid?> OwnerAsync(ConcordDbContext db, Guid id, CancellationToken ct) =>
        await db.ReviewItems.AsNoTracking().Where(i => i.Id == id).Select(i => (Guid?)i.AgencyId).FirstOrDefaultAsync(ct)
        ?? await db.ReviewTasks.AsNoTracking().Where(t => t.Id == id).Select(t => (Guid?)t.AgencyId).FirstOrDefaultAsync(ct);

    /// <summary>
    /// One decision on a task or one candidate, wherever it is: refused as not found outside the actor's agency, as a
    /// conflict when it was decided already.
    /// </summary>
    public static async Task<Outcome> DecideOneAsync(ConcordDbContext db, Actor actor, Guid id, string verdict, string? candidate, string? reason, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.DecideReview, "review.decide", ct);
        var operationId = await db.ReviewItems.AsNoTracking().Where(i => i.Id == id).Select(i => (Guid?)i.OperationId).FirstOrDefaultAsync(ct)
            ?? await db.ReviewTasks.AsNoTracking().Where(t => t.Id == id).Select(t => (Guid?)t.OperationId).FirstOrDefaultAsync(ct);
        var operation = operationId is { } o ? await db.Operations.FirstOrDefaultAsync(x => x.Id == o, ct) : null;
        if (operation is null || !actor.Sees(operation.AgencyId)) throw new ConcordException(new NotFoundError("review task or item", id.ToString()));
        try
        {
            return (await DecideAsync(db, actor, operation, [new Decision(1, id.ToString(), verdict, candidate, reason)], "decision", ct)).Outcomes[0];
        }
        catch (ConcordException e) when (e.Error is InvalidInputError { Problems: [{ Phrase: { } phrase } problem] })
        {
            // One decision is answered as one: a conflict with the records, or a field of the request.
            if (ErrorTexts.All.Contains(phrase.Template)) throw new ConcordException(new ConflictError(phrase));
            throw new ConcordException(new InvalidRequestError(problem.Column ?? "decision", phrase));
        }
    }

    private sealed record Step(int Row, ReviewTask Task, ReviewItem? Named, Verdict Verdict, ReviewItem? Confirm, string? Reason);

    private static (Step? Step, string? Field, Phrase? Problem) Check(Decision d, Operation operation, List<ReviewTask> tasks, Dictionary<Guid, int> decidedOn)
    {
        if (d.Id is null) return (null, "id", new Phrase(ProblemTexts.ValueRequired));
        ReviewTask? task = null;
        ReviewItem? named = null;
        if (Guid.TryParse(d.Id, out var id))
        {
            task = tasks.FirstOrDefault(t => t.Id == id);
            named = task is null ? tasks.SelectMany(t => t.Items).FirstOrDefault(i => i.Id == id) : null;
            task ??= named is null ? null : tasks.First(t => t.Id == named.TaskId);
        }
        if (task is null) return (null, "id", new Phrase(ProblemTexts.NotAReviewId, d.Id, operation.Code));
        if (!TryVerdict(d.Verdict, out var verdict)) return (null, "decision", new Phrase(ProblemTexts.NotADecision, d.Verdict ?? ""));
        if (decidedOn.TryGetValue(task.Id, out var earlier)) return (null, "id", new Phrase(ProblemTexts.TaskDecidedOnRow, task.Id.ToString(), earlier.ToString(CultureInfo.InvariantCulture)));
        if (Closed(task, named) is { } closed) return (null, "id", closed);
        var open = task.Items.Where(i => i.Status == ReviewStatus.Open).OrderByDescending(i => i.Score).ToList();
        ReviewItem? confirm = null;
        switch (verdict)
        {
            case Verdict.Confirm:
                if (d.Candidate is { } c)
                {
                    confirm = open.FirstOrDefault(i => string.Equals(i.CandidateRef, c, StringComparison.OrdinalIgnoreCase) || string.Equals(i.Id.ToString(), c, StringComparison.OrdinalIgnoreCase));
                    if (confirm is null || (named is not null && confirm.Id != named.Id)) return (null, "candidate", new Phrase(ProblemTexts.NotACandidate, c, task.Id.ToString()));
                }
                else
                {
                    confirm = named ?? (open.Count == 1 ? open[0] : null);
                    if (confirm is null) return (null, "candidate", new Phrase(ProblemTexts.CandidateNeeded, task.Id.ToString(), open.Count.ToString(CultureInfo.InvariantCulture)));
                }
                break;
            case Verdict.NeedsIdentification:
                if (named is not null) return (null, "decision", new Phrase(ProblemTexts.IdentificationIsForTasks));
                if (task.Kind == ReviewTaskKind.Duplicate) return (null, "decision", new Phrase(ProblemTexts.DuplicatesNeedNoIdentification));
                if (task.Kind == ReviewTaskKind.NeedsIdentification) return (null, "decision", new Phrase(ProblemTexts.AlreadyAwaitsIdentification, task.Id.ToString()));
                break;
            default:
                break;
        }
        decidedOn[task.Id] = d.Row;
        return (new Step(d.Row, task, named, verdict, confirm, d.Reason), null, null);
    }

    /// <summary>Why a task, or the candidate named, can no longer be decided; null while it can.</summary>
    private static Phrase? Closed(ReviewTask task, ReviewItem? named)
    {
        if (named is not null && named.Status != ReviewStatus.Open)
        {
            return named.Status switch
            {
                ReviewStatus.Confirmed => new Phrase(ErrorTexts.ReviewAlreadyConfirmed, named.Id.ToString(), named.DecidedBy ?? ""),
                ReviewStatus.Rejected => new Phrase(ErrorTexts.ReviewAlreadyRejected, named.Id.ToString(), named.DecidedBy ?? ""),
                _ => new Phrase(ErrorTexts.ReviewItemWithdrawn, named.Id.ToString()),
            };
        }
        if (task.Status == ReviewTaskStatus.Open) return null;
        return task.Outcome switch
        {
            "confirmed" => new Phrase(ErrorTexts.TaskAlreadyConfirmed, task.Id.ToString(), task.DecidedBy ?? ""),
            "rejected" => new Phrase(ErrorTexts.TaskAlreadyRejected, task.Id.ToString(), task.DecidedBy ?? ""),
            _ => new Phrase(ErrorTexts.TaskWithdrawn, task.Id.ToString()),
        };
    }

    /// <summary>A decision as clerks write it: the English word, or its Chinese.</summary>
    public static bool TryVerdict(string? text, out Verdict verdict)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "confirm" or "确认":
                verdict = Verdict.Confirm;
                return true;
            case "reject" or "否决":
                verdict = Verdict.Reject;
                return true;
            case "needs-identification" or "needs_identification" or "待查明身份":
                verdict = Verdict.NeedsIdentification;
                return true;
            default:
                verdict = default;
                return false;
        }
    }

    private static async Task<Outcome> ApplyAsync(ConcordDbContext db, Actor actor, Step step, CancellationToken ct)
    {
        var task = step.Task;
        var now = DateTime.UtcNow;
        var rejected = 0;
        void Close(string outcome)
        {
            task.Status = ReviewTaskStatus.Decided;
            task.Outcome = outcome;
            task.DecidedBy = actor.Name;
            task.DecidedAt = now;
            task.Reason = step.Reason;
        }
        switch (step.Verdict)
        {
            case Verdict.Confirm:
                var confirmed = step.Confirm!;
                await ConfirmAsync(db, actor, confirmed, step.Reason, now, ct);
                // A confirmed roster duplicate merges two persons, and the other's candidates may join this task: read them again.
                await db.SaveChangesAsync(ct);
                foreach (var other in await db.ReviewItems.Where(i => i.TaskId == task.Id && i.Status == ReviewStatus.Open).ToListAsync(ct))
                {
                    Reject(db, actor, other, $"{AnotherConfirmed}: {confirmed.CandidateList} {confirmed.CandidateRef}", now);
                    rejected++;
                }
                Close("confirmed");
                db.Record(actor, "review.task.confirm", nameof(ReviewTask), task.Id, $"{confirmed.CandidateList} {confirmed.CandidateRef}; others rejected: {rejected}{Because(step.Reason)}");
                return new Outcome(step.Row, task.Id, ReviewQueue.Code(task.Kind), "decided", confirmed.CandidateRef, rejected);
            case Verdict.Reject:
                foreach (var item in step.Named is { } one ? [one] : task.Items.Where(i => i.Status == ReviewStatus.Open).ToList())
                {
                    Reject(db, actor, item, step.Reason, now);
                    rejected++;
                }
                if (task.Items.All(i => i.Status != ReviewStatus.Open))
                {
                    Close("rejected");
                    db.Record(actor, "review.task.reject", nameof(ReviewTask), task.Id, $"candidates rejected: {rejected}{Because(step.Reason)}");
                }
                return new Outcome(step.Row, task.Id, ReviewQueue.Code(task.Kind), task.Status.ToString().ToLowerInvariant(), null, rejected);
            default:
                var open = task.Items.Where(i => i.Status == ReviewStatus.Open).ToList();
                task.Kind = ReviewTaskKind.NeedsIdentification;
                task.Namesakes = open.Count;
                task.NamesakeLists = string.Join(';', open.GroupBy(i => i.CandidateList).Select(g => $"{g.Key}:-={g.Count().ToString(CultureInfo.InvariantCulture)}"));
                task.Settle = string.Join(';', ReviewTasks.Collect.Select(f => f + ":" + Settles.Collect));
                task.Reason = step.Reason;
                db.Record(actor, "review.task.needs-identification", nameof(ReviewTask), task.Id, $"candidates: {open.Count}{Because(step.Reason)}");
                return new Outcome(step.Row, task.Id, ReviewQueue.Code(task.Kind), "open", null, 0);
        }
    }

    private static string Because(string? reason) => reason is null ? "" : " reason: " + reason;

    private static void Reject(ConcordDbContext db, Actor actor, ReviewItem item, string? reason, DateTime now)
    {
        item.Status = ReviewStatus.Rejected;
        item.DecidedBy = actor.Name;
        item.DecidedAt = now;
        item.Reason = reason;
        db.Record(actor, "review.reject", nameof(ReviewItem), item.Id, $"{item.CandidateList} {item.CandidateRef}{Because(reason)}");
    }

    /// <summary>The candidate is the person: linked to them, with the list's identifiers copied (a roster duplicate merges the two).</summary>
    private static async Task ConfirmAsync(ConcordDbContext db, Actor actor, ReviewItem item, string? reason, DateTime now, CancellationToken ct)
    {
        item.Status = ReviewStatus.Confirmed;
        item.DecidedBy = actor.Name;
        item.DecidedAt = now;
        item.Reason = reason;
        db.Record(actor, "review.confirm", nameof(ReviewItem), item.Id, $"{item.CandidateList} {item.CandidateRef}{Because(reason)}");
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
                Link(db, item, LinkKind.Target, actor, await db.Operations.Where(o => o.Id == item.OperationId).Select(o => o.Handling).FirstAsync(ct));
                db.PersonIdentifiers.AddRange(MatchOperation.CopyIds(item.PersonId, t, IdentifierTrust.Lead, $"target:{t.TargetId}"));
                break;
            case "person":
                Link(db, item, LinkKind.Person, actor);
                break;
            default:
                break;
        }
    }

    private static void Link(ConcordDbContext db, ReviewItem item, LinkKind kind, Actor actor, Handling handling = Handling.H0) =>
        db.PersonLinks.Add(new PersonLink
        {
            AgencyId = item.AgencyId,
            PersonId = item.PersonId,
            Kind = kind,
            CandidateId = item.CandidateId,
            CandidateRef = item.CandidateRef,
            Score = item.Score,
            DecidedBy = actor.Name,
            Handling = handling,
        });
}
