using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Imports;
using Concord.Core.Features.Intake;
using Concord.Core.Storage;
using Concord.Matching;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Operations;

/// <summary>
/// What the field learns after the roster went in (a document found on the person, a birth date from an interview),
/// written onto the roster row as the import would have read it. The person is then matched again at once: their open
/// review tasks close, and what the new record decides (an accepted link, a new task) takes their place, in the same
/// transaction as the correction.
/// </summary>
public static class CorrectRoster
{
    /// <summary>The fields a correction may set, as a clerk writes them; null leaves a field as it is.</summary>
    public sealed record Correction(string? BirthDate, string? Sex, string? IdType, string? IdNumber, string? Reason = null);

    /// <param name="Changed">Each field changed, as <c>field: before -> after</c>.</param>
    /// <param name="Links">The person's links to the lists after matching again, as <c>list ref</c>.</param>
    /// <param name="OpenTasks">The person's open review tasks after matching again, as <c>kind id</c>.</param>
    public sealed record Result(string RosterNo, Guid PersonId, IReadOnlyList<string> Changed, IReadOnlyList<string> Links, IReadOnlyList<string> OpenTasks, MatchOperation.Summary? Match);

    public static async Task<Result> RunAsync(ConcordDbContext db, Actor actor, string operationCode, string rosterNo, Correction correction, CancellationToken ct,
        MatchSettings? settings = null, WantedIndex? wanted = null)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.CorrectRoster, "roster correction", ct);
        var operation = await CreateOperation.FindAsync(db, actor, operationCode, ct);
        if (!actor.Sees(operation.AgencyId)) throw new ConcordException(new NotFoundError("operation", operationCode));
        if (correction is { BirthDate: null, Sex: null, IdType: null, IdNumber: null })
            throw new ConcordException(new InvalidRequestError("birth_date", new Phrase(ErrorTexts.NothingToCorrect)));
        var record = await db.RosterRecords.FirstOrDefaultAsync(r => r.OperationId == operation.Id && r.RosterNo == rosterNo, ct)
            ?? throw new ConcordException(new NotFoundError("roster row of " + operation.Code, rosterNo));

        // The corrected row is read exactly as the import reads one: the same checks, the same flags.
        var read = new RosterRecord { RosterNo = record.RosterNo };
        var problems = new List<InputProblem>();
        PersonFields.Read(new CsvRow(1, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = record.Name ?? "",
            ["name_latin"] = record.NameLatin ?? "",
            ["aliases"] = record.Aliases ?? "",
            ["sex"] = correction.Sex ?? record.Sex ?? "",
            ["birth_date"] = correction.BirthDate ?? record.BirthDate ?? "",
            ["nationality"] = record.NationalityWritten ?? record.Nationality ?? "",
            // A new number without its type is typed from the number, not from the document it replaces.
            ["id_type"] = correction.IdType ?? (correction.IdNumber is null ? record.IdType : null) ?? "",
            ["id_number"] = correction.IdNumber ?? record.IdNumberWritten ?? record.IdNumber ?? "",
        }, new Dictionary<string, string>(StringComparer.Ordinal)), "correction", problems, read, fromFile: false);
        if (problems.FirstOrDefault() is { } problem)
            throw new ConcordException(problem.Phrase is { } phrase ? new InvalidRequestError(problem.Column ?? "correction", phrase) : new InvalidRequestError(problem.Column ?? "correction", problem.Detail));
        // Flags of other columns (an unrecognised phone) stay; those of the identity fields are worked out again.
        var otherFlags = (record.Flags ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).Where(f => f.StartsWith("phone-", StringComparison.Ordinal));
        read.Flags = string.Join(';', (read.Flags ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).Concat(otherFlags)) is { Length: > 0 } f ? f : null;

        var changed = new List<string>();
        void Set(string field, string? before, string? after, Action apply)
        {
            if (string.Equals(before, after, StringComparison.Ordinal)) return;
            changed.Add($"{field}: {before ?? "-"} -> {after ?? "-"}");
            apply();
        }
        Set("sex", record.Sex, read.Sex, () => record.Sex = read.Sex);
        Set("birth_date", record.BirthDate, read.BirthDate, () => record.BirthDate = read.BirthDate);
        Set("id_type", record.IdType, read.IdType, () => record.IdType = read.IdType);
        Set("id_number", record.IdNumber, read.IdNumber, () => (record.IdNumber, record.IdNumberWritten) = (read.IdNumber, read.IdNumberWritten));
        Set("flags", record.Flags, read.Flags, () => record.Flags = read.Flags);
        if (changed.Count == 0) return await ResultAsync(db, record, changed, null, ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var person = await db.Persons.FirstAsync(p => p.Id == record.PersonId, ct);
        if (correction.BirthDate is not null) person.BirthDate = record.BirthDate;
        if (correction.Sex is not null) person.Sex = record.Sex;
        if (record.IdType is { } type && record.IdNumber is { } number
            && !await db.PersonIdentifiers.AnyAsync(i => i.PersonId == person.Id && i.Type == type && i.Number == number, ct))
            db.PersonIdentifiers.Add(Identifiers.FromRoster(person.Id, type, number, record.RosterNo));
        db.Record(actor, "roster.correct", nameof(RosterRecord), record.Id,
            $"{operation.Code} {record.RosterNo}: {string.Join("; ", changed)}{(correction.Reason is { } why ? " reason: " + why : "")}");

        // What was proposed from the old record is withdrawn and proposed again from the new one; what a reviewer decided stays.
        var now = DateTime.UtcNow;
        foreach (var task in await db.ReviewTasks.Include(t => t.Items)
            .Where(t => t.PersonId == person.Id && t.Status == ReviewTaskStatus.Open && t.Kind != ReviewTaskKind.Duplicate).ToListAsync(ct))
        {
            task.Status = ReviewTaskStatus.Decided;
            task.Outcome = "withdrawn";
            task.DecidedBy = actor.Name;
            task.DecidedAt = now;
            task.Reason = $"roster {record.RosterNo} corrected";
            foreach (var item in task.Items.Where(i => i.Status == ReviewStatus.Open)) item.Status = ReviewStatus.Withdrawn;
            db.Record(actor, "review.task.withdraw", nameof(ReviewTask), task.Id, task.Reason);
        }
        await db.SaveChangesAsync(ct);
        await Persons.PersonSearch.RefreshAsync(db, [person.Id], ct);
        var match = await MatchOperation.RunAsync(db, actor, operation.Code, settings, ct, wanted, only: person.Id);
        await tx.CommitAsync(ct);
        return await ResultAsync(db, record, changed, match, ct);
    }

    private static async Task<Result> ResultAsync(ConcordDbContext db, RosterRecord record, List<string> changed, MatchOperation.Summary? match, CancellationToken ct)
    {
        var links = await db.PersonLinks.AsNoTracking().Where(l => l.PersonId == record.PersonId).OrderBy(l => l.Kind).ThenBy(l => l.CandidateRef)
            .Select(l => new { l.Kind, l.CandidateRef }).ToListAsync(ct);
        var tasks = await db.ReviewTasks.AsNoTracking().Where(t => t.PersonId == record.PersonId && t.Status == ReviewTaskStatus.Open)
            .Select(t => new { t.Kind, t.Id }).ToListAsync(ct);
        return new Result(record.RosterNo, record.PersonId, changed,
            links.Select(l => $"{l.Kind.ToString().ToLowerInvariant()} {l.CandidateRef}").ToList(),
            tasks.Select(t => $"{Review.ReviewQueue.Code(t.Kind)} {t.Id}").ToList(), match);
    }
}
