using System.Net;
using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Leads;
using Concord.Core.Features.Operations;
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
                new ImportLead.Request("CN-LEAD-TH-1", "CN-MPS", "TH-RTP", "H3", Repo.Muse("dens.csv"), Repo.Muse("lead-targets.csv")), CancellationToken.None);
            leadId = await db.Leads.Where(l => l.Code == "CN-LEAD-TH-1").Select(l => l.Id).SingleAsync();
        }
        var (cnUser, cnPassword) = await f.UserAsync("CN-MPS", Roles.Coordinator);
        var (mmUser, mmPassword) = await f.UserAsync("MM-MPF", Roles.Commander);
        using var cn = f.Client();
        await cn.SignInAsync(cnUser, cnPassword);
        // The lead's data is read once the circuit is up (the browser tests read it there, audited once per view); the
        // prerender answers whether the lead may be seen.
        var own = await cn.GetAsync($"/leads/{leadId}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);

        using var mm = f.Client();
        await mm.SignInAsync(mmUser, mmPassword);
        var other = await mm.GetAsync($"/leads/{leadId}");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.DoesNotContain("CN-LEAD-TH-1", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var check = f.Open();
        Assert.True(await check.AuditEntries.AnyAsync(a => a.Action == "access.denied" && a.EntityId == leadId && a.Actor == $"user:{mmUser}"));
    }

    [Fact]
    public async Task PagesThatReadOnceTheCircuitIsUp_StillAnswerNotFound_ForAnotherAgencysRecord()
    {
        await using var f = await WebFixture.CreateAsync();
        Guid handoverId;
        await using (var db = f.Open())
        {
            var op = Actor.Operator("test");
            await ImportLead.RunAsync(db, op, new ImportLead.Request(Scenario.Lead, "CN-MPS", "MM-MPF", "H3", Repo.Muse("dens.csv"), Repo.Muse("lead-targets.csv")), CancellationToken.None);
            var operation = await CreateOperation.RunAsync(db, op, Scenario.Operation, Scenario.Lead, "MM-MPF", CancellationToken.None);
            // A handover from MM-MPF to a third force: CN-MPS sent the lead, but this handover is none of its business.
            var third = new Agency { Code = "TH-RTP", Name = "Royal Thai Police", Country = "THA" };
            db.Agencies.Add(third);
            var handover = new Concord.Core.Domain.Handover { AgencyId = operation.AgencyId, OperationId = operation.Id, ToAgencyId = third.Id, Port = "Mae Sot", Date = new DateOnly(2024, 3, 31) };
            db.Handovers.Add(handover);
            await db.SaveChangesAsync();
            handoverId = handover.Id;
        }
        var (cnUser, cnPassword) = await f.UserAsync("CN-MPS", Roles.PortOfficer, Roles.Reviewer);
        var (mmUser, mmPassword) = await f.UserAsync("MM-MPF", Roles.Commander);
        using var mm = f.Client();
        await mm.SignInAsync(mmUser, mmPassword);
        Assert.Equal(HttpStatusCode.OK, (await mm.GetAsync($"/handovers/{handoverId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mm.GetAsync($"/operations/{Scenario.Operation}/review")).StatusCode);

        using var cn = f.Client();
        await cn.SignInAsync(cnUser, cnPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await cn.GetAsync($"/handovers/{handoverId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cn.GetAsync($"/handovers/{handoverId}/port")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cn.GetAsync($"/operations/{Scenario.Operation}/review")).StatusCode);
        await using var check = f.Open();
        Assert.Equal(2, await check.AuditEntries.CountAsync(a => a.Action == "access.denied" && a.EntityId == handoverId && a.Actor == $"user:{cnUser}"));
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
