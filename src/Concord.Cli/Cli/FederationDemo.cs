using System.CommandLine;
using System.Diagnostics;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features;
using Concord.Core.Features.Agreements;
using Concord.Core.Features.Federation;
using Concord.Core.Features.Leads;
using Concord.Core.Features.Wanted;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Cli.Cli;

/// <summary>
/// <c>concord demo federation</c>: the Muse cooperation as two sovereign nodes on this machine, China's and Myanmar's,
/// each its own process, database, identity key and secrets, that reach each other only through the federation inbox.
/// China's node holds the wanted list and sends the lead; Myanmar's receives it. The two listen on different host
/// names (127.0.0.1 and localhost) so that a browser keeps one sign-in for each.
/// </summary>
internal static class FederationDemo
{
    public sealed record Side(string Node, string Agency, string Country, string Host, int Port)
    {
        public string Url => $"http://{Host}:{Port}";
        public string Prefix => Agency[..2].ToLowerInvariant();
    }

    public static Command Build()
    {
        var dir = new Option<string>("--dir") { DefaultValueFactory = _ => "concord-federation", Description = "the folder for both nodes' databases and keys (made on first use, reused after)" };
        var cnPort = new Option<int>("--cn-port") { DefaultValueFactory = _ => 5081, Description = "the port of China's node (on 127.0.0.1)" };
        var mmPort = new Option<int>("--mm-port") { DefaultValueFactory = _ => 5082, Description = "the port of Myanmar's node (on localhost)" };
        var command = new Command("federation", "run the Muse cooperation as two nodes on this machine that share only signed packets") { dir, cnPort, mmPort };
        command.SetAction(async (p, ct) =>
        {
            var folder = Path.GetFullPath(p.GetValue(dir)!);
            var cn = new Side("CN-MPS-NODE", "CN-MPS", "CHN", "127.0.0.1", p.GetValue(cnPort));
            var mm = new Side("MM-MPF-NODE", "MM-MPF", "MMR", "localhost", p.GetValue(mmPort));
            if (await SeedAsync(folder, cn, mm, ct)) Console.WriteLine($"two nodes made in {folder}");
            var banner = new List<string> { "", "Two Concord nodes are running, sharing nothing but signed packets:" };
            foreach (var side in new[] { cn, mm })
            {
                banner.Add("");
                banner.Add($"  {side.Node} ({side.Agency}): sign in at {side.Url}");
                foreach (var (name, _, password, code) in await DemoWorkspace.UsersAsync(DatabaseTarget.Parse(DatabasePath(folder, side)), ct, side.Agency))
                    banner.Add($"    {name,-16} password {password}{(code is null ? "" : $"  enrolment code {code}")}  ({string.Join(", ", DemoWorkspace.Users.First(u => u.Name == name).Roles)})");
            }
            banner.Add("");
            banner.Add($"China's node sends the lead {DemoWorkspace.Lead} to Myanmar's at once; each node's Packets page shows it travel.");
            banner.Add("Stop both with Ctrl+C.");

            var processes = new[] { cn, mm }.Select(side => Start(folder, side)).ToList();
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
                foreach (var line in banner) Console.WriteLine(line);
                await Task.WhenAny(processes.Select(pr => pr.WaitForExitAsync(ct)));
                var stopped = processes.FirstOrDefault(pr => pr.HasExited);
                if (stopped is not null) await Console.Error.WriteLineAsync($"concord: a node stopped (exit code {stopped.ExitCode}); stopping the other");
                return stopped is null ? 0 : 1;
            }
            catch (OperationCanceledException)
            {
                return 0;
            }
            finally
            {
                foreach (var process in processes)
                {
                    if (!process.HasExited) process.Kill(entireProcessTree: true);
                    process.Dispose();
                }
            }
        });
        return command;
    }

    public static string DatabasePath(string folder, Side side) => Path.Combine(folder, $"{side.Prefix}.db");
    public static string IdentityPath(string folder, Side side) => Path.Combine(folder, $"{side.Prefix}-identity.key");

    /// <summary>
    /// Makes both nodes once: their databases and identity keys, each node's own agency and the other as its partner
    /// (with its address and agency); China's police enters the agreement and Myanmar's accepts it on its own node, the
    /// document and the acceptances carried between the two as signed bundles (as over a port with no link); then China's
    /// wanted list, and the lead, queued for Myanmar's node, to go over the link once both run. False when already made.
    /// </summary>
    public static async Task<bool> SeedAsync(string folder, Side cn, Side mm, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        if (File.Exists(DatabasePath(folder, cn)) && File.Exists(DatabasePath(folder, mm))) return false;
        var actor = Actor.Operator("demo");
        var sample = DemoWorkspace.SampleDirectory;
        var keys = new Dictionary<Side, NoteKey>();
        var targets = new Dictionary<Side, DatabaseTarget>();
        try
        {
            foreach (var (side, other, name) in new[] { (cn, mm, "Ministry of Public Security"), (mm, cn, "Myanmar Police Force Headquarters") })
            {
                keys[side] = NodeIdentity.Store.Load(IdentityPath(folder, side)) ?? NodeIdentity.Store.Create(side.Node, IdentityPath(folder, side)).Key;
                targets[side] = DatabaseTarget.Parse(DatabasePath(folder, side));
                await Database.MigrateAsync(targets[side], ct);
                await using var db = Database.Open(targets[side]);
                await Agencies.AddAsync(db, actor, side.Agency, name, side.Country, ct);
            }
            foreach (var (side, other) in new[] { (cn, mm), (mm, cn) })
            {
                await using var db = Database.Open(targets[side]);
                await Partners.AddAsync(db, actor, keys[other].VerifierKey, other.Url, [$"{other.Agency}:{other.Country}"], keys[side], ct);
            }
            // China's police enters the agreement (its acceptance); the document goes to Myanmar's node, whose police accepts it there.
            await using (var db = Database.Open(targets[cn]))
            {
                var coordinator = new Actor("demo", (await Agencies.GetAsync(db, cn.Agency, "agency", ct)).Id) { Roles = new HashSet<string> { Roles.Coordinator } };
                await ImportAgreement.FromFileAsync(db, coordinator, Path.Combine(sample, "agreement.json"), ct);
            }
            await CarryAsync(targets[cn], keys[cn], targets[mm], keys[mm], mm.Node, ct);
            await using (var db = Database.Open(targets[mm]))
            {
                var agreement = await db.Agreements.SingleAsync(ct);
                await AcceptAgreement.ForEveryPartyAsync(db, actor, agreement.Id, ct);
            }
            await CarryAsync(targets[mm], keys[mm], targets[cn], keys[cn], cn.Node, ct);
            await using (var db = Database.Open(targets[cn]))
            {
                await ImportWantedList.RunAsync(db, actor, Path.Combine(sample, "wanted.csv"), cn.Agency, ct);
                await ImportLead.RunAsync(db, actor, new ImportLead.Request(DemoWorkspace.Lead, cn.Agency, mm.Agency, "H3",
                    Path.Combine(sample, "dens.csv"), Path.Combine(sample, "lead-targets.csv")), ct);
            }
        }
        finally
        {
            foreach (var key in keys.Values) key.Dispose();
        }
        return true;
    }

    /// <summary>What one node holds for the other, carried as a signed bundle and taken in there.</summary>
    private static async Task CarryAsync(DatabaseTarget from, NoteKey fromKey, DatabaseTarget to, NoteKey toKey, string toNode, CancellationToken ct)
    {
        byte[] bundle;
        await using (var db = Database.Open(from)) bundle = (await Bundles.ExportAsync(db, Actor.Operator("demo"), fromKey, toNode, ct)).File;
        await using (var db = Database.Open(to))
        {
            var summary = await Bundles.ImportAsync(db, toKey, bundle, "demo.cpk", ct);
            if (summary.Refused > 0) throw new InvalidOperationException($"the demo's bundle was refused: {summary.Outcomes.First(o => o.Reason is not null).Reason}");
        }
    }

    /// <summary>One node: this same program's <c>serve</c>, with the node's own database, identity key, secrets key and cookie keys.</summary>
    private static Process Start(string folder, Side side)
    {
        var program = Environment.ProcessPath ?? throw new InvalidOperationException("the program's path is not known");
        var start = new ProcessStartInfo(program) { UseShellExecute = false };
        // Run as `dotnet concord.dll`: the child is started the same way.
        if (Path.GetFileNameWithoutExtension(program) == "dotnet") start.ArgumentList.Add(typeof(FederationDemo).Assembly.Location);
        foreach (var a in new[] { "serve", "--db", DatabasePath(folder, side), "--urls", side.Url }) start.ArgumentList.Add(a);
        start.Environment[NodeIdentity.FileVariable] = IdentityPath(folder, side);
        start.Environment.Remove(NodeIdentity.Variable);
        start.Environment[NodeSecrets.FileVariable] = Path.Combine(folder, $"{side.Prefix}-secrets.key");
        start.Environment.Remove(NodeSecrets.Variable);
        start.Environment["Concord__KeyRing"] = Path.Combine(folder, $"{side.Prefix}-key-ring");
        start.Environment["Concord__Federation__PullSeconds"] = "10";
        start.Environment.Remove(DatabaseTarget.EnvironmentVariable);
        return Process.Start(start) ?? throw new InvalidOperationException($"{side.Node} did not start");
    }
}
