using System.Globalization;
using System.Text.Json;
using Concord.Core.Domain;
using Concord.Core.Features.Intake;
using Concord.Core.Storage;
using Concord.Matching;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Review;

/// <summary>
/// Turns the proposals matching could not decide into review tasks: one per arrested person (and a separate one for
/// their duplicate roster rows), with the candidates ranked and what would settle it. A person whose record has nothing
/// but a name to compare, against many namesakes on the lists, gets one task asking the field to identify them.
/// </summary>
public static class ReviewTasks
{
    /// <summary>A candidate the records could not decide: on which list (and whose list), and the matcher's proposal.</summary>
    public sealed record Candidate(string List, Guid Id, string Ref, int Priority, string? ListAgency, MatchProposal Match);

    /// <summary>What the field collects to identify a person with nothing but a name.</summary>
    public static readonly string[] Collect = ["document", "birth_date", "photo", "fingerprint"];

    /// <summary>The open tasks of an operation by person and kind, for matching to add candidates to rather than open another.</summary>
    public static async Task<Dictionary<(Guid Person, ReviewTaskKind Kind), ReviewTask>> OpenByPersonAsync(ConcordDbContext db, Guid operationId, CancellationToken ct) =>
        (await db.ReviewTasks.Where(t => t.OperationId == operationId && t.Status == ReviewTaskStatus.Open).ToListAsync(ct))
            .GroupBy(t => (t.PersonId, t.Kind == ReviewTaskKind.Duplicate ? ReviewTaskKind.Duplicate : ReviewTaskKind.Identity))
            .ToDictionary(g => g.Key, g => g.OrderBy(t => t.CreatedAt).First());

    /// <summary>
    /// Queues <paramref name="candidates"/> of one person: into their open task of the same kind when there is one,
    /// else a new task. Returns the number of candidates queued.
    /// </summary>
    internal static int Raise(ConcordDbContext db, Operation operation, Guid personId, IdentityRecord arrested, IReadOnlyList<Candidate> candidates,
        bool duplicates, MatchSettings settings, Dictionary<(Guid Person, ReviewTaskKind Kind), ReviewTask> open)
    {
        if (candidates.Count == 0) return 0;
        var key = (personId, duplicates ? ReviewTaskKind.Duplicate : ReviewTaskKind.Identity);
        if (!open.TryGetValue(key, out var task))
        {
            task = new ReviewTask
            {
                AgencyId = operation.AgencyId,
                OperationId = operation.Id,
                PersonId = personId,
                Kind = duplicates ? ReviewTaskKind.Duplicate : ReviewTaskKind.Identity,
                Priority = int.MaxValue,
            };
            db.ReviewTasks.Add(task);
            open[key] = task;
        }
        foreach (var c in candidates)
        {
            db.ReviewItems.Add(Item(operation, task, personId, c));
            task.Priority = Math.Min(task.Priority, c.Priority);
        }
        var namesakes = candidates.Where(c => ScoresOnNameAlone(c.Match)).ToList();
        if (!duplicates && (task.Kind == ReviewTaskKind.NeedsIdentification
            || (arrested.BirthDate is null && namesakes.Count >= settings.NamesakeThreshold && !candidates.Any(c => HasMoreThanName(c.Match)))))
        {
            // Every namesake added, on whichever list: the reviewer reads how many and where, not each one.
            task.Kind = ReviewTaskKind.NeedsIdentification;
            task.Namesakes += namesakes.Count;
            task.NamesakeLists = Settles.Merge(task.NamesakeLists, namesakes.GroupBy(c => $"{c.List}:{c.ListAgency ?? "-"}")
                .Select(g => $"{g.Key}={g.Count().ToString(CultureInfo.InvariantCulture)}"), counts: true);
            task.Settle = string.Join(';', Collect.Select(f => f + ":" + Settles.Collect));
        }
        else
        {
            task.Settle = Settles.Merge(task.Settle, Settles.Between(arrested, candidates.Select(c => c.Match.Candidate)), counts: false);
        }
        return candidates.Count;
    }

    /// <summary>A candidate that agrees (or not) on the name alone: no birth date or document compared.</summary>
    internal static bool ScoresOnNameAlone(MatchProposal p) => !p.Evidence.Any(e => e.Kind is "date" or "document" && e.Weight != 0);

    private static bool HasMoreThanName(MatchProposal p) => p.Evidence.Any(e => e.Kind is "date" or "document" && e.Weight > 0);

    private static ReviewItem Item(Operation operation, ReviewTask task, Guid personId, Candidate c) => new()
    {
        AgencyId = operation.AgencyId,
        OperationId = operation.Id,
        TaskId = task.Id,
        PersonId = personId,
        CandidateList = c.List,
        CandidateId = c.Id,
        CandidateRef = c.Ref,
        Score = c.Match.Score,
        Priority = c.Priority,
        // The English text, and the same as templates and values, which a screen says in its reader's language.
        Evidence = JsonSerializer.Serialize(c.Match.Evidence.Select(e => new
        {
            kind = e.Kind,
            text = e.Text,
            weight = e.Weight,
            phrases = e.Phrases.Select(x => new { template = x.Template, args = x.Args }),
        })),
    };
}

/// <summary>
/// What would settle a task, as <c>field:state</c> pairs: a field the arrested person's record lacks and a candidate's
/// holds (missing), one both hold and disagree on (differs), a birth date one side knows only in part (partial), a
/// document of a type the other side does not hold (other-type), and for a person to identify, what to collect.
/// </summary>
public static class Settles
{
    public const string Missing = "missing";
    public const string Differs = "differs";
    public const string Partial = "partial";
    public const string OtherType = "other-type";
    public const string Collect = "collect";

    public static readonly string[] Fields = ["birth_date", "document", "sex", "nationality"];

    public static IEnumerable<string> Between(IdentityRecord arrested, IEnumerable<IdentityRecord> candidates)
    {
        var found = new List<string>();
        void Add(string field, string state)
        {
            var pair = field + ":" + state;
            if (!found.Contains(pair, StringComparer.Ordinal)) found.Add(pair);
        }
        foreach (var c in candidates)
        {
            if (arrested.BirthDate is not { } mine)
            {
                if (c.BirthDate is not null) Add("birth_date", Missing);
            }
            else if (c.BirthDate is { } theirs)
            {
                var agreement = DateComparison.Compare(mine, theirs);
                if (agreement == DateAgreement.Conflict) Add("birth_date", Differs);
                else if (agreement == DateAgreement.Compatible && (mine.Day is null || theirs.Day is null)) Add("birth_date", Partial);
            }
            var ours = arrested.Documents.Where(d => d.Type != DocumentNumbers.Phone).ToList();
            var others = c.Documents.Where(d => d.Type != DocumentNumbers.Phone).ToList();
            if (ours.Count == 0)
            {
                if (others.Count > 0) Add("document", Missing);
            }
            else if (others.Count > 0)
            {
                var shared = ours.Where(d => others.Any(o => o.Type == d.Type)).ToList();
                if (shared.Count == 0) Add("document", OtherType);
                else if (!shared.Any(d => others.Any(o => o.Type == d.Type && string.Equals(o.Number, d.Number, StringComparison.OrdinalIgnoreCase)))) Add("document", Differs);
            }
            if (arrested.Sex == Sex.Unknown && c.Sex != Sex.Unknown) Add("sex", Missing);
            else if (arrested.Sex != Sex.Unknown && c.Sex != Sex.Unknown && arrested.Sex != c.Sex) Add("sex", Differs);
            if (arrested.Nationality is null && c.Nationality is not null) Add("nationality", Missing);
            else if (arrested.Nationality is { } n && c.Nationality is { } m && !string.Equals(n, m, StringComparison.Ordinal)) Add("nationality", Differs);
        }
        return found.OrderBy(p => Array.IndexOf(Fields, p[..p.IndexOf(':', StringComparison.Ordinal)]));
    }

    /// <summary>
    /// Joins stored pairs with new ones, in field order; with <paramref name="counts"/> the pairs are <c>key=n</c> and
    /// the counts of a key add up.
    /// </summary>
    internal static string? Merge(string? stored, IEnumerable<string> more, bool counts)
    {
        var pairs = new List<string>(Parse(stored));
        foreach (var pair in more)
        {
            if (!counts)
            {
                if (!pairs.Contains(pair, StringComparer.Ordinal)) pairs.Add(pair);
                continue;
            }
            var (key, n) = Count(pair);
            var at = pairs.FindIndex(p => Count(p).Key == key);
            if (at < 0) pairs.Add(pair);
            else pairs[at] = $"{key}={(Count(pairs[at]).N + n).ToString(CultureInfo.InvariantCulture)}";
        }
        return pairs.Count == 0 ? null : string.Join(';', pairs);
    }

    public static IEnumerable<string> Parse(string? stored) => stored?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    public static (string Key, int N) Count(string pair)
    {
        var at = pair.LastIndexOf('=');
        return at < 0 ? (pair, 0) : (pair[..at], int.Parse(pair[(at + 1)..], CultureInfo.InvariantCulture));
    }
}
