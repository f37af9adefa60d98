using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Sharing;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Persons;

/// <summary>A person as one caller may read them: with their roster rows, identifiers and confirmed links, the read audited.</summary>
public static class PersonViews
{
    /// <param name="ViewerZone">The time zone the caller reads times in: their agency's (<see cref="LocalTimes.ZoneOf"/>).</param>
    /// <param name="Reviews">The identity decisions taken or open about the person, newest first, with their candidates.</param>
    /// <param name="Handovers">The manifests the person is on, with how they were checked in at the port.</param>
    /// <param name="Assignments">Where the receiving side sent the person: bureau, province, escort.</param>
    /// <param name="Timeline">What happened to the person, oldest first: arrest, matching, decisions, custody, handover, assignment, reads.</param>
    public sealed record Detail(Person Person, string? Operation, IReadOnlyList<RosterRecord> Rows, IReadOnlyList<PersonIdentifier> Identifiers,
        IReadOnlyList<PersonLink> Links, IReadOnlyDictionary<Guid, string> AgencyCodes, string ViewerZone, IReadOnlyList<Review> Reviews,
        IReadOnlyList<HandoverStop> Handovers, IReadOnlyList<Placement> Assignments, IReadOnlyList<Event> Timeline)
    {
        /// <summary>The highest role among the lead's targets the person is confirmed as (financier, leader, backbone), or null.</summary>
        public string? Role { get; init; }

        /// <summary>Confirmed as a record on a wanted list.</summary>
        public bool Fugitive => Links.Any(l => l.Kind == LinkKind.Wanted);
    }

    public sealed record Review(Guid Id, ReviewTaskKind Kind, ReviewTaskStatus Status, string? Outcome, string? DecidedBy, DateTime? DecidedAt, string? Reason,
        string? Settle, int Namesakes, IReadOnlyList<Candidate> Candidates);

    public sealed record Candidate(string List, string Ref, double Score, string Evidence, ReviewStatus Status, string? DecidedBy, DateTime? DecidedAt);

    public sealed record HandoverStop(Guid Id, string From, string To, string Port, DateOnly Date, HandoverState State, HandoverPersonStatus Status, string? Note,
        DateTime? DispatchedAt, DateTime? ReceivedAt);

    public sealed record Placement(Guid Id, string? Bureau, string? Province, string Method, EscortStatus Escort, DateTime CreatedAt);

    /// <param name="Kind">What the entry is about: an audit action (<c>custody.resolve</c>), or <c>arrest</c> for a roster row's time of arrest.</param>
    /// <param name="Sequence">The audit entry's number in the chain; null for an arrest.</param>
    public sealed record Event(DateTime At, string Kind, string Actor, string? Agency, string? Details, long? Sequence, AuditOutcome Outcome);

    /// <summary>The newest entries of the person's history that are read; an older history is cut there (the audit page has it all).</summary>
    public const int TimelineLimit = 500;

    public static async Task<Detail> GetAsync(ConcordDbContext db, Actor actor, Guid id, IReadAudit reads, CancellationToken ct)
    {
        await Access.RequireRoleAsync(reads, actor, RoleTable.ReadPersons, "person read", ct);
        var p = await Access.PersonAsync(db, actor, id, ct);
        var codes = await Agencies.CodesAsync(db, ct);
        var operation = p.OperationId is { } opId ? await db.Operations.AsNoTracking().Where(o => o.Id == opId).Select(o => o.Code).FirstOrDefaultAsync(ct) : null;
        var rows = await db.RosterRecords.AsNoTracking().Where(r => r.PersonId == id).OrderBy(r => r.RosterNo).ToListAsync(ct);
        var identifiers = await db.PersonIdentifiers.AsNoTracking().Where(i => i.PersonId == id).ToListAsync(ct);
        // Numbers copied from a lead's target are the lead's: only its audience reads them.
        var seesLead = await PersonMarks.SeesLeadOfAsync(db, actor, p.OperationId, ct);
        if (!seesLead) identifiers.RemoveAll(i => i.Trust == IdentifierTrust.Lead);
        var links = await VisibleLinksAsync(db, actor, id, ct);
        var reviews = await ReviewsAsync(db, actor, id, seesLead, ct);
        var handovers = await HandoversAsync(db, actor, id, codes, ct);
        var assignments = await AssignmentsAsync(db, actor, id, codes, ct);
        var timeline = await TimelineAsync(db, actor, p, rows, reviews, handovers, assignments, codes, ct);
        await reads.RecordAsync(actor, "person.read", nameof(Person), id, ct: ct);
        var marks = await PersonMarks.OfAsync(db, actor, p.OperationId, db.Persons.Where(x => x.Id == id).Select(x => x.Id), ct);
        return new Detail(p, operation, rows, identifiers, links, codes, await Agencies.ZoneOfAsync(db, actor, ct), reviews, handovers, assignments, timeline)
        {
            Role = marks.Roles.GetValueOrDefault(id),
        };
    }

    /// <summary>The arresting side's decisions about who the person is; candidates from a lead's targets only for the lead's audience.</summary>
    private static async Task<List<Review>> ReviewsAsync(ConcordDbContext db, Actor actor, Guid id, bool seesLead, CancellationToken ct)
    {
        var tasks = await db.ReviewTasks.AsNoTracking().Include(t => t.Items).Where(t => t.PersonId == id).ToListAsync(ct);
        return tasks.Where(t => actor.Sees(t.AgencyId))
            .OrderByDescending(t => t.DecidedAt ?? t.CreatedAt)
            .Select(t => new Review(t.Id, t.Kind, t.Status, t.Outcome, t.DecidedBy, t.DecidedAt, t.Reason, t.Settle, t.Namesakes,
                t.Items.Where(i => seesLead || i.CandidateList != "target").OrderByDescending(i => i.Score)
                    .Select(i => new Candidate(i.CandidateList, i.CandidateRef, i.Score, i.Evidence, i.Status, i.DecidedBy, i.DecidedAt)).ToList()))
            .ToList();
    }

    /// <summary>The manifests the person is on that the caller's agency sends or receives.</summary>
    private static async Task<List<HandoverStop>> HandoversAsync(ConcordDbContext db, Actor actor, Guid id, Dictionary<Guid, string> codes, CancellationToken ct)
    {
        var stops = await (from hp in db.HandoverPersons.AsNoTracking()
                           where hp.PersonId == id
                           join h in db.Handovers on hp.HandoverId equals h.Id
                           select new { h, hp.Status, hp.Note }).ToListAsync(ct);
        return stops.Where(s => actor.Sees(s.h.AgencyId, s.h.ToAgencyId)).OrderBy(s => s.h.Date)
            .Select(s => new HandoverStop(s.h.Id, codes[s.h.AgencyId], codes[s.h.ToAgencyId], s.h.Port, s.h.Date, s.h.State, s.Status, s.Note, s.h.DispatchedAt,
                s.h.ReceivedAt))
            .ToList();
    }

    /// <summary>Where the receiving side sent the person: seen by the receiving agency and the bureau (as the list of a handover's assignments).</summary>
    private static async Task<List<Placement>> AssignmentsAsync(ConcordDbContext db, Actor actor, Guid id, Dictionary<Guid, string> codes, CancellationToken ct)
    {
        var assignments = await db.Assignments.AsNoTracking().Where(a => a.PersonId == id).ToListAsync(ct);
        return assignments.Where(a => actor.Sees(a.AgencyId, a.BureauAgencyId)).OrderBy(a => a.CreatedAt)
            .Select(a => new Placement(a.Id, a.BureauAgencyId is { } b ? codes[b] : null, a.ProvinceCode, a.Method, a.Escort, a.CreatedAt))
            .ToList();
    }

    /// <summary>
    /// The audit entries about the person and the records that are theirs (roster rows, review decisions, the manifests
    /// they are on, their assignment), and the operation's custody decisions, as far as the caller's agencies wrote them;
    /// with each roster row's time of arrest.
    /// </summary>
    private static async Task<List<Event>> TimelineAsync(ConcordDbContext db, Actor actor, Person p, IReadOnlyList<RosterRecord> rows, IReadOnlyList<Review> reviews,
        IReadOnlyList<HandoverStop> handovers, IReadOnlyList<Placement> assignments, Dictionary<Guid, string> codes, CancellationToken ct)
    {
        var items = await db.ReviewItems.AsNoTracking().Where(i => i.PersonId == p.Id).Select(i => i.Id).ToListAsync(ct);
        var subjects = new (string Type, IReadOnlyCollection<Guid> Ids)[]
        {
            (nameof(Person), [p.Id]),
            (nameof(RosterRecord), [.. rows.Select(r => r.Id)]),
            (nameof(ReviewTask), [.. reviews.Select(r => r.Id)]),
            (nameof(ReviewItem), items),
            (nameof(Domain.Handover), [.. handovers.Select(h => h.Id)]),
            (nameof(Domain.Assignment), [.. assignments.Select(a => a.Id)]),
        };
        var visible = actor.SeenAgencies.Select(a => (Guid?)a).ToList();
        var entries = new List<AuditEntry>();
        foreach (var (type, ids) in subjects)
        {
            if (ids.Count == 0) continue;
            foreach (var chunk in ids.Chunk(500))
            {
                var query = db.AuditEntries.AsNoTracking().Where(e => e.EntityType == type && chunk.Contains(e.EntityId!.Value));
                if (!actor.IsNodeOperator) query = query.Where(e => visible.Contains(e.AgencyId));
                entries.AddRange(await query.OrderByDescending(e => e.Sequence).Take(TimelineLimit).ToListAsync(ct));
            }
        }
        if (p.OperationId is { } operationId)
        {
            var query = db.AuditEntries.AsNoTracking().Where(e => e.EntityType == nameof(Operation) && e.EntityId == operationId
                && (e.Action == "custody.decide" || e.Action == "match.run"));
            if (!actor.IsNodeOperator) query = query.Where(e => visible.Contains(e.AgencyId));
            entries.AddRange(await query.OrderByDescending(e => e.Sequence).Take(TimelineLimit).ToListAsync(ct));
        }
        var events = entries.OrderByDescending(e => e.Sequence).Take(TimelineLimit)
            .Select(e => new Event(e.At, e.Action, e.Actor, e.AgencyId is { } a ? codes[a] : null, e.Details, e.Sequence, e.Outcome))
            .ToList();
        // Both sides of a manifest see when it left and when it was checked in, from the manifest itself where the other side's entry is not theirs to read.
        foreach (var h in handovers)
        {
            foreach (var (action, at) in new[] { ("handover.dispatch", h.DispatchedAt), ("handover.receive", h.ReceivedAt) })
            {
                if (at is not { } when || entries.Any(e => e.EntityId == h.Id && e.Action == action)) continue;
                var side = action == "handover.dispatch" ? h.From : h.To;
                events.Add(new Event(when, action, side, side, $"{h.From} → {h.To} · {h.Port}", null, AuditOutcome.Done));
            }
        }
        events.AddRange(rows.Where(r => r.ArrestedAt is not null)
            .Select(r => new Event(r.ArrestedAt!.Value, "arrest", r.Unit ?? codes[r.AgencyId], codes[r.AgencyId],
                string.Join(" · ", new[] { r.RosterNo, r.DenCode }.Where(x => !string.IsNullOrEmpty(x))), null, AuditOutcome.Done)));
        return [.. events.OrderBy(e => e.At).ThenBy(e => e.Sequence ?? -1)];
    }

    /// <summary>
    /// The person's confirmed links the caller may see: a link to a lead's target only where the caller sees the lead
    /// (<see cref="SharingModel.Sees"/>), so that a person passed on never carries the lead to a third agency.
    /// </summary>
    public static async Task<List<PersonLink>> VisibleLinksAsync(ConcordDbContext db, Actor actor, Guid personId, CancellationToken ct)
    {
        var links = await db.PersonLinks.AsNoTracking().Where(l => l.PersonId == personId).ToListAsync(ct);
        if (actor.IsNodeOperator || links.All(l => l.Kind != LinkKind.Target)) return links;
        var targetIds = links.Where(l => l.Kind == LinkKind.Target).Select(l => l.CandidateId).ToList();
        var leads = await (from t in db.Targets.AsNoTracking()
                           where targetIds.Contains(t.Id)
                           join lead in db.Leads on t.LeadId equals lead.Id
                           select new { t.Id, lead.AgencyId, lead.ToAgencyId, lead.HandlingCode }).ToDictionaryAsync(x => x.Id, ct);
        var viewer = actor.SeenAgencies;
        return links.Where(l => l.Kind != LinkKind.Target
                                || (leads.TryGetValue(l.CandidateId, out var s) && SharingModel.Sees(viewer, new SharingModel.Source(s.AgencyId, s.ToAgencyId, s.HandlingCode))))
            .ToList();
    }
}
