using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Intake;

/// <summary>Two records found to be one person become one: everything the dropped person had moves to the kept one.</summary>
public static class PersonMerge
{
    public static async Task MergeAsync(ConcordDbContext db, Actor actor, Guid keep, Guid drop, string why, CancellationToken ct)
    {
        if (keep == drop) return;
        await db.SaveChangesAsync(ct);
        foreach (var r in await db.RosterRecords.Where(r => r.PersonId == drop).ToListAsync(ct)) r.PersonId = keep;
        foreach (var i in await db.PersonIdentifiers.Where(i => i.PersonId == drop).ToListAsync(ct)) i.PersonId = keep;
        foreach (var i in await db.ReviewItems.Where(i => i.PersonId == drop).ToListAsync(ct)) i.PersonId = keep;
        // One person, one open task of a kind: the dropped person's candidates join the kept one's task.
        var keptOpen = await db.ReviewTasks.Where(t => t.PersonId == keep && t.Status == ReviewTaskStatus.Open).ToListAsync(ct);
        foreach (var t in await db.ReviewTasks.Where(t => t.PersonId == drop).ToListAsync(ct))
        {
            t.PersonId = keep;
            var into = keptOpen.FirstOrDefault(k => t.Status == ReviewTaskStatus.Open && (k.Kind == ReviewTaskKind.Duplicate) == (t.Kind == ReviewTaskKind.Duplicate));
            if (into is null) continue;
            foreach (var i in await db.ReviewItems.Where(i => i.TaskId == t.Id).ToListAsync(ct)) i.TaskId = into.Id;
            into.Priority = Math.Min(into.Priority, t.Priority);
            into.Namesakes += t.Namesakes;
            db.ReviewTasks.Remove(t);
        }
        var keptLinks = await db.PersonLinks.Where(l => l.PersonId == keep).Select(l => l.CandidateId).ToListAsync(ct);
        foreach (var l in await db.PersonLinks.Where(l => l.PersonId == drop).ToListAsync(ct))
        {
            if (keptLinks.Contains(l.CandidateId)) db.PersonLinks.Remove(l);
            else l.PersonId = keep;
        }
        var kept = await db.Persons.FirstAsync(p => p.Id == keep, ct);
        var dropped = await db.Persons.FirstAsync(p => p.Id == drop, ct);
        kept.BirthDate ??= dropped.BirthDate;
        kept.Sex ??= dropped.Sex;
        if (kept.Nationality != dropped.Nationality && dropped.Nationality is not null)
            kept.Nationality = kept.Nationality is null ? dropped.Nationality : kept.Nationality;
        db.Persons.Remove(dropped);
        db.Record(actor, "person.merge", nameof(Person), keep, $"{drop:D} merged: {why}");
        await db.SaveChangesAsync(ct);
        await Persons.PersonSearch.RefreshAsync(db, [keep], ct);
    }
}
