using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Custody;
using Concord.Core.Features.Federation;
using Concord.Core.Features.Handover;
using Concord.Core.Features.Intake;
using Concord.Core.Features.Leads;
using Concord.Core.Features.Operations;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Concord.Tests.Browser;

/// <summary>
/// Two nodes, each its own web host on loopback with its own database and key, exchanging packets by themselves over
/// the link. Myanmar's commander shares the Chinese nationals' rows from the operation's page, China's coordinator
/// sends back what its review decided from the copy's page, then Myanmar's commander dispatches a handover; China's port officer, signed in to China's
/// node, finds it there, marks one person missing and signs the receipt; Myanmar's node verifies the receipt and moves
/// custody; the Packets page of each node shows the manifest and the receipt in their states.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HandoverAcrossNodesInTheBrowserTests
{
    private const string Lead = "CN-LEAD-2024-017";
    private const string Op = "MUSE-2024-03";

    private static async Task<BrowserFixture> NodeAsync(string name, string dir, NoteKey[] key)
    {
        var file = Path.Combine(dir, name + ".key");
        var (created, _) = NodeIdentity.Store.Create(name, file);
        key[0] = created;
        return await BrowserFixture.CreateAsync(configure: b =>
        {
            b.Configuration["Concord:NodeKeyFile"] = file;
            b.Configuration["Concord:Federation:Exchange"] = "true";
            b.Configuration["Concord:Federation:CheckSeconds"] = "0.3";
            b.Configuration["Concord:Federation:PullSeconds"] = "1";
            b.Configuration["Concord:Federation:RetrySeconds"] = "0.1";
            b.Configuration["Concord:Federation:ResendSeconds"] = "1";
        });
    }

    private static async Task UntilAsync(Func<Task<bool>> done, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (!await done())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"waited 90 s for {what}");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task AHandoverDispatchedOnOneNode_IsReceivedOnTheOther_AndCustodyMovesOnTheSignedReceipt()
    {
        var dir = Directory.CreateTempSubdirectory("concord-two-nodes-").FullName;
        var cnKey = new NoteKey[1];
        var mmKey = new NoteKey[1];
        await using var cn = await NodeAsync("CN-MPS-NODE", dir, cnKey);
        await using var mm = await NodeAsync("MM-MPF-NODE", dir, mmKey);
        using var _ = cnKey[0];
        using var __ = mmKey[0];
        var op = Actor.Operator("test");
        await using (var db = cn.Open()) await Partners.AddAsync(db, op, mmKey[0].VerifierKey, mm.BaseUrl.ToString(), ["MM-MPF"], cnKey[0], default);
        await using (var db = mm.Open()) await Partners.AddAsync(db, op, cnKey[0].VerifierKey, cn.BaseUrl.ToString(), ["CN-MPS"], mmKey[0], default);

        // China's lead crosses by itself; Myanmar's node raids, matches the lead's targets and sorts custody.
        await using (var db = cn.Open())
            await ImportLead.RunAsync(db, op, new ImportLead.Request(Lead, "CN-MPS", "MM-MPF", "H3", Repo.Muse("dens.csv"), Repo.Muse("lead-targets.csv")), default);
        await UntilAsync(async () => { await using var db = mm.Open(); return await db.Leads.AnyAsync(); }, "the lead on Myanmar's node");
        await using (var db = mm.Open())
        {
            await CreateOperation.RunAsync(db, op, Op, Lead, "MM-MPF", default);
            await ImportRoster.RunAsync(db, op, Scenario.WriteTemp("roster.csv", Scenario.RosterLines(60)), Op, default);
            await MatchOperation.RunAsync(db, op, Op, null, default);
        }

        // Myanmar's commander shares the Chinese nationals' rows with China's node from the operation's page.
        var commander = await mm.UserAsync("mm.commander", "MM-MPF", "en", Roles.Commander);
        var page = await mm.PageAsync();
        await BrowserFixture.SignInAsync(page, commander.Name, commander.Password);
        await BrowserFixture.GoAsync(page, $"/operations/{Op}");
        await page.ClickAsync("#share-roster");
        await page.WaitForSelectorAsync("text=queued for CN-MPS");
        int shared;
        await using (var db = mm.Open()) shared = await db.Persons.CountAsync(p => p.Nationality == "CHN" || db.RosterRecords.Any(r => r.PersonId == p.Id && r.Nationality == "CHN"));
        await UntilAsync(async () => { await using var db = cn.Open(); return await db.Persons.CountAsync() == shared; }, "the shared roster on China's node");
        // China's node matches its copy against its own lists; its coordinator sends back what the review decided.
        await using (var db = cn.Open()) await MatchOperation.RunAsync(db, op, Op, null, default);
        var coordinator = await cn.UserAsync("cn.coordinator", "CN-MPS", "en", Roles.Coordinator);
        var china = await cn.PageAsync();
        await BrowserFixture.SignInAsync(china, coordinator.Name, coordinator.Password);
        await BrowserFixture.GoAsync(china, $"/operations/{Op}");
        Assert.Null(await china.QuerySelectorAsync("#share-roster"));
        await china.ClickAsync("#answer-roster");
        await china.WaitForSelectorAsync("text=answered to MM-MPF");
        await UntilAsync(async () => { await using var db = mm.Open(); return await db.AuditEntries.AnyAsync(a => a.Action == "match.receive"); }, "the answer on Myanmar's node");

        Guid handover;
        await using (var db = mm.Open())
        {
            await DecideCustody.RunAsync(db, op, Op, default);
            handover = (await Handovers.PlanAsync(db, op, Op, "CN-MPS", "Ruili", new DateOnly(2024, 3, 31), default)).Id;
        }
        int onManifest;
        string missing;
        await using (var db = mm.Open())
        {
            var persons = await db.HandoverPersons.Where(p => p.HandoverId == handover).Select(p => p.PersonId).ToListAsync();
            onManifest = persons.Count;
            missing = (await db.RosterRecords.Where(r => persons.Contains(r.PersonId)).Select(r => r.RosterNo).ToListAsync()).Order(StringComparer.Ordinal).First();
        }
        Assert.True(onManifest > 10, $"{onManifest} persons on the manifest");

        // Myanmar's commander dispatches on Myanmar's node.
        await BrowserFixture.GoAsync(page, $"/handovers/{handover}");
        await page.ClickAsync("#dispatch-handover");
        await page.ClickAsync("#dispatch-yes");
        await page.WaitForSelectorAsync("#handover-state[data-state='dispatched']");

        // The signed manifest reaches China's node by itself; the port officer there checks it in.
        await UntilAsync(async () => { await using var db = cn.Open(); return await db.Handovers.AnyAsync(h => h.Id == handover); }, "the manifest on China's node");
        var port = await cn.UserAsync("cn.port", "CN-MPS", "en", Roles.PortOfficer);
        var gate = await cn.PageAsync();
        await BrowserFixture.SignInAsync(gate, port.Name, port.Password);
        await BrowserFixture.GoAsync(gate, $"/handovers/{handover}/port");
        await gate.FillAsync("#port-search", missing);
        await gate.WaitForSelectorAsync($"#port-person[data-ref='{missing}']");
        await gate.FillAsync("#port-note", "not at the gate at Ruili");
        await gate.ClickAsync("#mark-missing");
        await gate.WaitForFunctionAsync("no => document.querySelector('#port-last')?.innerText.includes(no)", missing);
        await gate.CheckAsync("#rest-received");
        await gate.ClickAsync("#sign-receipt");
        await gate.ClickAsync("#rest-confirm-yes");
        await gate.WaitForSelectorAsync("#receipt-done");
        await BrowserFixture.ScreenshotAsync(gate, "two-nodes-port-en");

        // Myanmar's node verifies the signed receipt and moves custody for those received, not for the one missing.
        await UntilAsync(async () => { await using var db = mm.Open(); return (await db.Handovers.SingleAsync()).State == HandoverState.Received; }, "the receipt on Myanmar's node");
        await using (var db = mm.Open())
        {
            var cnMps = await db.Agencies.Where(a => a.Code == "CN-MPS").Select(a => a.Id).SingleAsync();
            var missingPerson = await db.RosterRecords.Where(r => r.RosterNo == missing).Select(r => r.PersonId).SingleAsync();
            Assert.Equal(onManifest - 1, await db.Persons.CountAsync(p => p.CustodyAgencyId == cnMps));
            Assert.NotEqual(cnMps, (await db.Persons.SingleAsync(p => p.Id == missingPerson)).CustodyAgencyId);
        }
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#handover-state[data-state='received']");

        // Each node's Packets page: Myanmar's manifest acknowledged and China's receipt applied; the mirror on China's node.
        await BrowserFixture.GoAsync(page, "/packets");
        await page.WaitForSelectorAsync("#packets-table tr[data-type='receipt'].packet-applied");
        Assert.Contains("Manifest", await page.InnerTextAsync("#packets-table tr[data-type='manifest']"), StringComparison.Ordinal);
        await UntilAsync(async () => { await using var db = mm.Open(); return await db.Packets.AnyAsync(p => p.Type == "manifest" && p.State == PacketState.Acknowledged); }, "the manifest acknowledged");
        await BrowserFixture.GoAsync(page, "/packets");
        await page.WaitForSelectorAsync("#packets-table tr[data-type='manifest'].packet-acknowledged");
        Assert.Contains("Receipt", await page.InnerTextAsync("#packets-table tr[data-type='receipt']"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "two-nodes-packets-mm-en");

        await BrowserFixture.GoAsync(china, "/packets");
        await china.WaitForSelectorAsync("#packets-table tr[data-type='manifest'].packet-applied");
        Assert.Equal(1, await china.Locator("#packets-table tr[data-type='receipt']").CountAsync());
        Assert.Equal(1, await china.Locator("#packets-table tr[data-type='roster-share'].packet-applied").CountAsync());
        await BrowserFixture.ScreenshotAsync(china, "two-nodes-packets-cn-en");
        try { Directory.Delete(dir, recursive: true); }
        catch (IOException) { /* left for the OS's temp cleaning */ }
    }
}
