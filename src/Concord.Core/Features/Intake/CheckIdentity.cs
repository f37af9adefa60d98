using System.Globalization;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Storage;
using Concord.Matching;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Intake;

/// <summary>
/// One person checked against the wanted lists as they stand, before or without an operation: a port officer at the
/// gate, a clerk typing one roster row. Answers from the node's index in milliseconds; only the lists of agencies the
/// caller sees are answered from, and the check is audited as a read.
/// </summary>
public static class CheckIdentity
{
    public sealed record Request(string? Name, string? NameLatin, string? Aliases, string? Sex, string? BirthDate, string? Nationality, string? IdType, string? IdNumber);

    public sealed record Hit(string Agency, string WantedId, double Score, string Decision, IReadOnlyList<string> Evidence);

    public static async Task<IReadOnlyList<Hit>> RunAsync(ConcordDbContext db, Actor actor, Request request, WantedIndex wanted, IReadAudit reads, CancellationToken ct)
    {
        await Access.RequireRoleAsync(reads, actor, RoleTable.CheckIdentity, "identity check", ct);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(wanted);
        if (string.IsNullOrWhiteSpace(request.Name) && string.IsNullOrWhiteSpace(request.NameLatin) && string.IsNullOrWhiteSpace(request.IdNumber))
            throw new ConcordException(new InvalidRequestError("name", "give a name (in any script) or a document number"));
        if (request.BirthDate is { Length: > 0 } birth && !PartialDate.TryParse(birth, out _))
            throw new ConcordException(new InvalidRequestError("birth_date", $"'{birth}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"));
        if (request.IdNumber is { Length: > 0 } && string.IsNullOrWhiteSpace(request.IdType))
            throw new ConcordException(new InvalidRequestError("id_type", "a document number needs its type (CN-RIC, MM-NRC, PASSPORT)"));

        var query = IdentityRecords.From("check", new IdentityRecords.Columns(Guid.Empty, Blank(request.Name), Blank(request.NameLatin), Blank(request.Aliases),
            Blank(request.Sex)?.ToUpperInvariant(), Blank(request.BirthDate), Blank(request.Nationality)?.ToUpperInvariant(), Blank(request.IdType)?.ToUpperInvariant(), Blank(request.IdNumber)));
        var proposals = wanted.Match(new IdentityMatcher(MatchSettings.Defaults.For("wanted")), query, 50);
        // One read for what the answer names: the record's number on its list and whose list it is.
        var ids = proposals.Select(p => p.WantedPersonId).Distinct().ToList();
        var rows = await db.WantedPersons.AsNoTracking().Where(w => ids.Contains(w.Id))
            .Join(db.Agencies, w => w.AgencyId, a => a.Id, (w, a) => new { w.Id, w.AgencyId, w.WantedId, Agency = a.Code })
            .ToDictionaryAsync(w => w.Id, ct);
        var hits = proposals
            .Where(p => rows.TryGetValue(p.WantedPersonId, out var w) && actor.Sees(w.AgencyId))
            .Select(p => new Hit(rows[p.WantedPersonId].Agency, rows[p.WantedPersonId].WantedId, p.Match.Score, p.Match.Decision.ToString().ToLowerInvariant(),
                p.Match.Evidence.Select(e => e.Text).ToList()))
            .ToList();
        await reads.RecordAsync(actor, "wanted.check", details: string.Create(CultureInfo.InvariantCulture, $"hits={hits.Count}"), ct: ct);
        return hits;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
