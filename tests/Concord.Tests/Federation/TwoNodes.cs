using Concord.Cli.Web;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Federation;
using Concord.Core.Storage;
using Concord.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Tests.Federation;

/// <summary>
/// China's node (on the provider under test) and Myanmar's (on SQLite), each with its own database and key, each
/// knowing the other as a partner, with the Muse agreement in force on both. Packets cross on bundles, or, with a link,
/// over each node's own web host at <c>/federation/v1/inbox</c> through a <see cref="Network"/> that can be cut.
/// </summary>
internal sealed class TwoNodes : IAsyncDisposable
{
    /// <summary>Routes each node's outgoing requests to the other's test server by host name, and can cut the link.</summary>
    public sealed class Network : HttpMessageHandler
    {
        public Dictionary<string, HttpMessageHandler> Hosts { get; } = new(StringComparer.OrdinalIgnoreCase);
        public bool Down { get; set; }
        public int Calls;
        public byte[]? LastRequest;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Interlocked.Increment(ref Calls);
            if (Down) throw new HttpRequestException("connection refused");
            LastRequest = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(ct);
            using var invoker = new HttpMessageInvoker(Hosts[request.RequestUri!.Host], disposeHandler: false);
            return await invoker.SendAsync(request, ct);
        }
    }

    public sealed class Node(TestDatabase database, NoteKey key, WebApplication? app = null) : IAsyncDisposable
    {
        public TestDatabase Database { get; } = database;
        public NoteKey Key { get; } = key;
        public string Name => Key.Name;
        /// <summary>The node's web host, when the nodes are linked.</summary>
        public WebApplication? App { get; } = app;
        public ConcordDbContext Open() => Database.Open();

        public async ValueTask DisposeAsync()
        {
            if (App is not null)
            {
                await App.StopAsync();
                await App.DisposeAsync();
            }
            Key.Dispose();
            await Database.DisposeAsync();
        }
    }

    public required Node Cn { get; init; }
    public required Node Mm { get; init; }
    /// <summary>The link between the two web hosts; none when packets cross on bundles only.</summary>
    public Network? Link { get; init; }

    /// <param name="link">Each node runs its own web host, and each knows the other's address.</param>
    /// <param name="exchanger">With a link: each host's background exchanger runs (every 0.2 s).</param>
    public static async Task<TwoNodes> CreateAsync(string provider, NoteKey? cnKey = null, bool link = false, bool exchanger = false)
    {
        var network = link ? new Network() : null;
        var cn = network is null ? new Node(await TestDatabase.CreateAsync(provider), cnKey ?? NoteKey.Create("CN-MPS-NODE"))
            : await HostedAsync(provider, "CN-MPS-NODE", "cn.test", network, exchanger);
        var mm = network is null ? new Node(await TestDatabase.CreateAsync("sqlite"), NoteKey.Create("MM-MPF-NODE"))
            : await HostedAsync("sqlite", "MM-MPF-NODE", "mm.test", network, exchanger);
        foreach (var (node, other, agency, url) in new[] { (cn, mm, "MM-MPF", "https://mm.test"), (mm, cn, "CN-MPS", "https://cn.test") })
        {
            await using var db = node.Open();
            await Scenario.MuseAgreementAsync(db);
            await Partners.AddAsync(db, Scenario.Operator, other.Key.VerifierKey, network is null ? null : url, [agency], node.Key, default);
        }
        return new TwoNodes { Cn = cn, Mm = mm, Link = network };
    }

    private static async Task<Node> HostedAsync(string provider, string name, string host, Network network, bool exchanger)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var dir = Directory.CreateTempSubdirectory("concord-link-").FullName;
        var keyFile = Path.Combine(dir, "node.key");
        var (key, _) = NodeIdentity.Store.Create(name, keyFile);
        var app = WebHost.Create([], database.Target, b =>
        {
            b.WebHost.UseTestServer();
            b.Configuration["Concord:KeyRing"] = Path.Combine(dir, "key-ring");
            b.Configuration["Concord:NodeKeyFile"] = keyFile;
            b.Configuration["Concord:Federation:Exchange"] = exchanger ? "true" : "false";
            b.Configuration["Concord:Federation:CheckSeconds"] = "0.2";
            b.Configuration["Concord:Federation:RetrySeconds"] = "0.05";
            b.Configuration["Concord:Federation:ResendSeconds"] = "0.5";
            b.Services.AddHttpClient("FederationLink").ConfigurePrimaryHttpMessageHandler(() => network);
        });
        await app.StartAsync();
        network.Hosts[host] = app.GetTestServer().CreateHandler();
        return new Node(database, key, app);
    }

    /// <summary>Everything <paramref name="from"/> has for <paramref name="to"/>'s node, as a bundle.</summary>
    public static async Task<byte[]> ExportAsync(Node from, Node to)
    {
        await using var db = from.Open();
        return (await Bundles.ExportAsync(db, Scenario.Operator, from.Key, to.Name, default)).File;
    }

    public static async Task<Bundles.Summary> ImportAsync(Node into, byte[] bundle, string name = "bundle.cpk")
    {
        await using var db = into.Open();
        return await Bundles.ImportAsync(db, into.Key, bundle, name, default);
    }

    /// <summary>One exchange over the link, started by <paramref name="from"/>: its packets pushed, the partner's pulled back.</summary>
    public Task<Links.Exchange> ExchangeAsync(Node from, Node to, int retries = 0) =>
        ExchangeAsync(from, to.Name, Link ?? throw new InvalidOperationException("the nodes are not linked"), retries);

    /// <summary>One exchange started by <paramref name="from"/> with the partner node named <paramref name="to"/>, through <paramref name="network"/>.</summary>
    public static async Task<Links.Exchange> ExchangeAsync(Node from, string to, HttpMessageHandler network, int retries = 0)
    {
        await using var db = from.Open();
        using var http = new HttpClient(network, disposeHandler: false);
        return await Links.ExchangeAsync(db, Actor.Operator("test"), from.Key, to, http, Links.Retry(retries, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(1)), default);
    }

    /// <summary>
    /// Carries what <paramref name="from"/> has for <paramref name="to"/> (on a bundle, or over the link when the nodes
    /// are linked); returns how many packets <paramref name="to"/> applied and refused on the way.
    /// </summary>
    public async Task<(int Applied, int Refused)> CarryAsync(Node from, Node to)
    {
        async Task<(int, int)> InboxAsync()
        {
            await using var db = to.Open();
            var states = await db.Packets.Where(p => p.Direction == PacketDirection.In && p.Node == from.Name).Select(p => p.State).ToListAsync();
            return (states.Count(s => s == PacketState.Applied), states.Count(s => s == PacketState.Refused));
        }
        var (applied, refused) = await InboxAsync();
        if (Link is null) await ImportAsync(to, await ExportAsync(from, to));
        else await ExchangeAsync(from, to);
        var (appliedAfter, refusedAfter) = await InboxAsync();
        return (appliedAfter - applied, refusedAfter - refused);
    }

    public async ValueTask DisposeAsync()
    {
        await Cn.DisposeAsync();
        await Mm.DisposeAsync();
    }
}
