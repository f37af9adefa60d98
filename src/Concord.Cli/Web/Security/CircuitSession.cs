using Concord.Core.Domain;
using Concord.Core.Features.Users;
using Concord.Core.Storage;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Concord.Cli.Web.Security;

/// <summary>
/// An interactive page talks over its circuit, not in requests, so the circuit itself keeps the session alive while the
/// officer works and the check below ends it within a minute of the session going idle, expiring or being revoked.
/// </summary>
internal sealed class SessionAuthenticationStateProvider(ILoggerFactory logger, IServiceScopeFactory scopes, IOptions<IdentityOptions> options, TimeProvider clock)
    : RevalidatingServerAuthenticationStateProvider(logger)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConcordDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        if (state.User.SessionId() is not { } sid || await users.GetUserAsync(state.User) is not { } user) return false;
        if (await users.IsLockedOutAsync(user)) return false;
        var stamp = state.User.FindFirst(options.Value.ClaimsIdentity.SecurityStampClaimType)?.Value;
        if (stamp != await users.GetSecurityStampAsync(user)) return false;
        return await UserSessions.CheckAsync(db, sid, clock.GetUtcNow().UtcDateTime, active: false, ct);
    }
}

/// <summary>Every message from the browser counts as activity for the session (written at most once a minute).</summary>
internal sealed class SessionCircuitHandler(AuthenticationStateProvider auth, IDbContextFactory<ConcordDbContext> dbs, TimeProvider clock) : CircuitHandler
{
    private DateTime _lastTouch = DateTime.MinValue;

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (now - _lastTouch >= UserSessions.TouchEvery)
            {
                _lastTouch = now;
                var state = await auth.GetAuthenticationStateAsync();
                if (state.User.SessionId() is { } sid)
                {
                    await using var db = await dbs.CreateDbContextAsync();
                    await UserSessions.CheckAsync(db, sid, now, active: true, CancellationToken.None);
                }
            }
            await next(context);
        };
}
