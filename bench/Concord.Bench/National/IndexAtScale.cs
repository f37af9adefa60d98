using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Concord.Bench.Scale;
using Concord.Core.Auditing;
using Concord.Core.Features.Agreements;
using Concord.Core.Features.ApiKeys;
using Concord.Core.Features.Intake;
using Concord.Core.Features.Wanted;
using Concord.Core.Storage;
using Concord.Matching;
using Concord.Scenarios;
using Microsoft.EntityFrameworkCore;

namespace Concord.Bench.National;

/// <summary>
/// A national wanted list through the product's own paths, one measured pass: the list imported as a file, the index
/// built from it and written beside the database (with the import), the index mapped again as a node start or a command
/// maps it, an update of the list imported and caught up by the index, and single-person checks, in process and over
/// HTTP from the running web host. Beside it, the path intake took before the index was kept: the whole list read
/// through EF Core into the dictionary index, on every match.
/// </summary>
internal static class IndexAtScale
{
    private const int Seed = 20_240_326;

    public static void Run(string[] args, TextWriter log) => RunAsync(args, log).GetAwaiter().GetResult();

    private static async Task RunAsync(string[] args, TextWriter log)
    {
        var records = Option(args, "--records", 10_000_000);
        var update = Option(args, "--update", 10_000);
        var queries = Option(args, "--queries", 2_000);
        var baseline = Option(args, "--baseline", Math.Min(records, 200_000));
        var dir = OptionText(args, "--dir") ?? Path.Combine(Path.GetTempPath(), Inv($"concord-national-{records}"));
        Directory.CreateDirectory(dir);
        var db = Path.Combine(dir, "concord.db");
        // --http-only: the list, its index and its update are already there from a full run with the same sizes; only
        // the node is started and checked again.
        var httpOnly = args.Contains("--http-only");
        foreach (var f in httpOnly ? [] : Directory.EnumerateFileSystemEntries(dir).Where(f => f.StartsWith(db, StringComparison.Ordinal)))
        {
            if (Directory.Exists(f)) Directory.Delete(f, true);
            else File.Delete(f);
        }
        log.WriteLine(Inv($"national wanted list: {records:N0} records, update {update:N0}, {queries:N0} queries; {Environment.ProcessorCount} cores; {dir}"));
        var target = DatabaseTarget.Parse(db);
        var actor = Actor.Operator("bench");
        var root = Dataset.FindRepositoryRoot();

        var clock = Stopwatch.StartNew();
        var listCsv = Path.Combine(dir, "wanted.csv");
        var updateCsv = Path.Combine(dir, "wanted-update.csv");
        var picked = WriteLists(listCsv, updateCsv, records, update, queries);
        log.WriteLine(Inv($"lists written: {clock.Elapsed.TotalSeconds:0.0} s ({new FileInfo(listCsv).Length / 1048576.0:0} MiB)"));

        WantedIndex index = null!;
        if (!httpOnly)
        {
            await Database.MigrateAsync(target, default);
            await using (var ctx = Database.Open(target))
            {
                var agreement = await ImportAgreement.FromFileAsync(ctx, actor, Path.Combine(root, "testdata", "muse", "agreement.json"), default);
                await AcceptAgreement.ForEveryPartyAsync(ctx, actor, agreement.Id, default);
            }

            clock.Restart();
            await using (var ctx = Database.Open(target))
            {
                var r = await ImportWantedList.RunAsync(ctx, actor, listCsv, "CN-MPS", default);
                log.WriteLine(Inv($"wanted import (concord wanted import; the index is built from the list and written with it): {clock.Elapsed.TotalSeconds:0.0} s, {r.Added:N0} added; peak working set {PeakMiB():0} MiB"));
            }
            var status = await StatusAsync(target);
            log.WriteLine(Inv($"index on disk: {status.Segments.Count} segment(s), {status.Bytes / 1048576.0:0} MiB ({(double)status.Bytes / Math.Max(1, status.Records):0} bytes a record)"));

            // A node start or a command: the files are mapped, nothing is read from the lists.
            var loads = new List<double>();
            for (var i = 0; i < 3; i++)
            {
                var before = Process.GetCurrentProcess().WorkingSet64;
                clock.Restart();
                await using var ctx = Database.Open(target);
                index = await WantedIndex.OpenAsync(ctx, default);
                loads.Add(clock.Elapsed.TotalMilliseconds);
                if (i == 2) log.WriteLine(Inv($"index load (mapped, warm page cache): {string.Join(" / ", loads.Select(l => l.ToString("0", CultureInfo.InvariantCulture)))} ms; working set +{(Process.GetCurrentProcess().WorkingSet64 - before) / 1048576.0:0} MiB"));
            }

            clock.Restart();
            await using (var ctx = Database.Open(target))
            {
                var r = await ImportWantedList.RunAsync(ctx, actor, updateCsv, "CN-MPS", default);
                var imported = clock.Elapsed.TotalSeconds;
                clock.Restart();
                var read = await index.CatchUpAsync(ctx, default);
                log.WriteLine(Inv($"update of {r.Added:N0} records: import {imported:0.00} s (its segment written with it); a running node's index caught up in {clock.Elapsed.TotalSeconds:0.00} s ({read:N0} read)"));
            }
        }

        var matcher = new IdentityMatcher(MatchSettings.Defaults.For("wanted"));
        var noise = new Random(Seed + 2);
        var probes = picked.Select(g => (g.Number, Query: RosterNoise.ToQuery(g, noise))).ToArray();
        if (!httpOnly)
        {
            foreach (var (_, q) in probes.Take(200)) index.Match(matcher, q, 50);
            var (p50, p99, found) = Time(probes, q => index.Match(matcher, q, 50).Count > 0);
            log.WriteLine(Inv($"single person matched in process (after the update; cold pages first touched): p50 {p50:0.00} ms, p99 {p99:0.00} ms; {found:N0}/{probes.Length:N0} found a candidate"));
        }

        // Over HTTP from a node: `concord serve` on this database in a process of its own, as a node runs, one officer
        // after another. The node is warmed as one that has been up a while (its code compiled, its pages touched).
        string key;
        await using (var ctx = Database.Open(target))
        {
            key = (await ApiKeys.CreateAsync(ctx, actor, "CN-MPS", "bench", default)).Secret;
        }
        var port = FreePort();
        using var node = StartNode(db, port);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(Inv($"http://127.0.0.1:{port}/")) };
            http.DefaultRequestHeaders.Add("X-Api-Key", key);
            clock.Restart();
            await WaitForNodeAsync(http, node);
            var started = clock.Elapsed.TotalSeconds;
            var bodies = picked.Select(g =>
            {
                var q = RosterNoise.ToQuery(g, noise);
                var latin = q.Names.FirstOrDefault(n => n.All(c => c < 0x2E80));
                var native = q.Names.FirstOrDefault(n => n != latin);
                var doc = q.Documents.FirstOrDefault();
                return new
                {
                    name = native,
                    name_latin = latin,
                    sex = q.Sex switch { Sex.Male => "M", Sex.Female => "F", _ => null },
                    birth_date = q.BirthDate?.ToString(),
                    nationality = q.Nationality,
                    id_type = doc?.Type,
                    id_number = doc?.Number
                };
            }).ToArray();
            for (var i = 0; i < 2 * bodies.Length; i++) (await http.PostAsJsonAsync("api/v1/check", bodies[(i * 7919) % bodies.Length])).EnsureSuccessStatusCode();
            var times = new double[bodies.Length];
            for (var i = 0; i < bodies.Length; i++)
            {
                var sw = Stopwatch.StartNew();
                (await http.PostAsJsonAsync("api/v1/check", bodies[i])).EnsureSuccessStatusCode();
                times[i] = sw.Elapsed.TotalMilliseconds;
            }
            Array.Sort(times);
            var (rss, peak) = NodeMemoryMiB(node.Id);
            log.WriteLine(Inv($"single person checked over HTTP (POST /api/v1/check to `concord serve` on this database, its own process, ready {started:0.0} s after start): p50 {ScaleBenchmark.Percentile(times, 0.5):0.00} ms, p90 {ScaleBenchmark.Percentile(times, 0.9):0.00} ms, p99 {ScaleBenchmark.Percentile(times, 0.99):0.00} ms, max {times[^1]:0.00} ms; node resident memory {rss:0} MiB (peak {peak:0} MiB)"));
        }
        finally
        {
            node.Kill(entireProcessTree: true);
            await node.WaitForExitAsync();
        }

        // The path before: every match read the whole list through EF Core into the dictionary index.
        if (baseline > 0 && !httpOnly)
        {
            clock.Restart();
            await using var ctx = Database.Open(target);
            var before = GC.GetTotalAllocatedBytes(true);
            var wanted = await ctx.WantedPersons.AsNoTracking().Take(baseline).ToListAsync();
            var dictionary = new IdentityIndex();
            foreach (var w in wanted) dictionary.Add(IdentityRecords.From("wanted:" + w.Id.ToString("N"), [w]));
            var seconds = clock.Elapsed.TotalSeconds;
            var extrapolated = baseline < records ? Inv($" (≈ {seconds * records / baseline:0} s for {records:N0}, linear)") : "";
            log.WriteLine(Inv($"before: list read through EF Core into the dictionary index on every match: {seconds:0.0} s and {(GC.GetTotalAllocatedBytes(true) - before) / 1048576.0:0} MiB allocated for {baseline:N0} records{extrapolated}"));
            GC.KeepAlive(dictionary);
        }
    }

    private static async Task<WantedIndex.Status> StatusAsync(DatabaseTarget target)
    {
        await using var ctx = Database.Open(target);
        return await WantedIndex.StatusAsync(ctx, default);
    }

    /// <summary>The list and its update as the clerks' CSV; returns the identities the queries are drawn from (a tenth from the update).</summary>
    private static List<GeneratedIdentity> WriteLists(string listCsv, string updateCsv, int records, int update, int queries)
    {
        var pick = new Random(Seed + 1);
        var fromUpdate = Math.Min(update, queries / 10);
        var wanted = new HashSet<long>();
        while (wanted.Count < queries - fromUpdate) wanted.Add(pick.NextInt64(records));
        while (wanted.Count < queries) wanted.Add(records + pick.NextInt64(update));
        var picked = new List<GeneratedIdentity>(queries);
        const string header = "wanted_id,name,name_latin,aliases,sex,birth_date,nationality,id_type,id_number,agency,offence,listed_on";
        var list = new StreamWriter(listCsv, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
        var changes = new StreamWriter(updateCsv, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
        list.WriteLine(header);
        changes.WriteLine(header);
        foreach (var g in ScenarioGenerator.Identities(records + update, Seed))
        {
            if (wanted.Contains(g.Number)) picked.Add(g);
            var (type, number) = g.CnRic is not null ? (DocumentNumbers.CnRic, g.CnRic) : g.MmNrc is not null ? (DocumentNumbers.MmNrc, g.MmNrc) : g.Passport is not null ? (DocumentNumbers.Passport, g.Passport) : ("", "");
            (g.Number < records ? list : changes).WriteLine(Inv($"N{g.Number:D9},{g.Name},{g.NameLatin},,{g.Sex},{g.BirthDate:yyyy-MM-dd},{g.Nationality},{type},{number},MPS,telecom fraud,2024-01-01"));
        }
        list.Dispose();
        changes.Dispose();
        return picked;
    }

    private static (double P50, double P99, int Found) Time<T>((long Number, T Query)[] probes, Func<T, bool> run)
    {
        var times = new double[probes.Length];
        var found = 0;
        for (var i = 0; i < probes.Length; i++)
        {
            var sw = Stopwatch.StartNew();
            if (run(probes[i].Query)) found++;
            times[i] = sw.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return (ScaleBenchmark.Percentile(times, 0.5), ScaleBenchmark.Percentile(times, 0.99), found);
    }

    /// <summary>The node as its operator starts it: the `concord` command built beside this benchmark, `serve` on the database.</summary>
    private static Process StartNode(string db, int port)
    {
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "concord.exe" : "concord"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The benchmark's servers run without fsync (their data is thrown away): the node is told it may start on them.
        foreach (var a in new[] { "serve", "--db", db, "--urls", Inv($"http://127.0.0.1:{port}"), "--allow-unsafe-durability" }) info.ArgumentList.Add(a);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // One caller sends thousands of checks as fast as they come back: the node's limits per key (RateLimits) are raised
        // for it, the limiter itself stays in the pipeline as on any node.
        info.Environment["Concord__RateLimits__SearchPerKeyPerMinute"] = "1000000";
        info.Environment["Concord__RateLimits__ApiPerKeyPerMinute"] = "1000000";
        var node = Process.Start(info) ?? throw new InvalidOperationException("concord serve did not start");
        node.OutputDataReceived += (_, _) => { };
        node.ErrorDataReceived += (_, _) => { };
        node.BeginOutputReadLine();
        node.BeginErrorReadLine();
        return node;
    }

    private static async Task WaitForNodeAsync(HttpClient http, Process node)
    {
        for (var i = 0; i < 600; i++)
        {
            if (node.HasExited) throw new InvalidOperationException(Inv($"concord serve exited with {node.ExitCode}"));
            try
            {
                if ((await http.GetAsync("health")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("concord serve did not answer /health within a minute");
    }

    /// <summary>Resident and peak resident memory of a process, from /proc (Linux), in MiB.</summary>
    private static (double Rss, double Peak) NodeMemoryMiB(int pid)
    {
        double Read(string field) => File.ReadLines(Inv($"/proc/{pid}/status")).Where(l => l.StartsWith(field, StringComparison.Ordinal))
            .Select(l => double.Parse(l[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024).FirstOrDefault();
        return OperatingSystem.IsLinux() ? (Read("VmRSS:"), Read("VmHWM:")) : (double.NaN, double.NaN);
    }

    private static double PeakMiB() => Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;

    private static int FreePort()
    {
        using var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        return ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string? OptionText(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
