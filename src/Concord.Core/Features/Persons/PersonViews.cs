using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Persons;

/// <summary>A person as one caller may read them: with their roster rows, identifiers and confirmed links, the read audited.</summary>
public static class PersonViews
{
    public sealed record Detail(Person Person, string? Operation, IReadOnlyList<RosterRecord> Rows, IReadOnlyList<PersonIdentifier> Identifiers,
        IReadOnlyList<PersonLink> Links, IReadOnlyDictionary<Guid, string> AgencyCodes);

    public static async Task<Detail> GetAsync(ConcordDbContext db, Actor actor, Guid id, IReadAudit reads, CancellationToken ct)
    {
        var p = await Access.PersonAsync(db, actor, id, ct);
        var codes = await Agencies.CodesAsync(db, ct);
        var operation = p.OperationId is { } opId ? await db.Operations.AsNoTracking().Where(o => o.Id == opId).Select(o => o.Code).FirstOrDefaultAsync(ct) : null;
        var rows = await db.RosterRecords.AsNoTracking().Where(r => r.PersonId == id).OrderBy(r => r.RosterNo).ToListAsync(ct);
        var identifiers = await db.PersonIdentifiers.AsNoTracking().Where(i => i.PersonId == id).ToListAsync(ct);
        var links = await db.PersonLinks.AsNoTracking().Where(l => l.PersonId == id).ToListAsync(ct);
        await reads.RecordAsync(actor, "person.read", nameof(Person), id, ct: ct);
        return new Detail(p, operation, rows, identifiers, links, codes);
    }
}
