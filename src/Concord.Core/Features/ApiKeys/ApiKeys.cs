using System.Security.Cryptography;
using System.Text;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.ApiKeys;

/// <summary>
/// Keys that let a program act for one agency over the API. Only the SHA-256 of a secret is stored, so a copy of the
/// database does not hand out working keys; the secret itself is shown once, when the key is made.
/// </summary>
public static class ApiKeys
{
    public const string Prefix = "ck_";

    public sealed record KeyView(Guid Id, string Agency, string Name, string? Owner, IReadOnlyList<string> Roles, DateTime CreatedAt, DateTime? ExpiresAt, bool Revoked);

    /// <summary>
    /// A key for a program of the agency, acting in the roles given (every role of the flow when none are named; never
    /// user administration), answered for by <paramref name="owner"/>, until <paramref name="expiresAt"/> or revoked.
    /// </summary>
    public static async Task<(ApiKey Key, string Secret)> CreateAsync(ConcordDbContext db, Actor actor, string agencyCode, string name, CancellationToken ct,
        IReadOnlyCollection<string>? roles = null, string? owner = null, DateTime? expiresAt = null)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ConcordException(new InvalidRequestError("name", "a key needs a name"));
        roles ??= RoleTable.KeyRoles.ToList();
        if (roles.Count == 0) throw new ConcordException(new InvalidRequestError("role", "a key needs at least one role"));
        if (roles.FirstOrDefault(r => !RoleTable.KeyRoles.Contains(r, StringComparer.Ordinal)) is { } bad)
            throw new ConcordException(new InvalidRequestError("role", $"'{bad}' is not a role a key may hold ({string.Join(", ", RoleTable.KeyRoles)})"));
        if (expiresAt is { } at && at <= DateTime.UtcNow) throw new ConcordException(new InvalidRequestError("expires", "the expiry is already past"));
        var agency = await Agencies.GetAsync(db, agencyCode, "agency", ct);
        if (!actor.Sees(agency.Id)) throw new ConcordException(new InvalidRequestError("agency", "a key can only be made for the caller's own agency"));
        var secret = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey
        {
            AgencyId = agency.Id,
            Name = name.Trim(),
            KeyHash = HashOf(secret),
            Roles = string.Join(',', roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
            Owner = string.IsNullOrWhiteSpace(owner) ? null : owner.Trim(),
            ExpiresAt = expiresAt,
        };
        db.ApiKeys.Add(key);
        // The secret never enters the audit trail: the entry names the key, not what unlocks it.
        db.Record(actor, "apikey.create", nameof(ApiKey), key.Id, $"{agency.Code} {key.Name} roles={key.Roles} owner={key.Owner} expires={key.ExpiresAt:O}");
        await db.SaveChangesAsync(ct);
        return (key, secret);
    }

    /// <summary>The keys the caller's agencies hold (every key of the node for its operator), newest first; never a secret.</summary>
    public static async Task<IReadOnlyList<KeyView>> ListAsync(ConcordDbContext db, Actor actor, CancellationToken ct)
    {
        var codes = await Agencies.CodesAsync(db, ct);
        var keys = await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).ToListAsync(ct);
        return keys.Where(k => actor.Sees(k.AgencyId))
            .Select(k => new KeyView(k.Id, codes.GetValueOrDefault(k.AgencyId, "?"), k.Name, k.Owner, RoleTable.Split(k.Roles), k.CreatedAt, k.ExpiresAt, k.Revoked)).ToList();
    }

    /// <summary>Revokes a key of the caller's agency; a key it may not see is not found. Takes effect within a second.</summary>
    public static async Task RevokeAsync(ConcordDbContext db, Actor actor, Guid id, CancellationToken ct)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null || !actor.Sees(key.AgencyId)) throw new ConcordException(new NotFoundError("API key", id.ToString("D")));
        if (key.Revoked) return;
        key.Revoked = true;
        db.Record(actor, "apikey.revoke", nameof(ApiKey), key.Id, key.Name);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The live key whose secret this is, or null.</summary>
    public static async Task<ApiKey?> FindAsync(ConcordDbContext db, string secret, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(secret) || !secret.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var hash = HashOf(secret);
        var now = DateTime.UtcNow;
        return await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.KeyHash == hash && !k.Revoked && (k.ExpiresAt == null || k.ExpiresAt > now), ct);
    }

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
