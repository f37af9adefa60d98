using System.Globalization;
using System.Text.Json;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Operations;
using Concord.Core.Storage;
using Concord.Matching;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Intake;

/// <summary>
/// Intake matching: finds duplicate roster rows, then matches every arrested person against the wanted lists, the lead's
/// targets and persons already known. The records decide what they can (accepted); a reviewer decides the rest (queued).
/// A pair once decided is never proposed again.
/// </summary>
public static class MatchOperation
{
    public sealed record Summary(int Persons, int RosterRows, int DuplicatesMerged, int Accepted, int Queued, int QueueOpen);

    public static async Task<Summary> RunAsync(ConcordDbContext db, Actor actor, string operationCode, MatchSettings? settings, CancellationToken ct)
    {
        var operation = await CreateOperation.FindAsync(db, actor, operationCode, ct);
        if (!actor.Sees(operation.AgencyId)) throw new ConcordException(new NotFoundError("operation", operationCode));
        settings ??= MatchSettings.Defaults;
        IdentityMatcher Matcher(string list) => new(settings.For(list));
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var rows = await db.RosterRecords.Where(r => r.OperationId == operation.Id).OrderBy(r => r.RosterNo).ToListAsync(ct);
        var decided = (await db.ReviewItems.AsNoTracking().Where(i => i.OperationId == operation.Id)
            .Select(i => new { i.PersonId, i.CandidateId }).ToListAsync(ct)).Select(x => (x.PersonId, x.CandidateId)).ToHashSet();
        int accepted = 0, queued = 0, merged = 0;

        // 1. Duplicate rows: the same person written down by two units.
        var rosterIndex = new IdentityIndex();
        var byKey = new Dictionary<string, RosterRecord>(StringComparer.Ordinal);
        var rowRecords = rows.Select(r => IdentityRecords.From("roster:" + r.RosterNo, [r])).ToList();
        foreach (var (r, rec) in rows.Zip(rowRecords))
        {
            byKey[rec.Key] = r;
            rosterIndex.Add(rec);
        }
        var rosterMatcher = Matcher("roster");
        foreach (var (r, query) in rows.Zip(rowRecords))
        {
            foreach (var p in rosterMatcher.Match(query, rosterIndex))
            {
                var other = byKey[p.Candidate.Key];
                if (other.Id == r.Id || other.PersonId == r.PersonId || string.CompareOrdinal(other.RosterNo, r.RosterNo) < 0) continue;
                if (p.Decision == MatchDecision.Accept)
                {
                    await PersonMerge.MergeAsync(db, actor, keep: r.PersonId, drop: other.PersonId, $"duplicate roster rows {r.RosterNo} and {other.RosterNo}", ct);
                    merged++;
                }
                else if (!decided.Contains((r.PersonId, other.Id)))
                {
                    Queue(db, operation, r.PersonId, "roster", other.Id, other.RosterNo, p, priority: 4);
                    decided.Add((r.PersonId, other.Id));
                    queued++;
                }
            }
        }
        await db.SaveChangesAsync(ct);

        // 2. Every person against the lists.
        var lead = operation.Lead!;
        var targets = await db.Targets.AsNoTracking().Where(t => t.LeadId == lead.Id).ToListAsync(ct);
        var wanted = await db.WantedPersons.AsNoTracking().ToListAsync(ct);
        var known = await db.Persons.AsNoTracking().Where(p => p.OperationId != operation.Id).Select(p => p.Id).ToListAsync(ct);
        var knownRows = await db.RosterRecords.AsNoTracking().Where(r => r.OperationId != operation.Id).ToListAsync(ct);

        var wantedIndex = new IdentityIndex();
        var wantedByKey = new Dictionary<string, WantedPerson>(StringComparer.Ordinal);
        foreach (var w in wanted) { var rec = IdentityRecords.From("wanted:" + w.Id.ToString("N"), [w]); wantedByKey[rec.Key] = w; wantedIndex.Add(rec); }
        var targetIndex = new IdentityIndex();
        var targetByKey = new Dictionary<string, Target>(StringComparer.Ordinal);
        foreach (var t in targets) { var rec = IdentityRecords.From("target:" + t.Id.ToString("N"), [t]); targetByKey[rec.Key] = t; targetIndex.Add(rec); }
        var personIndex = new IdentityIndex();
        var knownSet = known.ToHashSet();
        foreach (var g in knownRows.Where(r => knownSet.Contains(r.PersonId)).GroupBy(r => r.PersonId))
            personIndex.Add(IdentityRecords.From("person:" + g.Key.ToString("N"), g));

        var links = (await db.PersonLinks.AsNoTracking().Where(l => l.AgencyId == operation.AgencyId).Select(l => new { l.PersonId, l.CandidateId, l.Kind }).ToListAsync(ct))
            .ToLookup(l => l.PersonId);
        var (targetMatcher, wantedMatcher, personMatcher) = (Matcher("target"), Matcher("wanted"), Matcher("person"));
        foreach (var person in rows.GroupBy(r => r.PersonId))
        {
            var query = IdentityRecords.From("person:" + person.Key.ToString("N"), person);
            var rosterNos = string.Join(',', person.Select(r => r.RosterNo));

            void Consider(IReadOnlyList<MatchProposal> proposals, LinkKind kind, string list, Func<MatchProposal, (Guid Id, string Ref, int Priority, IEnumerable<PersonIdentifier> Ids)> describe)
            {
                var already = links[person.Key].Any(l => l.Kind == kind);
                var acceptedOne = already;
                foreach (var p in proposals)
                {
                    var (candidateId, candidateRef, priority, ids) = describe(p);
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
                        });
                        foreach (var id in ids) db.PersonIdentifiers.Add(id);
                        db.Record(actor, "match.accept", nameof(Person), person.Key,
                            $"{rosterNos} = {list} {candidateRef} score={p.Score.ToString("0.000", CultureInfo.InvariantCulture)}: {string.Join("; ", p.Evidence.Select(e => e.Text))}");
                        accepted++;
                    }
                    else
                    {
                        Queue(db, operation, person.Key, list, candidateId, candidateRef, p, priority);
                        queued++;
                    }
                    decided.Add((person.Key, candidateId));
                }
            }

            Consider(targetMatcher.Match(query, targetIndex), LinkKind.Target, "target", p =>
            {
                var t = targetByKey[p.Candidate.Key];
                return (t.Id, t.TargetId, t.Role == TargetRole.Member ? 2 : 0, CopyIds(person.Key, t, IdentifierTrust.Lead, $"target:{t.TargetId}"));
            });
            Consider(wantedMatcher.Match(query, wantedIndex), LinkKind.Wanted, "wanted", p =>
            {
                var w = wantedByKey[p.Candidate.Key];
                return (w.Id, w.WantedId, 1, CopyIds(person.Key, w, IdentifierTrust.WantedList, $"wanted:{w.WantedId}"));
            });
            Consider(personMatcher.Match(query, personIndex), LinkKind.Person, "person", p =>
            {
                var id = Guid.ParseExact(p.Candidate.Key["person:".Length..], "N");
                return (id, id.ToString(), 3, []);
            });
        }
        await db.SaveChangesAsync(ct);

        var persons = await db.RosterRecords.Where(r => r.OperationId == operation.Id).Select(r => r.PersonId).Distinct().CountAsync(ct);
        var open = await db.ReviewItems.CountAsync(i => i.OperationId == operation.Id && i.Status == ReviewStatus.Open, ct);
        db.Record(actor, "match.run", nameof(Operation), operation.Id, $"persons={persons} merged={merged} accepted={accepted} queued={queued}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new Summary(persons, rows.Count, rows.Count - persons, accepted, queued, open);
    }

    internal static IEnumerable<PersonIdentifier> CopyIds(Guid personId, PersonRecord record, IdentifierTrust trust, string source)
    {
        if (record.IdType is { } type && record.IdNumber is { } number)
            yield return Identifiers.Create(personId, type, number, trust, source);
    }

    private static void Queue(ConcordDbContext db, Operation operation, Guid personId, string list, Guid candidateId, string candidateRef, MatchProposal p, int priority)
    {
        db.ReviewItems.Add(new ReviewItem
        {
            AgencyId = operation.AgencyId,
            OperationId = operation.Id,
            PersonId = personId,
            CandidateList = list,
            CandidateId = candidateId,
            CandidateRef = candidateRef,
            Score = p.Score,
            Priority = priority,
            // The English text, and the same as templates and values, which a screen says in its reader's language.
            Evidence = JsonSerializer.Serialize(p.Evidence.Select(e => new
            {
                kind = e.Kind,
                text = e.Text,
                weight = e.Weight,
                phrases = e.Phrases.Select(x => new { template = x.Template, args = x.Args }),
            })),
        });
    }
}
