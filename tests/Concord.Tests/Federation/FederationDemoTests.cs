using Concord.Cli.Cli;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Federation;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Federation;

/// <summary><c>concord demo federation</c>: two nodes made apart, that know each other only by key and address.</summary>
public sealed class FederationDemoTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task TheDemo_MakesTwoNodesApart_AndTheLeadIsQueuedForMyanmarsNode()
    {
        var dir = Directory.CreateTempSubdirectory("concord-federation-demo-").FullName;
        var cn = new FederationDemo.Side("CN-MPS-NODE", "CN-MPS", "CHN", "127.0.0.1", 5081);
        var mm = new FederationDemo.Side("MM-MPF-NODE", "MM-MPF", "MMR", "localhost", 5082);
        Assert.True(await FederationDemo.SeedAsync(dir, cn, mm, default));
        // Made once: a second start reuses both nodes.
        Assert.False(await FederationDemo.SeedAsync(dir, cn, mm, default));

        using var cnKey = NodeIdentity.Store.Load(FederationDemo.IdentityPath(dir, cn))!;
        using var mmKey = NodeIdentity.Store.Load(FederationDemo.IdentityPath(dir, mm))!;
        Assert.Equal(("CN-MPS-NODE", "MM-MPF-NODE"), (cnKey.Name, mmKey.Name));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(FederationDemo.IdentityPath(dir, cn)));

        await using var cnDb = Database.Open(DatabaseTarget.Parse(FederationDemo.DatabasePath(dir, cn)));
        await using var mmDb = Database.Open(DatabaseTarget.Parse(FederationDemo.DatabasePath(dir, mm)));
        // China's wanted list stays on China's node.
        Assert.True(await cnDb.WantedPersons.AnyAsync());
        Assert.False(await mmDb.WantedPersons.AnyAsync());
        Assert.Equal(("MM-MPF-NODE", "http://localhost:5082"), await cnDb.Partners.Select(p => new ValueTuple<string, string?>(p.Node, p.Url)).SingleAsync());
        Assert.Equal(("CN-MPS-NODE", "http://127.0.0.1:5081"), await mmDb.Partners.Select(p => new ValueTuple<string, string?>(p.Node, p.Url)).SingleAsync());
        Assert.Equal("MM-MPF-NODE", (await cnDb.Agencies.SingleAsync(a => a.Code == "MM-MPF")).Node);
        Assert.Null((await cnDb.Agencies.SingleAsync(a => a.Code == "CN-MPS")).Node);
        // The agreement went across and back by bundle: in force on both nodes, each party having accepted on its own.
        foreach (var db in new[] { cnDb, mmDb })
        {
            var agreement = await db.Agreements.Include(a => a.Parties).SingleAsync();
            Assert.All(agreement.Parties, p => Assert.NotNull(p.AcceptedAt));
        }
        Assert.Equal(2, await cnDb.Packets.CountAsync(p => p.Direction == PacketDirection.Out && p.State == PacketState.Acknowledged));
        Assert.Equal(("lead", PacketState.Queued), await cnDb.Packets.Where(p => p.State == PacketState.Queued).Select(p => new ValueTuple<string, PacketState>(p.Type, p.State)).SingleAsync());

        // What the link would carry goes in on Myanmar's node as it is.
        var (bundle, _) = await Bundles.ExportAsync(cnDb, Actor.Operator("test"), cnKey, "MM-MPF-NODE", default);
        var summary = await Bundles.ImportAsync(mmDb, mmKey, bundle, "demo.cpk", default);
        Assert.Equal((1, 0), (summary.Applied, summary.Refused));
        Assert.Equal(63, await mmDb.Targets.CountAsync());
    }
}
