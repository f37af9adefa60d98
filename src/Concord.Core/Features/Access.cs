using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Storage;
using Concord.Matching;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features;

/// <summary>
/// Finding a record for a caller: the record, or "not found" for anything the caller may not see, the attempt on a
/// record that exists written to the audit trail as <c>access.denied</c>. The API and the pages call these, never their
/// own queries.
/// </summary>
public static class Access
{
    /// <summary>The answer for a record that exists but is not the caller's: the same as for one that does not exist, audited.</summary>
    public static async Task<ConcordException> DeniedAsync(ConcordDbContext db, Actor actor, string entityType, Guid id, string what, string key, CancellationToken ct)
    {
        db.Record(actor, "access.denied", entityType, id);
        await db.SaveChangesAsync(ct);
        return new ConcordException(new NotFoundError(what, key));
    }

    /// <summary>
    /// The operation by code: reading needs the operation's agency or the lead's sender; changing it (and reading its
    /// personal data), <paramref name="own"/>, the operation's agency.
    /// </summary>
    public static async Task<Operation> OperationAsync(ConcordDbContext db, Actor actor, string code, bool own, CancellationToken ct)
    {
        var operation = await db.Operations.Include(o => o.Lead).FirstOrDefaultAsync(o => o.Code == code, ct)
            ?? throw new ConcordException(new NotFoundError("operation", code));
        var allowed = own ? actor.Sees(operation.AgencyId) : actor.Sees(operation.AgencyId, operation.Lead!.AgencyId);
        if (!allowed) throw await DeniedAsync(db, actor, nameof(Operation), operation.Id, "operation", code, ct);
        return operation;
    }

    /// <summary>A person: seen by the arresting agency, the agency holding them, the agency due to receive them, and the bureau they were assigned to.</summary>
    public static async Task<Person> PersonAsync(ConcordDbContext db, Actor actor, Guid id, CancellationToken ct)
    {
        var person = await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct)
            ?? throw new ConcordException(new NotFoundError("person", id.ToString()));
        if (actor.Sees(person.AgencyId, person.CustodyAgencyId, person.CustodyToAgencyId)) return person;
        if ((await SeenThroughBureausAsync(db, actor, [id], ct)).Contains(id)) return person;
        throw await DeniedAsync(db, actor, nameof(Person), id, "person", id.ToString(), ct);
    }

    /// <summary>
    /// Which of these persons the actor may open, by the rule of <see cref="PersonAsync"/> (the agency that arrested them,
    /// the one holding or receiving them, the bureau they were assigned to): for a page that lists persons and links only
    /// those the officer can follow. Nothing is audited or refused.
    /// </summary>
    public static async Task<IReadOnlySet<Guid>> PersonsSeenAsync(ConcordDbContext db, Actor actor, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        var persons = await db.Persons.AsNoTracking().Where(p => list.Contains(p.Id)).Select(p => new { p.Id, p.AgencyId, p.CustodyAgencyId, p.CustodyToAgencyId }).ToListAsync(ct);
        var seen = persons.Where(p => actor.Sees(p.AgencyId, p.CustodyAgencyId, p.CustodyToAgencyId)).Select(p => p.Id).ToHashSet();
        var rest = persons.Select(p => p.Id).Where(id => !seen.Contains(id)).ToList();
        if (rest.Count > 0) seen.UnionWith(await SeenThroughBureausAsync(db, actor, rest, ct));
        return seen;
    }

    /// <summary>Which of these persons were assigned to a bureau the actor sees.</summary>
    private static async Task<HashSet<Guid>> SeenThroughBureausAsync(ConcordDbContext db, Actor actor, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        (await db.Assignments.AsNoTracking().Where(a => ids.Contains(a.PersonId) && a.BureauAgencyId != null).Select(a => new { a.PersonId, a.BureauAgencyId }).ToListAsync(ct))
            .Where(a => actor.Sees(a.BureauAgencyId)).Select(a => a.PersonId).ToHashSet();

    /// <summary>An assignment: seen by the receiving agency and the assigned bureau.</summary>
    public static async Task EnsureAssignmentVisibleAsync(ConcordDbContext db, Actor actor, Guid id, CancellationToken ct)
    {
        var a = await db.Assignments.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.AgencyId, x.BureauAgencyId }).FirstOrDefaultAsync(ct);
        if (a is not null && !actor.Sees(a.AgencyId, a.BureauAgencyId))
            throw await DeniedAsync(db, actor, nameof(Domain.Assignment), id, "assignment", id.ToString(), ct);
    }

    /// <summary>
    /// The step needs one of <paramref name="roles"/> (a <c>RoleTable</c> entry): a caller whose roles do not include
    /// one is refused, audited as <c>access.denied</c>, whichever door it came through. A caller without a role set (the
    /// node's operator at the terminal) is not held back.
    /// </summary>
    public static Task RequireRoleAsync(ConcordDbContext db, Actor actor, string roles, string step, CancellationToken ct) =>
        actor.Roles is null || actor.HasAnyRole(roles) ? Task.CompletedTask : RequireRoleAsync(db.ReadsIn(), actor, roles, step, ct);

    /// <summary>The same for a read, whose refusal is recorded where the read's own entries go (<paramref name="reads"/>).</summary>
    public static async Task RequireRoleAsync(IReadAudit reads, Actor actor, string roles, string step, CancellationToken ct)
    {
        if (actor.Roles is null || actor.HasAnyRole(roles)) return;
        await reads.RecordAsync(actor, "access.denied", null, null, $"{step} needs one of {roles}", ct);
        throw new ConcordException(new ForbiddenError(roles, new Phrase(ErrorTexts.RoleNeeded, roles.Replace(",", ", ", StringComparison.Ordinal))));
    }

    /// <summary>The code of the caller's own agency; a caller that acts for none is refused.</summary>
    public static async Task<string> OwnCodeAsync(ConcordDbContext db, Actor actor, CancellationToken ct)
    {
        if (actor.AgencyId is not { } own) throw new ConcordException(new InvalidRequestError("agency", "the caller acts for no agency"));
        return await db.Agencies.Where(a => a.Id == own).Select(a => a.Code).FirstAsync(ct);
    }
}
