using System.Net;
using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Leads;
using Concord.Core.Features.Users;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Web;

/// <summary>Every page is scoped to the user's agency and role; nobody raises themself.</summary>
public sealed class AccessTests
{
    [Fact]
    public async Task LeadPage_OfAnotherAgencysLead_AnswersNotFound_AndIsAudited()
    {
        await using var f = await WebFixture.CreateAsync();
        Guid leadId;
        await using (var db = f.Open())
        {
            // A lead the ministry sent to a third force: nothing of it is MM-MPF's.
            db.Agencies.Add(new Agency { Code = "TH-RTP", Name = "Royal Thai Police", Country = "THA" });
            await db.SaveChangesAsync();
            await ImportLead.RunAsync(db, Actor.Operator("test"),
                new ImportLead.Request("CN-LEAD-TH-1", "CN-MPS", "TH-RTP", "H3-NO-ONWARD", Repo.Muse("dens.csv"), Repo.Muse("lead-targets.csv")), CancellationToken.None);
            leadId = await db.Leads.Where(l => l.Code == "CN-LEAD-TH-1").Select(l => l.Id).SingleAsync();
        }
        var (cnUser, cnPassword) = await f.UserAsync("CN-MPS", Roles.Coordinator);
        var (mmUser, mmPassword) = await f.UserAsync("MM-MPF", Roles.Commander);
        using var cn = f.Client();
        await cn.SignInAsync(cnUser, cnPassword);
        var own = await cn.GetAsync($"/leads/{leadId}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("CN-LEAD-TH-1", await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var mm = f.Client();
        await mm.SignInAsync(mmUser, mmPassword);
        var other = await mm.GetAsync($"/leads/{leadId}");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.DoesNotContain("CN-LEAD-TH-1", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var check = f.Open();
        Assert.True(await check.AuditEntries.AnyAsync(a => a.Action == "access.denied" && a.EntityId == leadId && a.Actor == $"user:{mmUser}"));
        Assert.True(await check.AuditEntries.AnyAsync(a => a.Action == "page.read" && a.EntityId == leadId && a.Actor == $"user:{cnUser}"));
    }

    [Fact]
    public async Task Page_OutsideTheUsersRoles_IsNotShown()
    {
        await using var f = await WebFixture.CreateAsync();
        var (clerk, password) = await f.UserAsync("MM-MPF", Roles.Clerk);
        using var c = f.Client();
        await c.SignInAsync(clerk, password);
        var leads = await c.GetAsync("/leads");
        Assert.NotEqual(HttpStatusCode.OK, leads.StatusCode);
        Assert.DoesNotContain("leads-table", await leads.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administrator_CannotGiveThemselfARole_NorManageAnotherAgencysUsers()
    {
        await using var f = await WebFixture.CreateAsync();
        var (mmAdmin, _) = await f.UserAsync("MM-MPF", Roles.Admin);
        var (cnClerk, _) = await f.UserAsync("CN-MPS", Roles.Clerk);
        var (mmClerk, _) = await f.UserAsync("MM-MPF", Roles.Clerk);
        await using var identity = IdentityServices.Open(f.Target);
        var admin = (await identity.Users.FindByNameAsync(mmAdmin))!;
        var actor = new Actor($"user:{mmAdmin}", admin.AgencyId);
        var other = (await identity.Users.FindByNameAsync(cnClerk))!;
        var clerk = (await identity.Users.FindByNameAsync(mmClerk))!;

        var self = await Assert.ThrowsAsync<ConcordException>(() =>
            UserAdmin.SetRolesAsync(identity.Db, identity.Users, actor, admin, admin.Id, [Roles.Admin, Roles.Auditor], CancellationToken.None));
        Assert.IsType<ConflictError>(self.Error);
        var foreign = await Assert.ThrowsAsync<ConcordException>(() =>
            UserAdmin.SetRolesAsync(identity.Db, identity.Users, actor, admin, other.Id, [Roles.Admin], CancellationToken.None));
        Assert.IsType<NotFoundError>(foreign.Error);

        // A user who is not an administrator cannot manage anyone, themself included.
        var clerkActor = new Actor($"user:{mmClerk}", clerk.AgencyId);
        var raise = await Assert.ThrowsAsync<ConcordException>(() =>
            UserAdmin.SetRolesAsync(identity.Db, identity.Users, clerkActor, clerk, clerk.Id, [Roles.Admin], CancellationToken.None));
        Assert.IsType<NotFoundError>(raise.Error);
        await Assert.ThrowsAsync<ConcordException>(() =>
            UserAdmin.CreateAsync(identity.Db, identity.Users, clerkActor, clerk, "mm.new", null, [Roles.Admin], "en", CancellationToken.None));

        // What an administrator creates belongs to their own agency: there is no way to name another.
        var created = await UserAdmin.CreateAsync(identity.Db, identity.Users, actor, admin, "mm.reviewer.new", null, [Roles.Reviewer], "my", CancellationToken.None);
        Assert.Equal(admin.AgencyId, (await identity.Users.FindByIdAsync(created.Id.ToString()))!.AgencyId);
        Assert.Equal([Roles.Clerk], await identity.Users.GetRolesAsync(clerk));
        Assert.DoesNotContain(Roles.Auditor, await identity.Users.GetRolesAsync(admin));
    }
}
