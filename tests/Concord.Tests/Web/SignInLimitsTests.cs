using System.Net;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Users;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Web;

/// <summary>
/// Sign-in under attack: a flood from one address is slowed with 429, guesses at a name lock only the guessing address,
/// a disabled user is out at once, and every refusal is in the audit trail with its source.
/// </summary>
public sealed class SignInLimitsTests
{
    private static async Task<int> AuditedAsync(WebFixture f, string action, string? source = null)
    {
        await using var db = f.Open();
        return await db.AuditEntries.CountAsync(a => a.Action == action && (source == null || a.Source == source));
    }

    private static async Task AsAdminAsync(WebFixture f, string adminName, Func<IdentityServices, User, Actor, Task> act)
    {
        await using var identity = IdentityServices.Open(f.Target);
        var admin = (await identity.Users.FindByNameAsync(adminName))!;
        await act(identity, admin, new Actor($"user:{adminName}", admin.AgencyId));
    }

    [Fact]
    public async Task FortyFailedSignInsFromOneSource_InASecond_AreAnswered429WithRetryAfter_AfterTheLimit()
    {
        // The burst of twenty, with no token coming back during the forty tries however slowly a loaded machine makes them.
        await using var f = await WebFixture.CreateAsync(b => b.Configuration["Concord:RateLimits:SignInEverySeconds"] = "600");
        using var c = f.Client("198.51.100.7");
        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 40; i++) statuses.Add(await c.PasswordAsync($"nobody{i}", "wrong-password-" + i));
        var refused = statuses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(20, statuses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(20, refused.Count);
        Assert.All(refused, r => Assert.True(r.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "no Retry-After"));
        Assert.Contains("Too many attempts from here", await refused[0].Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Audited once for the window, not forty times.
        Assert.Equal(1, await AuditedAsync(f, "auth.rate-limited", "198.51.100.7"));
        Assert.Equal(20, await AuditedAsync(f, "auth.signin-failed", "198.51.100.7"));

        // Another address is not held up.
        using var other = f.Client("198.51.100.8");
        Assert.Equal(HttpStatusCode.OK, (await other.PasswordAsync("nobody", "wrong-password")).StatusCode);
    }

    [Fact]
    public async Task TooManyAttemptsOnOneAccount_FromManyAddresses_Are429()
    {
        await using var f = await WebFixture.CreateAsync();
        var (user, password) = await f.UserAsync("MM-MPF", Roles.Clerk);
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            using var c = f.Client($"203.0.113.{i + 1}");
            answers.Add((await c.PasswordAsync(user, password + "x")).StatusCode);
        }
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 10).Append(HttpStatusCode.TooManyRequests), answers);
    }

    [Fact]
    public async Task LockedByFailuresFromOneSource_StillSignsInFromAnother_UntilUnlockedBoth()
    {
        await using var f = await WebFixture.CreateAsync();
        var (user, password) = await f.UserAsync("MM-MPF", Roles.Clerk);
        var (adminName, _) = await f.UserAsync("MM-MPF", Roles.Admin);
        using var guesser = f.Client("192.0.2.66");
        for (var i = 0; i < 5; i++) await guesser.PasswordAsync(user, password + "x");
        var right = await guesser.PasswordAsync(user, password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("locked at this address", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var officer = f.Client("192.0.2.10");
        await officer.SignInAsync(user, password);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/dashboard")).StatusCode);

        await using (var db = f.Open())
        {
            var locked = await db.AuditEntries.SingleAsync(a => a.Action == "auth.locked-out");
            Assert.Equal(("192.0.2.66", AuditOutcome.Denied), (locked.Source, locked.Outcome));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "access.denied" && a.Source == "192.0.2.66" && a.Details == "sign-in: locked out from this address"));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "auth.signin-failed" && a.Outcome == AuditOutcome.Failed));
        }
        await AsAdminAsync(f, adminName, async (identity, admin, actor) =>
            await UserAdmin.UnlockAsync(identity.Db, identity.Users, actor, admin, (await identity.Users.FindByNameAsync(user))!.Id, CancellationToken.None));
        guesser.Key = officer.Key;
        f.Clock.Advance(TimeSpan.FromSeconds(30));
        await guesser.SignInAsync(user, password);
    }

    [Fact]
    public async Task DisabledUser_OpenSessionIsRefusedOnItsNextRequest_AndCannotSignIn_UntilEnabled()
    {
        await using var f = await WebFixture.CreateAsync();
        var (user, password) = await f.UserAsync("CN-MPS", Roles.Clerk);
        var (adminName, _) = await f.UserAsync("CN-MPS", Roles.Admin);
        using var c = f.Client("192.0.2.20");
        await c.SignInAsync(user, password);
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/dashboard")).StatusCode);

        Guid id;
        await using (var db = f.Open()) id = (await db.Users.SingleAsync(u => u.UserName == user)).Id;
        await AsAdminAsync(f, adminName, (identity, admin, actor) => UserAdmin.SetDisabledAsync(identity.Db, identity.Users, actor, admin, id, true, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Redirect, (await c.GetAsync("/dashboard")).StatusCode);
        var again = await c.PasswordAsync(user, password);
        Assert.Contains("This account is disabled", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var db = f.Open())
        {
            Assert.Equal("disabled", (await db.UserSessions.SingleAsync(s => s.UserId == id)).EndReason);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "user.disable" && a.EntityId == id));
        }
        // An administrator does not disable themself.
        await AsAdminAsync(f, adminName, async (identity, admin, actor) =>
            await Assert.ThrowsAsync<Concord.Core.ConcordException>(() => UserAdmin.SetDisabledAsync(identity.Db, identity.Users, actor, admin, admin.Id, true, CancellationToken.None)));

        await AsAdminAsync(f, adminName, (identity, admin, actor) => UserAdmin.SetDisabledAsync(identity.Db, identity.Users, actor, admin, id, false, CancellationToken.None));
        f.Clock.Advance(TimeSpan.FromSeconds(30));
        await c.SignInAsync(user, password);
    }

    [Fact]
    public async Task SignOut_And_ApiCallsWithoutAValidKey_AreAudited_AndKeylessCallsAreLimited()
    {
        await using var f = await WebFixture.CreateAsync(b => b.Configuration["Concord:RateLimits:ApiWithoutKeyPerMinute"] = "5");
        var (user, password) = await f.UserAsync("MM-MPF", Roles.Clerk);
        using var c = f.Client("192.0.2.30");
        await c.SignInAsync(user, password);
        var page = await (await c.GetAsync("/dashboard")).Content.ReadAsStringAsync();
        var signOut = await c.Http.PostAsync(new Uri("/account/signout", UriKind.Relative), new FormUrlEncodedContent(
            [new("__RequestVerificationToken", WebFixture.AntiforgeryField().Match(page).Groups[1].Value)]));
        await using (var db = f.Open())
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "auth.signout" && a.Actor == $"user:{user}" && a.Source == "192.0.2.30"), $"sign-out answered {signOut.StatusCode}");

        using var anonymous = f.Client("192.0.2.31");
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++) answers.Add((await anonymous.GetAsync("/api/v1/leads")).StatusCode);
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers);
        await using var check = f.Open();
        Assert.Equal(5, await check.AuditEntries.CountAsync(a => a.Action == "auth.refused" && a.Source == "192.0.2.31" && a.Outcome == AuditOutcome.Denied));
    }
}
