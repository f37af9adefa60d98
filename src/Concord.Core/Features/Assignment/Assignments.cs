using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features;
using Concord.Core.Features.Handover;
using Concord.Core.Storage;
using Concord.Matching;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Assignment;

using AssignmentRecord = Domain.Assignment;

/// <summary>
/// Received suspects go to the provincial bureau of their household registration, read from the region code of their
/// most trusted Chinese ID number (an official list's number beats a lead's, a lead's beats a clerk's copy; a number
/// whose check digit holds beats one whose does not). Persons without one wait for a manual assignment.
/// </summary>
public static class Assignments
{
    public sealed record Summary(int Assigned, int Unknown, IReadOnlyDictionary<string, int> ByProvince);

    public static async Task<Summary> RunAsync(ConcordDbContext db, Actor actor, Guid handoverId, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.Assign, "assignment.run", ct);
        var h = await Handovers.FindAsync(db, actor, handoverId, ct);
        if (!actor.Sees(h.ToAgencyId)) throw new ConcordException(new ConflictError(new Phrase(ErrorTexts.OnlyReceiverAssigns)));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var received = h.Persons.Where(p => p.Status == HandoverPersonStatus.Received).Select(p => p.PersonId).ToList();
        var already = (await db.Assignments.Where(a => a.HandoverId == h.Id).Select(a => a.PersonId).ToListAsync(ct)).ToHashSet();
        var identifiers = (await db.PersonIdentifiers.AsNoTracking().Where(i => received.Contains(i.PersonId) && i.Type == DocumentNumbers.CnRic).ToListAsync(ct))
            .ToLookup(i => i.PersonId);
        var bureaus = await db.Agencies.Where(a => a.ParentId == h.ToAgencyId && a.ProvinceCode != null).ToListAsync(ct);
        int assigned = 0, unknown = 0;
        var made = new List<AssignmentRecord>();
        foreach (var personId in received.Where(p => !already.Contains(p)))
        {
            var best = MostTrusted(identifiers[personId]);
            var province = best is null ? null : ChineseResidentId.ProvinceCode(best.Number);
            var assignment = new AssignmentRecord { AgencyId = h.ToAgencyId, HandoverId = h.Id, PersonId = personId, Method = "unknown" };
            if (province is not null)
            {
                var bureau = bureaus.FirstOrDefault(b => b.ProvinceCode == province);
                if (bureau is null)
                {
                    var parent = await db.Agencies.FirstAsync(a => a.Id == h.ToAgencyId, ct);
                    bureau = new Agency
                    {
                        Code = $"{parent.Code}-{province}",
                        Name = $"{ChineseResidentId.ProvinceName(province)} Provincial Public Security Department",
                        Country = parent.Country,
                        ParentId = parent.Id,
                        ProvinceCode = province,
                    };
                    db.Agencies.Add(bureau);
                    bureaus.Add(bureau);
                    db.Record(actor, "agency.create", nameof(Agency), bureau.Id, bureau.Code);
                }
                assignment.BureauAgencyId = bureau.Id;
                assignment.ProvinceCode = province;
                assignment.Method = "id-region";
                assigned++;
            }
            else unknown++;
            db.Assignments.Add(assignment);
            made.Add(assignment);
            db.Record(actor, "assignment.create", nameof(Domain.Assignment), assignment.Id, $"person={personId:D} province={province ?? "unknown"} via={best?.Source}");
        }
        await Federation.AssignmentPackets.QueueIfRemoteAsync(db, actor, h.Id, made, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        var byProvince = await ByProvinceAsync(db, h.Id, ct);
        return new Summary(assigned, unknown, byProvince);
    }

    // A number whose date part was miscopied still tells the province in its first two digits.
    internal static PersonIdentifier? MostTrusted(IEnumerable<PersonIdentifier> ids) =>
        ids.Where(i => ChineseResidentId.ProvinceCode(i.Number) is not null)
            .OrderByDescending(i => i.Trust).ThenByDescending(i => i.ValidCheck).ThenByDescending(i => ChineseResidentId.IsWellFormed(i.Number)).FirstOrDefault();

    /// <summary>The assignments of a handover the caller may see, in the order they were made.</summary>
    public static async Task<IReadOnlyList<AssignmentRecord>> OfHandoverAsync(ConcordDbContext db, Actor actor, Guid handoverId, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.ReadAssignments, "assignment list", ct);
        var h = await Handovers.FindAsync(db, actor, handoverId, ct, readOnly: true);
        // Where the receiver sends each suspect is the receiver's: the sender sees the handover, not the assignments.
        if (!actor.Sees(h.ToAgencyId)) throw await Access.DeniedAsync(db, actor, nameof(Domain.Handover), h.Id, "handover", handoverId.ToString(), ct);
        return await db.Assignments.AsNoTracking().Where(a => a.HandoverId == h.Id).OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).ToListAsync(ct);
    }

    public static async Task<Dictionary<string, int>> ByProvinceAsync(ConcordDbContext db, Guid handoverId, CancellationToken ct) =>
        (await db.Assignments.AsNoTracking().Where(a => a.HandoverId == handoverId && a.ProvinceCode != null).Select(a => a.ProvinceCode!).ToListAsync(ct))
        .GroupBy(p => ChineseResidentId.ProvinceName(p) ?? p).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>A person whose province the records do not tell is assigned by hand to a bureau below the receiving agency.</summary>
    public static async Task<AssignmentRecord> AssignManuallyAsync(ConcordDbContext db, Actor actor, Guid assignmentId, string bureauCode, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.AssignBureaus, "assignment.bureau", ct);
        var a = await db.Assignments.FirstOrDefaultAsync(x => x.Id == assignmentId, ct);
        if (a is null || !actor.Sees(a.AgencyId)) throw new ConcordException(new NotFoundError("assignment", assignmentId.ToString()));
        var bureau = await Agencies.GetAsync(db, bureauCode, "bureau", ct);
        if (bureau.ParentId != a.AgencyId) throw new ConcordException(new InvalidRequestError("bureau", new Phrase(ErrorTexts.NotABureau, bureauCode)));
        a.BureauAgencyId = bureau.Id;
        a.ProvinceCode = bureau.ProvinceCode;
        a.Method = "manual";
        db.Record(actor, "assignment.manual", nameof(Domain.Assignment), a.Id, bureau.Code);
        await Federation.AssignmentPackets.QueueIfRemoteAsync(db, actor, a.HandoverId, [a], ct);
        await db.SaveChangesAsync(ct);
        return a;
    }

    public static async Task<AssignmentRecord> SetEscortAsync(ConcordDbContext db, Actor actor, Guid assignmentId, EscortStatus status, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.Escort, "assignment.escort", ct);
        var a = await db.Assignments.FirstOrDefaultAsync(x => x.Id == assignmentId, ct);
        if (a is null || !actor.Sees(a.AgencyId, a.BureauAgencyId)) throw new ConcordException(new NotFoundError("assignment", assignmentId.ToString()));
        if (a.BureauAgencyId is null) throw new ConcordException(new ConflictError(new Phrase(ErrorTexts.BureauBeforeEscort)));
        a.Escort = status;
        db.Record(actor, "assignment.escort", nameof(Domain.Assignment), a.Id, status.ToString());
        await Federation.AssignmentPackets.QueueIfRemoteAsync(db, actor, a.HandoverId, [a], ct);
        await db.SaveChangesAsync(ct);
        return a;
    }
}
