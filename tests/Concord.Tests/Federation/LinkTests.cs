using System.Net;
using System.Net.Http.Headers;
using Concord.Cli.Web;
using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Federation;
using Concord.Core.Features.Leads;
using Concord.Core.Storage;
using Concord.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Network = Concord.Tests.Federation.TwoNodes.Network;
using Node = Concord.Tests.Federation.TwoNodes.Node;

namespace Concord.Tests.Federation;

/// <summary>
/// The online link: two nodes, each its own web host and database, that reach each other only through
/// <c>/federation/v1/inbox</c>. China's node runs on each provider, Myanmar's on SQLite.
/// </summary>
public sealed class LinkTests
{
    private const string Lead = "CN-LEAD-2024-017";

    private static async Task<(Node Cn, Node Mm, Network Network)> TwoNodesAsync(string provider, bool exchanger = false)
    {
        var nodes = await TwoNodes.CreateAsync(provider, link: true, exchanger: exchanger);
        return (nodes.Cn, nodes.Mm, nodes.Link!);
    }

    private static async Task ImportLeadAsync(Node cn)
    {
        await using var db = cn.Open();
        await ImportLead.RunAsync(db, Scenario.Operator, new ImportLead.Request(Lead, "CN-MPS", "MM-MPF", "H3", Repo.Muse("dens.csv"), Repo.Muse("lead-targets.csv")), default);
    }

    private static Task<Links.Exchange> ExchangeAsync(Node from, string to, Network network, int retries = 0) => TwoNodes.ExchangeAsync(from, to, network, retries);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OneExchange_PushesTheLead_AndTheNextPullsItsAcknowledgement(string provider)
    {
        var (cn, mm, network) = await TwoNodesAsync(provider);
        await using var _ = cn;
        await using var __ = mm;
        await ImportLeadAsync(cn);

        var push = await ExchangeAsync(cn, "MM-MPF-NODE", network);
        Assert.Equal((1, 0), (push.Sent, push.Answer.Packets));
        // The answer already reports the lead applied: China's outbox marks it acknowledged.
        Assert.Equal(1, push.Answer.Acknowledged);
        Guid leadId;
        await using (var db = mm.Open())
        {
            var lead = await db.Leads.Include(l => l.Targets).SingleAsync();
            Assert.Equal((Lead, 63), (lead.Code, lead.Targets.Count));
            leadId = lead.Id;
            await AcknowledgeLead.RunAsync(db, await Scenario.ActorOfAsync(db, "MM-MPF") with { Roles = new HashSet<string>(Roles.All) }, leadId, default);
        }
        await using (var db = cn.Open())
            Assert.Equal(PacketState.Acknowledged, (await db.Packets.SingleAsync(p => p.Direction == PacketDirection.Out)).State);

        // China's node calls again with nothing to send: the answer carries Myanmar's acknowledgement.
        var pull = await ExchangeAsync(cn, "MM-MPF-NODE", network);
        Assert.Equal((0, 1, 1), (pull.Sent, pull.Answer.Packets, pull.Answer.Applied));
        await using (var db = cn.Open())
        {
            Assert.Equal(LeadStatus.Acknowledged, (await db.Leads.SingleAsync()).Status);
            Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "link.exchange"));
            Assert.Null((await db.Partners.SingleAsync()).LinkProblem);
        }
        // The next exchange tells Myanmar its acknowledgement was applied.
        await ExchangeAsync(cn, "MM-MPF-NODE", network);
        await using (var db = mm.Open())
            Assert.Equal(PacketState.Acknowledged, (await db.Packets.SingleAsync(p => p.Direction == PacketDirection.Out)).State);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AReplayedOrForgedRequest_IsRefused_AndDrawsNothingOut(string provider)
    {
        var (cn, mm, network) = await TwoNodesAsync(provider);
        await using var _ = cn;
        await using var __ = mm;
        await ImportLeadAsync(cn);
        await ExchangeAsync(cn, "MM-MPF-NODE", network);
        var captured = network.LastRequest!;

        using var http = new HttpClient(network.Hosts["mm.test"], disposeHandler: false) { BaseAddress = new Uri("https://mm.test") };
        async Task<HttpResponseMessage> PostAsync(byte[] body)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue(Links.MediaType);
            return await http.PostAsync(Links.InboxPath, content);
        }

        // The same request again, as one who listened on the wire would send it: refused before anything is read out.
        var replay = await PostAsync(captured);
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.Contains("replay", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // One byte changed: not China's signature.
        var forged = (byte[])captured.Clone();
        var at = System.Text.Encoding.UTF8.GetString(forged).IndexOf("MUSE-D02", StringComparison.Ordinal);
        forged[at + 7] = (byte)'3';
        var refused = await PostAsync(forged);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("not signed by CN-MPS-NODE", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Not a bundle at all.
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("hello"u8.ToArray())).StatusCode);
        // A node with a key this node does not know, calling as itself.
        using (var stranger = NoteKey.Create("XX-NODE"))
        {
            await using var strangerDb = await TestDatabase.CreateAsync("sqlite");
            await using var sdb = strangerDb.Open();
            await Scenario.MuseAgreementAsync(sdb);
            await Partners.AddAsync(sdb, Scenario.Operator, mm.Key.VerifierKey, null, [], stranger, default);
            var (file, _) = await Bundles.ExportAsync(sdb, Scenario.Operator, stranger, "MM-MPF-NODE", default);
            var unknown = await PostAsync(file);
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
            Assert.Contains("XX-NODE is not a partner", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await using var db = mm.Open();
        Assert.Equal(1, await db.Leads.CountAsync());
        Assert.Equal(1, await db.Packets.CountAsync(p => p.Direction == PacketDirection.In));
        Assert.Equal(4, await db.AuditEntries.CountAsync(a => a.Action == "bundle.refuse"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ALinkDown_IsRetriedWithBackoff_ThenNoted_AndThePacketsWaitInTheOutbox(string provider)
    {
        var (cn, mm, network) = await TwoNodesAsync(provider);
        await using var _ = cn;
        await using var __ = mm;
        await ImportLeadAsync(cn);
        network.Down = true;
        var down = await Assert.ThrowsAsync<ConcordException>(() => ExchangeAsync(cn, "MM-MPF-NODE", network, retries: 3));
        Assert.Contains("stay in the outbox", down.Error.Message, StringComparison.Ordinal);
        Assert.Equal(4, network.Calls);
        await using (var db = cn.Open())
        {
            var partner = await db.Partners.SingleAsync();
            Assert.Equal("connection refused", partner.LinkProblem);
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "link.fail"));
            Assert.Equal(PacketState.Sent, (await db.Packets.SingleAsync()).State);
        }

        // Days later the link is back: the same packet goes, once.
        network.Down = false;
        var back = await ExchangeAsync(cn, "MM-MPF-NODE", network);
        Assert.Equal(1, back.Sent);
        await using (var db = cn.Open())
        {
            Assert.Null((await db.Partners.SingleAsync()).LinkProblem);
            Assert.Equal(PacketState.Acknowledged, (await db.Packets.SingleAsync()).State);
        }
        await using (var db = mm.Open()) Assert.Equal(1, await db.Leads.CountAsync());
    }

    [Fact]
    public async Task AFullOutbox_GoesInBoundedRoundTrips_UntilAllIsAcknowledged()
    {
        var (cn, mm, network) = await TwoNodesAsync("sqlite");
        await using var _ = cn;
        await using var __ = mm;
        await using (var db = cn.Open())
            for (var i = 1; i <= 7; i++)
                await ImportLead.RunAsync(db, Scenario.Operator, new ImportLead.Request($"CN-LEAD-2024-{i:000}", "CN-MPS", "MM-MPF", "H3", Repo.Muse("dens.csv"), Repo.Muse("lead-targets.csv")), default);
        await using (var db = cn.Open())
        {
            using var http = new HttpClient(network, disposeHandler: false);
            var e = await Links.ExchangeAsync(db, Actor.Operator("test"), cn.Key, "MM-MPF-NODE", http, null, default, most: 3);
            Assert.Equal((7, 7), (e.Sent, e.Answer.Acknowledged));
            Assert.Equal(3, network.Calls);
            Assert.Equal(7, await db.Packets.CountAsync(p => p.State == PacketState.Acknowledged));
        }
        await using (var db = mm.Open()) Assert.Equal(7, await db.Leads.CountAsync());
    }

    [Fact]
    public async Task TheNodes_ExchangeOnTheirOwn_WhenSomethingIsQueued()
    {
        var (cn, mm, _) = await TwoNodesAsync("sqlite", exchanger: true);
        await using var _ = cn;
        await using var __ = mm;
        await ImportLeadAsync(cn);
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            await using var db = cn.Open();
            if (await db.Packets.AnyAsync(p => p.State == PacketState.Acknowledged)) break;
            await Task.Delay(100);
        }
        await using (var db = mm.Open()) Assert.Equal(Lead, (await db.Leads.SingleAsync()).Code);
        await using (var db = cn.Open()) Assert.Equal(PacketState.Acknowledged, (await db.Packets.SingleAsync()).State);
    }
}
