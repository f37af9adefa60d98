using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Users;
using Concord.Core.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using System.Security.Claims;

namespace Concord.Cli.Web.Security;

/// <summary>
/// The sign-in cookie holds a server-side session id. Every request checks that session (30 minutes idle, 12 hours in all),
/// so an expired session is refused however old the browser's copy of the cookie is.
/// </summary>
internal static class SessionCookie
{
    public static void Configure(CookieAuthenticationOptions o)
    {
        o.Cookie.Name = "concord.session";
        o.Cookie.HttpOnly = true;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.LoginPath = "/";
        o.LogoutPath = "/account/signout";
        // A signed-in user whose roles do not take a page is answered 403 where they are (the status page says why), not sent away.
        o.Events.OnRedirectToAccessDenied = context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
        // The node's session decides when a sign-in ends; the cookie outlives it a little so that the end is recorded with its reason.
        o.ExpireTimeSpan = SessionPolicy.Absolute + TimeSpan.FromHours(1);
        o.SlidingExpiration = false;
        o.Events.OnSigningIn = SigningInAsync;
        o.Events.OnValidatePrincipal = ValidateAsync;
        o.Events.OnSigningOut = SigningOutAsync;
    }

    public static void ConfigureTwoFactor(CookieAuthenticationOptions o)
    {
        o.Cookie.Name = "concord.2fa";
        o.Cookie.HttpOnly = true;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
    }

    private static async Task SigningInAsync(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity || identity.FindFirst(UserClaimsFactory.Session) is not null) return;
        var services = context.HttpContext.RequestServices;
        var db = services.GetRequiredService<ConcordDbContext>();
        var users = services.GetRequiredService<UserManager<User>>();
        var user = await users.GetUserAsync(context.Principal) ?? throw new InvalidOperationException("signing in a user that does not exist");
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var source = context.HttpContext.Connection.RemoteIpAddress?.ToString();
        db.Record(new Actor($"user:{user.UserName}", user.AgencyId) { Source = source }, "auth.signin", nameof(User), user.Id);
        var session = await UserSessions.StartAsync(db, user, now, context.HttpContext.RequestAborted);
        identity.AddClaim(new Claim(UserClaimsFactory.Session, session.Id.ToString("D")));
        if (source is not null) identity.AddClaim(new Claim(UserClaimsFactory.Source, source));
    }

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        await SecurityStampValidator.ValidatePrincipalAsync(context);
        if (context.Principal is null) return;
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        if (context.Principal.SessionId() is { } sid &&
            await UserSessions.CheckAsync(services.GetRequiredService<ConcordDbContext>(), sid, now, active: true, context.HttpContext.RequestAborted))
            return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    private static async Task SigningOutAsync(CookieSigningOutContext context)
    {
        // The user as authenticated for this request: authenticating again here would validate, reject and sign out again.
        if (context.HttpContext.User.SessionId() is not { } sid) return;
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var db = services.GetRequiredService<ConcordDbContext>();
        var user = context.HttpContext.User;
        db.Record(new Actor($"user:{user.Identity?.Name}", user.AgencyId()) { Source = context.HttpContext.Connection.RemoteIpAddress?.ToString() },
            "auth.signout", nameof(User), user.UserId());
        await db.SaveChangesAsync(context.HttpContext.RequestAborted);
        await UserSessions.EndAsync(db, sid, now, "signed-out", context.HttpContext.RequestAborted);
    }

    /// <summary>
    /// A refreshed principal (after a security stamp check) keeps its session and the address it signed in from, so the
    /// audit entries of a long session go on naming their source.
    /// </summary>
    public static Task KeepSession(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.NewPrincipal?.Identity is not ClaimsIdentity identity) return Task.CompletedTask;
        foreach (var type in (string[])[UserClaimsFactory.Session, UserClaimsFactory.Source])
            if (context.CurrentPrincipal?.FindFirst(type) is { } kept && identity.FindFirst(type) is null)
                identity.AddClaim(new Claim(kept.Type, kept.Value));
        return Task.CompletedTask;
    }
}
