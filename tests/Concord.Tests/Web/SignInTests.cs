using System.Net;
using Concord.Core.Domain;
using Concord.Core.Features.Users;
using Concord.Core.Auditing;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Web;

/// <summary>What must always hold of signing in (src/Concord.Cli/Web/Security/README.md), over the real forms and cookies.</summary>
public sealed class SignInTests
{
    [Fact]
    public async Task SignIn_WithPasswordAndFirstCode_EnrolsAuthenticatorAndOpensDashboard()
    {
        await using var f = await WebFixture.CreateAsync();
        var (user, password) = await f.UserAsync("MM-MPF", Roles.Clerk);
        using var c = f.Client();
        await c.SignInAsync(user, password);
        Assert.NotNull(c.Key);
        var dashboard = await c.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains(user, await dashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = f.Open();
        Assert.True((await db.Users.SingleAsync(u => u.UserName == user)).AuthenticatorConfirmed);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "auth.signin" && a.Actor == $"user:{user}"));
    }

    [Fact]
    public async Task Enrolment_NeedsTheEnrolmentCode_NotJustThePassword()
    {
        await using var f = await WebFixture.CreateAsync();
        var (user, password) = await f.UserAsync("MM-MPF", Roles.Clerk);
        using var c = f.Client("192.0.2.40");
        await c.PasswordAsync(user, password);
        var page = await (await c.GetAsync("/account/totp")).Content.ReadAsStringAsync();
        Assert.Contains("id=\"enrolment-code\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("authenticator-key", page, StringComparison.Ordinal);

        // A wrong code shows no key, and counts as a failure from this address.
        var wrong = await c.EnrolAsync("AAAA-BBBB");
        var wrongPage = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("That enrolment code is wrong or has expired", wrongPage, StringComparison.Ordinal);
        Assert.DoesNotContain("authenticator-key", wrongPage, StringComparison.Ordinal);
        // The code form, which is not shown before the enrolment code, posted anyway: refused, nobody signed in.
        var guessed = await c.PostFormAsync("/account/totp", "totp", () => [new("Input.Code", "123456")]);
        Assert.Equal(HttpStatusCode.BadRequest, guessed.StatusCode);
        Assert.DoesNotContain(c.Cookies.GetAllCookies(), k => k.Name == "concord.session");

        // The right code (as typed from paper: lower case, no dash) shows the key; enrolling spends it.
        var code = f.EnrolmentCodes[user];
        await c.EnrolAsync(code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant());
        Assert.NotNull(c.Key);
        Assert.Equal("/dashboard", Browserless.Target(await c.CodeAsync()));
        await using var db = f.Open();
        var enrolled = await db.Users.SingleAsync(u => u.UserName == user);
        Assert.True(enrolled.AuthenticatorConfirmed);
        Assert.Null(enrolled.EnrolmentCodeHash);
        Assert.False(Enrolment.Matches(enrolled, code, DateTime.UtcNow));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "auth.enrolment-failed" && a.Source == "192.0.2.40" && a.Outcome == AuditOutcome.Failed));
    }

    [Fact]
    public void EnrolmentCode_LapsesAfterSevenDays()
    {
        var user = new User { UserName = "x" };
        var now = DateTime.UtcNow;
        var code = Enrolment.Issue(user, now);
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}$", code);
        Assert.True(Enrolment.Matches(user, code, now.AddDays(6)));
        Assert.False(Enrolment.Matches(user, code, now.AddDays(7)));
        Assert.False(Enrolment.Matches(user, "ZZZZ-ZZZZ", now));
    }

    [Fact]
    public async Task SessionCookie_IsHttpOnlySameSiteStrictAndSecure()
    {
        await using var f = await WebFixture.CreateAsync();
        var (user, password) = await f.UserAsync("MM-MPF", Roles.Clerk);
        using var c = f.Client();
        await c.PasswordAsync(user, password);
        await c.EnrolAsync(f.EnrolmentCodes[user]);
        var response = await c.CodeAsync();
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), h => h.StartsWith("concord.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Password_AloneNeverSignsIn()
    {
        await using var f = await WebFixture.CreateAsync();
        var (user, password) = await f.UserAsync("MM-MPF", Roles.Clerk);
        using var c = f.Client();
        var response = await c.PasswordAsync(user, password);
        Assert.StartsWith("/account/totp", Browserless.Target(response), StringComparison.Ordinal);
        Assert.DoesNotContain(c.Cookies.GetAllCookies(), k => k.Name == "concord.session");
        Assert.Equal(HttpStatusCode.Redirect, (await c.GetAsync("/dashboard")).StatusCode);
    }

    [Fact]
    public async Task ReusedCode_IsRefused_AndTheNextCodeIsAccepted()
    {
        await using var f = await WebFixture.CreateAsync();
        var (user, password) = await f.UserAsync("CN-MPS", Roles.PortOfficer);
        using var first = f.Client();
        await first.SignInAsync(user, password);
        var used = first.CurrentCode();

        // Someone who saw the password and the code a moment later, within the same 30 seconds.
        f.Clock.Advance(TimeSpan.FromSeconds(5));
        using var second = f.Client();
        second.Key = first.Key;
        await second.PasswordAsync(user, password);
        var replay = await second.CodeAsync(used);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("id=\"totp-error\"", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(second.Cookies.GetAllCookies(), k => k.Name == "concord.session");

        f.Clock.Advance(TimeSpan.FromSeconds(30));
        var next = await second.CodeAsync();
        Assert.Equal("/dashboard", Browserless.Target(next));
    }

    [Fact]
    public async Task SixthWrongPassword_IsRefused_EvenWithTheRightOne_UntilAnAdministratorUnlocks()
    {
        await using var f = await WebFixture.CreateAsync();
        var (user, password) = await f.UserAsync("MM-MPF", Roles.Clerk);
        var (adminName, _) = await f.UserAsync("MM-MPF", Roles.Admin);
        using var c = f.Client();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await c.PasswordAsync(user, password + "x");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        var sixth = await c.PasswordAsync(user, password);
        Assert.Equal(HttpStatusCode.OK, sixth.StatusCode);
        Assert.Contains("locked", await sixth.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Waiting does not help: only an administrator of the agency unlocks.
        f.Clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(HttpStatusCode.OK, (await c.PasswordAsync(user, password)).StatusCode);

        await using (var identity = IdentityServices.Open(f.Target))
        {
            var admin = await identity.Users.FindByNameAsync(adminName);
            var locked = await identity.Users.FindByNameAsync(user);
            await UserAdmin.UnlockAsync(identity.Db, identity.Users, new Actor($"user:{adminName}", admin!.AgencyId), admin, locked!.Id, CancellationToken.None);
        }
        await c.SignInAsync(user, password);
        await using var db = f.Open();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "auth.locked-out"));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "user.unlock"));
    }

    [Fact]
    public async Task FormPost_WithoutAntiforgeryToken_IsRefused()
    {
        await using var f = await WebFixture.CreateAsync();
        var (user, password) = await f.UserAsync("MM-MPF", Roles.Clerk);
        using var c = f.Client();
        var signIn = await c.PasswordAsync(user, password, withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.DoesNotContain(c.Cookies.GetAllCookies(), k => k.Name == "concord.2fa");

        await c.SignInAsync(user, password);
        var signOut = await c.Http.PostAsync(new Uri("/account/signout", UriKind.Relative), new FormUrlEncodedContent([new("returnUrl", "/")]));
        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/dashboard")).StatusCode);
    }

    [Fact]
    public async Task Session_IdleForThirtyMinutes_IsRefused()
    {
        await using var f = await WebFixture.CreateAsync();
        var (user, password) = await f.UserAsync("MM-MPF", Roles.Clerk);
        using var c = f.Client();
        await c.SignInAsync(user, password);
        f.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/dashboard")).StatusCode);
        f.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/dashboard")).StatusCode);
        f.Clock.Advance(TimeSpan.FromMinutes(31));
        var idle = await c.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, idle.StatusCode);
        Assert.StartsWith("/?returnUrl", Browserless.Target(idle), StringComparison.OrdinalIgnoreCase);
        await using var db = f.Open();
        Assert.Equal("idle", (await db.UserSessions.SingleAsync()).EndReason);
    }

    [Fact]
    public async Task Session_EndsAfterTwelveHours_EvenWhenActive()
    {
        await using var f = await WebFixture.CreateAsync();
        var (user, password) = await f.UserAsync("MM-MPF", Roles.Clerk);
        using var c = f.Client();
        await c.SignInAsync(user, password);
        for (var i = 0; i < 35; i++)
        {
            f.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/dashboard")).StatusCode);
        }
        f.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.Redirect, (await c.GetAsync("/dashboard")).StatusCode);
        await using var db = f.Open();
        Assert.Equal("expired", (await db.UserSessions.SingleAsync()).EndReason);
    }
    [Fact]
    public async Task Session_KeepsItsSourceAddress_AfterTheSecurityStampCheckRefreshesIt()
    {
        await using var f = await WebFixture.CreateAsync();
        var (user, password) = await f.UserAsync("MM-MPF", Roles.Clerk);
        using var c = f.Client("192.0.2.44");
        await c.SignInAsync(user, password);
        // Past the stamp check's interval the principal is rebuilt from the user; the address it signed in from stays.
        f.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/dashboard")).StatusCode);
        f.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/dashboard")).StatusCode);
        // A download is audited from the signed-in user's claims alone.
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/persons/export.xlsx")).StatusCode);
        await using var db = f.Open();
        var signIn = await db.AuditEntries.SingleAsync(a => a.Action == "auth.signin" && a.Actor == $"user:{user}");
        Assert.Equal("192.0.2.44", signIn.Source);
        var later = await db.AuditEntries.Where(a => a.Actor == $"user:{user}" && a.Action != "auth.signin").ToListAsync();
        Assert.Contains(later, e => e.Action == "person.export");
        Assert.True(later.Count >= 3);
        Assert.All(later, e => Assert.Equal(signIn.Source, e.Source));
    }
}
