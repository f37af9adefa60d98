using System.Globalization;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Operations;
using Concord.Core.Features.Review;
using Concord.Core.Storage;
using Concord.Matching;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Intake;

/// <summary>
/// Intake matching: finds duplicate roster rows, then matches every arrested person against the wanted lists, the lead's
/// targets and persons already known. The records decide what they can (accepted); a reviewer decides the rest, one
/// task per person (<see cref="ReviewTasks"/>). A pair once proposed is never proposed again, unless the person's record
/// was corrected since.
/// </summary>
public static class MatchOperation
{
    /// <param name="Queued">Candidates queued for review by this run.</param>
    /// <param name="QueueOpen">Candidates awaiting a decision, in <paramref name="TasksOpen"/> tasks, <paramref name="NeedsIdentification"/> of them persons to identify.</param>
    public sealed record Summary(int Persons, int RosterRows, int DuplicatesMerged, int Accepted, int Queued, int QueueOpen, int TasksOpen, int NeedsIdentification);

    /// <param name="wanted">The node's wanted-list index; without one, the index beside the database is opened and brought up to date.</param>
    /// <param name="only">Match this person alone (their record was corrected); every other person is left as it is.</param>
    public static async Task<Summary> RunAsync(ConcordDbContext db, Actor actor, string operationCode, MatchSettings? settings, CancellationToken ct, WantedIndex? wanted = null, Guid? only = null)
    {
        // A correction matches its one person again as part of the correction, under the correction's roles.
        if (only is null) await Access.RequireRoleAsync(db, actor, RoleTable.Match, "match", ct);
        var operation = await CreateOperation.FindAsync(db, actor, operationCode, ct);
        if (!actor.Sees(operation.AgencyId)) throw new ConcordException(new NotFoundError("operation", operationCode));
        settings ??= MatchSettings.Defaults;
        IdentityMatcher Matcher(string list) => new(settings.For(list));
        // Opening catches up by itself; an index handed in is brought up to the lists' latest revision here.
        if (wanted is null) wanted = await WantedIndex.OpenAsync(db, ct);
        else await wanted.CatchUpAsync(db, ct);
        // A caller's transaction (a roster correction) is joined: the correction and the matching it causes commit together.
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;

        // Read without tracking: tens of thousands of tracked rows would be scanned again at every save of a merge.
        // A merge moves rows to the kept person in the database; the copies here follow by hand.
        var rows = await db.RosterRecords.AsNoTracking().Where(r => r.OperationId == operation.Id).OrderBy(r => r.RosterNo).ToListAsync(ct);
        var rowsOf = rows.GroupBy(r => r.PersonId).ToDictionary(g => g.Key, g => g.ToList());
        var decided = (await db.ReviewItems.AsNoTracking().Where(i => i.OperationId == operation.Id && i.Status != ReviewStatus.Withdrawn)
            .Select(i => new { i.PersonId, i.CandidateId }).ToListAsync(ct)).Select(x => (x.PersonId, x.CandidateId)).ToHashSet();
        var open = await ReviewTasks.OpenByPersonAsync(db, operation.Id, ct);
        int accepted = 0, queued = 0, merged = 0;

        // 1. Duplicate rows: the same person written down by two units.
        var rosterIndex = new CompactIdentityIndex();
        var byKey = new Dictionary<string, RosterRecord>(StringComparer.Ordinal);
        var rowRecords = rows.Select(r => IdentityRecords.From("roster:" + r.RosterNo, [r])).ToList();
        foreach (var (r, rec) in rows.Zip(rowRecords)) byKey[rec.Key] = r;
        rosterIndex.AddRange(rowRecords);
        rosterIndex.Freeze();
        var rosterMatcher = Matcher("roster");
        var rosterProposals = new IReadOnlyList<MatchProposal>[rows.Count];
        Parallel.For(0, rows.Count, new ParallelOptions { CancellationToken = ct }, i => rosterProposals[i] = rosterMatcher.Match(rowRecords[i], rosterIndex, Pool));
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var duplicates = new List<ReviewTasks.Candidate>();
            foreach (var p in rosterProposals[i])
            {
                var other = byKey[p.Candidate.Key];
                if (other.Id == r.Id || other.PersonId == r.PersonId || string.CompareOrdinal(other.RosterNo, r.RosterNo) < 0) continue;
                if (p.Decision == MatchDecision.Accept)
                {
                    var (keep, drop) = (r.PersonId, other.PersonId);
                    await PersonMerge.MergeAsync(db, actor, keep, drop, $"duplicate roster rows {r.RosterNo} and {other.RosterNo}", ct);
                    if (rowsOf.Remove(drop, out var moved))
                    {
                        foreach (var m in moved) m.PersonId = keep;
                        rowsOf[keep].AddRange(moved);
                    }
                    merged++;
                }
                else if (!decided.Contains((r.PersonId, other.Id)))
                {
                    duplicates.Add(new("roster", other.Id, other.RosterNo, 4, null, p));
                    decided.Add((r.PersonId, other.Id));
                }
            }
            queued += ReviewTasks.Raise(db, operation, r.PersonId, rowRecords[i], duplicates, duplicates: true, settings, open);
        }
        await db.SaveChangesAsync(ct);
        // Merges move tasks from one person to another: read again who has which.
        open = await ReviewTasks.OpenByPersonAsync(db, operation.Id, ct);

        // 2. Every person against the lists. Proposals are worked out for all persons first (on every core), then the
        // few list records they name are read, then decided in roster order.
        var lead = operation.Lead!;
        var targets = await db.Targets.AsNoTracking().Where(t => t.LeadId == lead.Id).ToListAsync(ct);
        var targetIndex = new CompactIdentityIndex();
        var targetByKey = new Dictionary<string, Target>(StringComparer.Ordinal);
        foreach (var t in targets)
        {
            var rec = IdentityRecords.From("target:" + t.Id.ToString("N"), [t]);
            targetByKey[rec.Key] = t;
            targetIndex.Add(rec);
        }
        targetIndex.Freeze();
        var personIndex = await KnownPersonsAsync(db, operation.Id, ct);

        var links = (await db.PersonLinks.AsNoTracking().Where(l => l.AgencyId == operation.AgencyId).Select(l => new { l.PersonId, l.CandidateId, l.Kind }).ToListAsync(ct))
            .ToLookup(l => l.PersonId);
        var (targetMatcher, wantedMatcher, personMatcher) = (Matcher("target"), Matcher("wanted"), Matcher("person"));
        var persons = rows.GroupBy(r => r.PersonId).Where(g => only is null || g.Key == only).ToList();
        var found = new (IReadOnlyList<MatchProposal> Targets, IReadOnlyList<WantedIndex.Proposal> Wanted, IReadOnlyList<MatchProposal> Persons)[persons.Count];
        var queries = new IdentityRecord[persons.Count];
        Parallel.For(0, persons.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            var query = queries[i] = IdentityRecords.From("person:" + persons[i].Key.ToString("N"), persons[i]);
            found[i] = (targetMatcher.Match(query, targetIndex, Pool), wanted.Match(wantedMatcher, query, Pool), personMatcher.Match(query, personIndex, Pool));
        });
        var agencyCodes = await Agencies.CodesAsync(db, ct);
        var wantedRows = await WantedIndex.ReadAsync(db, found.SelectMany(f => f.Wanted).Select(w => w.WantedPersonId), ct);

        for (var i = 0; i < persons.Count; i++)
        {
            var person = persons[i];
            var rosterNos = string.Join(',', person.Select(r => r.RosterNo));
            var undecided = new List<ReviewTasks.Candidate>();

            void Consider(IEnumerable<MatchProposal> proposals, LinkKind kind, string list, Func<MatchProposal, (Guid Id, string Ref, int Priority, Guid ListAgency, IEnumerable<PersonIdentifier> Ids)> describe)
            {
                var already = links[person.Key].Any(l => l.Kind == kind);
                var acceptedOne = already;
                foreach (var p in proposals)
                {
                    var (candidateId, candidateRef, priority, listAgency, ids) = describe(p);
                    if (links[person.Key].Any(l => l.CandidateId == candidateId) || decided.Contains((person.Key, candidateId))) continue;
                    if (p.Decision == MatchDecision.Accept && !acceptedOne)
                    {
                        acceptedOne = true;
                        db.PersonLinks.Add(new PersonLink
                        {
                            AgencyId = operation.AgencyId,
                            PersonId = person.Key,
                            Kind = kind,
                            CandidateId = candidateId,
                            CandidateRef = candidateRef,
                            Score = p.Score,
                            DecidedBy = "records",
                            Handling = kind == LinkKind.Target ? operation.Handling : Handling.H0,
                        });
                        foreach (var id in ids) db.PersonIdentifiers.Add(id);
                        db.Record(actor, "match.accept", nameof(Person), person.Key,
                            $"{rosterNos} = {list} {candidateRef} score={p.Score.ToString("0.000", CultureInfo.InvariantCulture)}: {string.Join("; ", p.Evidence.Select(e => e.Text))}");
                        accepted++;
                    }
                    else
                    {
                        undecided.Add(new(list, candidateId, candidateRef, priority, agencyCodes.GetValueOrDefault(listAgency), p));
                    }
                    decided.Add((person.Key, candidateId));
                }
            }

            Consider(found[i].Targets, LinkKind.Target, "target", p =>
            {
                var t = targetByKey[p.Candidate.Key];
                return (t.Id, t.TargetId, t.Role == TargetRole.Member ? 2 : 0, t.AgencyId, CopyIds(person.Key, t, IdentifierTrust.Lead, $"target:{t.TargetId}"));
            });
            Consider(found[i].Wanted.Select(w => w.Match), LinkKind.Wanted, "wanted", p =>
            {
                var w = wantedRows[WantedIndex.IdOf(p.Candidate)];
                return (w.Id, w.WantedId, 1, w.AgencyId, CopyIds(person.Key, w, IdentifierTrust.WantedList, $"wanted:{w.WantedId}"));
            });
            Consider(found[i].Persons, LinkKind.Person, "person", p =>
            {
                var id = Guid.ParseExact(p.Candidate.Key["person:".Length..], "N");
                return (id, id.ToString(), 3, Guid.Empty, []);
            });
            queued += ReviewTasks.Raise(db, operation, person.Key, queries[i], undecided, duplicates: false, settings, open);
        }
        await db.SaveChangesAsync(ct);

        var personCount = await db.RosterRecords.Where(r => r.OperationId == operation.Id).Select(r => r.PersonId).Distinct().CountAsync(ct);
        var openItems = await db.ReviewItems.CountAsync(i => i.OperationId == operation.Id && i.Status == ReviewStatus.Open, ct);
        var openTasks = await db.ReviewTasks.Where(t => t.OperationId == operation.Id && t.Status == ReviewTaskStatus.Open)
            .GroupBy(t => t.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var identify = openTasks.GetValueOrDefault(ReviewTaskKind.NeedsIdentification);
        db.Record(actor, "match.run", nameof(Operation), operation.Id,
            $"persons={personCount} merged={merged} accepted={accepted} queued={queued} tasks_open={openTasks.Values.Sum()} needs_identification={identify}" + (only is { } one ? $" person={one:D}" : ""));
        await db.SaveChangesAsync(ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return new Summary(personCount, rows.Count, rows.Count - personCount, accepted, queued, openItems, openTasks.Values.Sum(), identify);
    }

    /// <summary>How many candidates the index retrieves per query for the scorer: far more than ever pass the rules.</summary>
    private const int Pool = 50;

    /// <summary>Persons of the other operations, one record per person over their roster rows, read as a stream of their identity columns.</summary>
    private static async Task<CompactIdentityIndex> KnownPersonsAsync(ConcordDbContext db, Guid operationId, CancellationToken ct)
    {
        var index = new CompactIdentityIndex();
        var batch = new List<IdentityRecord>(4096);
        var current = Guid.Empty;
        var rows = new List<RosterRecord>(2);
        void Flush()
        {
            if (rows.Count > 0) batch.Add(IdentityRecords.From("person:" + current.ToString("N"), rows));
            rows = new List<RosterRecord>(2);
            if (batch.Count >= 4096)
            {
                index.AddRange(batch);
                batch.Clear();
            }
        }
        var query = db.RosterRecords.AsNoTracking()
            .Where(r => r.OperationId != operationId && db.Persons.Any(p => p.Id == r.PersonId && p.OperationId != operationId))
            .OrderBy(r => r.PersonId)
            .Select(r => new RosterRecord
            {
                RosterNo = r.RosterNo,
                PersonId = r.PersonId,
                Name = r.Name,
                NameLatin = r.NameLatin,
                Aliases = r.Aliases,
                Sex = r.Sex,
                BirthDate = r.BirthDate,
                Nationality = r.Nationality,
                IdType = r.IdType,
                IdNumber = r.IdNumber,
            });
        await foreach (var r in query.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (r.PersonId != current) Flush();
            current = r.PersonId;
            rows.Add(r);
        }
        Flush();
        index.AddRange(batch);
        index.Freeze();
        return index;
    }

    internal static IEnumerable<PersonIdentifier> CopyIds(Guid personId, PersonRecord record, IdentifierTrust trust, string source)
    {
        if (record.IdType is { } type && record.IdNumber is { } number)
            yield return Identifiers.Create(personId, type, number, trust, source);
    }
}
