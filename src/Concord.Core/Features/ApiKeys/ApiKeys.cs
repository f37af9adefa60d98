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

    public static async Task<(ApiKey Key, string Secret)> CreateAsync(ConcordDbContext db, Actor actor, string agencyCode, string name, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ConcordException(new InvalidRequestError("name", "a key needs a name"));
        var agency = await Agencies.GetAsync(db, agencyCode, "agency", ct);
        if (!actor.Sees(agency.Id)) throw new ConcordException(new InvalidRequestError("agency", "a key can only be made for the caller's own agency"));
        var secret = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey { AgencyId = agency.Id, Name = name.Trim(), KeyHash = HashOf(secret) };
        db.ApiKeys.Add(key);
        // The secret never enters the audit trail: the entry names the key, not what unlocks it.
        db.Record(actor, "apikey.create", nameof(ApiKey), key.Id, $"{agency.Code} {key.Name}");
        await db.SaveChangesAsync(ct);
        return (key, secret);
    }

    /// <summary>The live key whose secret this is, or null.</summary>
    public static async Task<ApiKey?> FindAsync(ConcordDbContext db, string secret, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(secret) || !secret.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var hash = HashOf(secret);
        return await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.KeyHash == hash && !k.Revoked, ct);
    }

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
