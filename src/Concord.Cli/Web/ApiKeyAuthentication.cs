using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Concord.Core.Auditing;
using Concord.Core.Features;
using Concord.Core.Features.ApiKeys;
using Concord.Core.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Concord.Cli.Web;

/// <summary>
/// A program calls the API with an agency's key in the X-Api-Key header. The caller becomes an <see cref="Actor"/> of that
/// agency who also sees the agencies below it, worked out on every request so that a new bureau is seen at once.
/// </summary>
internal sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ConcordDbContext db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(secret)) return AuthenticateResult.NoResult();
        var key = await ApiKeys.FindAsync(db, secret, Context.RequestAborted);
        if (key is null) return AuthenticateResult.Fail("unknown or revoked API key");
        var visible = await Agencies.WithDescendantsAsync(db, key.AgencyId, Context.RequestAborted);
        var actor = new Actor($"api:{key.Name}", key.AgencyId, visible);
        Context.Items[typeof(Actor)] = actor;
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, actor.Name), new Claim("agency", key.AgencyId.ToString("D", CultureInfo.InvariantCulture))], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{Header}\"";
        return base.HandleChallengeAsync(properties);
    }
}

internal static class HttpContextActor
{
    /// <summary>The caller, as authenticated by <see cref="ApiKeyAuthentication"/>; every /api/v1 route requires one.</summary>
    public static Actor Actor(this HttpContext context) =>
        context.Items[typeof(Actor)] as Actor ?? throw new InvalidOperationException("the API route was reached without an authenticated caller");
}
