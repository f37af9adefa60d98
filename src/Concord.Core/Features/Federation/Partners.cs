using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Federation;

/// <summary>
/// The partner nodes this node trusts, each by the verifier key its operator read out and this node's operator compared
/// (by fingerprint), and the agencies each hosts. Only the node operator registers a partner; every change is audited.
/// </summary>
public static class Partners
{
    public sealed record View(string Node, string KeyId, string Fingerprint, string? Url, IReadOnlyList<string> Agencies, DateTime AddedAt, string? PreviousKeyId,
        DateTime? PreviousKeyUntil, DateTime? LinkAt, string? LinkProblem);

    /// <summary>
    /// Registers a partner node (or updates its address and agencies) after its key's fingerprint was compared. A partner
    /// already known under another key is refused here: a key changes only by a rotation the partner announces signed
    /// with its current key.
    /// </summary>
    /// <param name="agencies">The agencies the partner hosts, as <c>CODE</c> or <c>CODE:Country</c> (ISO alpha-3).</param>
    public static async Task<View> AddAsync(ConcordDbContext db, Actor actor, string verifierKey, string? url, IReadOnlyList<string> agencies, NoteKey? self,
        CancellationToken ct)
    {
        if (!actor.IsNodeOperator) throw new ConcordException(new ForbiddenError("only the node's operator registers partner nodes"));
        var key = SigningKeyFile.Parse(verifierKey, "--key");
        if (key.CanSign) throw new ConcordException(new InvalidRequestError("--key", "this is a signing key: give the partner's verifier key (name+id+key), never a private key"));
        if (self is not null && key.Name == self.Name) throw new ConcordException(new InvalidRequestError("--key", $"{key.Name} is this node's own name"));
        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
            throw new ConcordException(new InvalidRequestError("--url", $"'{url}' is not an http(s) address"));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var partner = await db.Partners.FirstOrDefaultAsync(p => p.Node == key.Name, ct);
        if (partner is null)
        {
            partner = new Partner { Node = key.Name, VerifierKey = key.VerifierKey, Url = url };
            db.Partners.Add(partner);
            db.Record(actor, "partner.add", nameof(Partner), partner.Id, $"node={key.Name} key={key.KeyRef} fingerprint={key.Fingerprint}");
        }
        else if (partner.VerifierKey != key.VerifierKey)
        {
            throw new ConcordException(new ConflictError($"{key.Name} is registered with another key ({SigningKeyFile.Parse(partner.VerifierKey, "stored").KeyRef}); a partner's key changes only by the rotation it announces"));
        }
        else if (url is not null && partner.Url != url)
        {
            partner.Url = url;
            db.Record(actor, "partner.update", nameof(Partner), partner.Id, $"node={key.Name} url={url}");
        }
        foreach (var item in agencies)
        {
            var parts = item.Split(':', 2);
            var code = parts[0].Trim();
            Codes.Check("--agency", code, ErrorTexts.AgencyCodeInvalid);
            var agency = await db.Agencies.FirstOrDefaultAsync(a => a.Code == code, ct);
            if (agency is null)
            {
                agency = new Agency { Code = code, Name = code, Country = parts.Length > 1 ? parts[1].Trim().ToUpperInvariant() : null, Node = key.Name };
                db.Agencies.Add(agency);
                db.Record(actor, "agency.create", nameof(Agency), agency.Id, $"{code} node={key.Name}");
            }
            else if (agency.Node != key.Name)
            {
                if (await db.Users.AnyAsync(u => u.AgencyId == agency.Id, ct))
                    throw new ConcordException(new ConflictError($"{code} has users on this node: it cannot be hosted by {key.Name}"));
                agency.Node = key.Name;
                db.Record(actor, "agency.update", nameof(Agency), agency.Id, $"{code} node={key.Name}");
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (await ListAsync(db, ct)).Single(p => p.Node == key.Name);
    }

    public static async Task<IReadOnlyList<View>> ListAsync(ConcordDbContext db, CancellationToken ct)
    {
        var partners = await db.Partners.AsNoTracking().OrderBy(p => p.Node).ToListAsync(ct);
        var hosted = (await db.Agencies.AsNoTracking().Where(a => a.Node != null).Select(a => new { a.Node, a.Code }).ToListAsync(ct))
            .ToLookup(a => a.Node!, a => a.Code);
        return [.. partners.Select(p =>
        {
            var key = SigningKeyFile.Parse(p.VerifierKey, "stored");
            return new View(p.Node, key.KeyRef, key.Fingerprint, p.Url, [.. hosted[p.Node].Order(StringComparer.Ordinal)], p.AddedAt,
                p.PreviousKey is { } old ? SigningKeyFile.Parse(old, "stored").KeyRef : null, p.PreviousKeyUntil, p.LinkAt, p.LinkProblem);
        })];
    }

    /// <summary>The keys a packet from <paramref name="partner"/> may be signed with now: its current one, and its previous one until the overlap ends.</summary>
    internal static IEnumerable<NoteKey> KeysOf(Partner partner, DateTime now)
    {
        yield return SigningKeyFile.Parse(partner.VerifierKey, "stored");
        if (partner.PreviousKey is { } old && partner.PreviousKeyUntil is { } until && now <= until) yield return SigningKeyFile.Parse(old, "stored");
    }
}
