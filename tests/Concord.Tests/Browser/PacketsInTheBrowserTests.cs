using System.Text.Json;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Federation;
using Concord.Core.Features.Leads;
using Concord.Core.Storage;
using Concord.Tests.Infrastructure;

namespace Concord.Tests.Browser;

/// <summary>
/// The Packets page as a coordinator reads it: the partner node with its fingerprint and link, the lead queued for it,
/// and a packet its node refused, with why; another agency's officer sees none of them.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PacketsInTheBrowserTests
{
    [Fact]
    public async Task ThePacketsPage_ShowsEachPartnerAndEachPacketsState_ToItsAgencyOnly()
    {
        using var thailand = NoteKey.Create("TH-RTP-NODE");
        using var self = NoteKey.Create("CN-MPS-NODE");
        async Task SeedAsync(ConcordDbContext db, Actor actor)
        {
            await Partners.AddAsync(db, actor, thailand.VerifierKey, "https://concord.rtp.example", ["TH-RTP:THA"], self, default);
            await ImportLead.RunAsync(db, actor, new ImportLead.Request("CN-LEAD-2025-001", "CN-MPS", "TH-RTP", "H2", Repo.Muse("dens.csv"), Repo.Muse("lead-targets.csv")), default);
            // Thailand's node answers for a lead under no agreement this node holds: refused, with why.
            var envelope = new PacketEnvelope(Guid.CreateVersion7(), "lead-ack", 1, "TH-RTP-NODE", "TH-RTP", "CN-MPS-NODE", "CN-MPS", DateTime.UtcNow, "H2", null,
                JsonSerializer.SerializeToElement(new LeadPackets.AckBody("CN-LEAD-2025-001", DateTime.UtcNow)));
            var (canonical, signature) = PacketSeal.Sign(envelope, thailand);
            await Packets.ReceiveAsync(db, self, PacketSeal.Wire(canonical, thailand.KeyRef, signature), "test", default);
        }
        await using var f = await BrowserFixture.CreateAsync(SeedAsync);

        var coordinator = await f.UserAsync("cn.coordinator", "CN-MPS", "en", Roles.Coordinator);
        var page = await f.PageAsync();
        await BrowserFixture.SignInAsync(page, coordinator.Name, coordinator.Password);
        await BrowserFixture.GoAsync(page, "/packets");
        await page.WaitForSelectorAsync("#packets-table tr[data-packet]");
        var partner = await page.InnerTextAsync("#partner-TH-RTP-NODE");
        Assert.Contains(thailand.Fingerprint, partner, StringComparison.Ordinal);
        Assert.Contains("https://concord.rtp.example", partner, StringComparison.Ordinal);
        Assert.Contains("TH-RTP", partner, StringComparison.Ordinal);
        Assert.Contains("Never", partner, StringComparison.Ordinal);
        var queued = page.Locator("#packets-table tr.packet-queued");
        Assert.Equal(1, await queued.CountAsync());
        Assert.Contains("Lead", await queued.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("(not signed yet)", await queued.InnerTextAsync(), StringComparison.Ordinal);
        var refused = page.Locator("#packets-table tr.packet-refused");
        Assert.Equal(1, await refused.CountAsync());
        Assert.Contains("no agreement in force here binds TH-RTP and CN-MPS", await refused.InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("operation", await refused.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(": 1", await page.InnerTextAsync("[data-count='out.queued']"), StringComparison.Ordinal);
        Assert.Contains(": 1", await page.InnerTextAsync("[data-count='in.refused']"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "packets-en");

        // A Chinese coordinator reads why in Chinese.
        var zh = await f.UserAsync("cn.coordinator.zh", "CN-MPS", "zh", Roles.Coordinator);
        var chinese = await f.PageAsync("zh-CN");
        await BrowserFixture.SignInAsync(chinese, zh.Name, zh.Password);
        await BrowserFixture.GoAsync(chinese, "/packets");
        await chinese.WaitForSelectorAsync("#packets-table tr.packet-refused");
        Assert.Contains("本节点没有约束 TH-RTP 与 CN-MPS 的生效协议", await chinese.InnerTextAsync("#packets-table tr.packet-refused"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(chinese, "packets-zh");

        // Myanmar's commander, on the same node, sees the partner but none of China's packets.
        var commander = await f.UserAsync("mm.commander", "MM-MPF", "en", Roles.Commander);
        var other = await f.PageAsync();
        await BrowserFixture.SignInAsync(other, commander.Name, commander.Password);
        await BrowserFixture.GoAsync(other, "/packets");
        await other.WaitForSelectorAsync("#packets-table");
        await other.WaitForFunctionAsync("() => document.querySelector('#packets-table').innerText.includes('No packet matches.')");
        Assert.Equal(0, await other.Locator("#packets-table tr[data-packet]").CountAsync());
    }
}
