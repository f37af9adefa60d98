using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features;
using Concord.Core.Features.ApiKeys;
using Concord.Core.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Concord.Cli.Web;

/// <summary>
/// A program calls the API with an agency's key in the X-Api-Key header. The caller becomes an <see cref="Actor"/> of that
/// agency who also sees the agencies below it. Both are read from the database and kept for a second: a program that
/// calls many times a second (a gate checking one person after another) does not read them again each time, and a
/// revoked key or a new bureau takes effect within that second.
/// </summary>
internal sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ConcordDbContext db,
    IMemoryCache cache) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    /// <summary>How long a key's caller is kept once read.</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromSeconds(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(secret)) return AuthenticateResult.NoResult();
        var cacheKey = (typeof(ApiKeyAuthentication), ApiKeys.HashOf(secret));
        if (!cache.TryGetValue(cacheKey, out Actor? actor) || actor is null)
        {
            var key = await ApiKeys.FindAsync(db, secret, Context.RequestAborted);
            if (key is null) return AuthenticateResult.Fail("unknown or revoked API key");
            var visible = await Agencies.WithDescendantsAsync(db, key.AgencyId, Context.RequestAborted);
            actor = new Actor($"api:{key.Name}", key.AgencyId, visible) { Roles = RoleTable.Split(key.Roles).ToHashSet(StringComparer.Ordinal) };
            cache.Set(cacheKey, actor, Kept);
        }
        Context.Items[typeof(Actor)] = actor with { Source = Context.Connection.RemoteIpAddress?.ToString() };
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, actor.Name), new Claim("agency", actor.AgencyId!.Value.ToString("D", CultureInfo.InvariantCulture)),
                .. actor.Roles!.Select(r => new Claim(ClaimTypes.Role, r))], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>A call without a valid key is refused (401) and audited with its source; the rate limiter caps how often.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var source = Context.Connection.RemoteIpAddress?.ToString();
        db.Record(new Actor($"source:{source ?? "unknown"}", null) { Source = source }, "auth.refused", null, null,
            $"{Request.Method} {Request.Path}: {(Request.Headers.ContainsKey(Header) ? "unknown, expired or revoked API key" : "no API key")}");
        await db.SaveChangesAsync(Context.RequestAborted);
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{Header}\"";
        await base.HandleChallengeAsync(properties);
    }
}

internal static class HttpContextActor
{
    /// <summary>The caller, as authenticated by <see cref="ApiKeyAuthentication"/>; every /api/v1 route requires one.</summary>
    public static Actor Actor(this HttpContext context) =>
        context.Items[typeof(Actor)] as Actor ?? throw new InvalidOperationException("the API route was reached without an authenticated caller");
}
