using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.RegularExpressions;
using Concord.Cli.Cli;
using Concord.Cli.Web;
using Concord.Cli.Web.Api;
using Concord.Cli.Web.App.Pages;
using Concord.Cli.Web.App.Pages.Handover;
using Concord.Cli.Web.App.Pages.Review;
using Concord.Cli.Web.Security;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Custody;
using Concord.Core.Features.Handover;
using Concord.Core.Features.Review;
using Concord.Core.Features.Users;
using Concord.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Concord.Bench.Web;

/// <summary>
/// `--web`: the demo workspace behind the real web host on loopback, with officers signed in through the same forms a
/// browser posts, half of them reviewers on the review queue and half port officers on the port screen of a dispatched
/// handover, every one requesting again as soon as the last answer came or after a think time (`--think`). Runs on SQLite and, given
/// `--pg`, on a fresh PostgreSQL database, one after the other in the same process.
/// </summary>
public static partial class WebLoad
{
    private const string Review = "review queue";
    private const string Port = "port screen";
    private const string Dashboard = "dashboard";
    private const string Manifest = "handover manifest";
    private const string Page = ", page";
    private const string Circuit = ", circuit load";
    private const string Seen = ", page + data";
    private static readonly string[] Pages = [Review, Port, Dashboard, Manifest];
    private static readonly string[] Order = [.. Pages.SelectMany(p => new[] { p + Page, p + Circuit, p + Seen })];

    public static void Run(string[] args, TextWriter log)
    {
        // `concord serve` runs with the server garbage collector (the web SDK's default); the host measured here must too.
        if (!System.Runtime.GCSettings.IsServerGC && Environment.GetEnvironmentVariable("DOTNET_gcServer") is null && Environment.ProcessPath is { } self)
        {
            var again = new ProcessStartInfo(self) { UseShellExecute = false };
            if (!Path.GetFileNameWithoutExtension(self).Equals("Concord.Bench", StringComparison.OrdinalIgnoreCase))
                again.ArgumentList.Add(typeof(WebLoad).Assembly.Location);
            foreach (var a in args) again.ArgumentList.Add(a);
            again.Environment["DOTNET_gcServer"] = "1";
            using var child = Process.Start(again) ?? throw new InvalidOperationException("could not start the benchmark with the server garbage collector");
            child.WaitForExit();
            if (child.ExitCode != 0) throw new InvalidOperationException($"the web load run ended with exit code {child.ExitCode}");
            return;
        }
        RunAsync(args, log).GetAwaiter().GetResult();
    }

    private static async Task RunAsync(string[] args, TextWriter log)
    {
        var duration = TimeSpan.FromSeconds(Option(args, "--duration", 60));
        var warmup = TimeSpan.FromSeconds(Option(args, "--warmup", 10));
        var count = Option(args, "--users", 100);
        var think = TimeSpan.FromMilliseconds(Option(args, "--think", 0));
        var pg = Text(args, "--pg");
        var serial = Option(args, "--serial", 0);
        log.WriteLine(Machine() + Inv($"; {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} garbage collector"));
        log.WriteLine(Inv($"{count} users ({count / 2} reviewers of MM-MPF, {count - count / 2} port officers of CN-MPS), {warmup.TotalSeconds:0} s warm-up, {duration.TotalSeconds:0} s measured, {(think == TimeSpan.Zero ? "no think time" : Inv($"think time after each round drawn evenly from {think.TotalMilliseconds / 2:0}–{think.TotalMilliseconds * 1.5:0} ms, starts spread over {think.TotalMilliseconds:0} ms"))}"));

        var runs = new List<Outcome>();
        var dir = Path.Combine(Path.GetTempPath(), "concord-web-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            runs.Add(await OneAsync("SQLite", DatabaseTarget.Parse(Path.Combine(dir, DemoWorkspace.File)), count, warmup, duration, think, serial, log));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); }
            catch (IOException) { /* left for the OS's temp cleaning */ }
        }
        if (pg is not null)
        {
            var name = "concord_bench_" + Guid.NewGuid().ToString("N")[..12];
            await ExecuteAsync(pg, $"CREATE DATABASE \"{name}\"");
            try
            {
                var cs = new NpgsqlConnectionStringBuilder(pg) { Database = name }.ToString();
                runs.Add(await OneAsync("PostgreSQL", DatabaseTarget.Parse(cs), count, warmup, duration, think, serial, log));
            }
            finally
            {
                NpgsqlConnection.ClearAllPools();
                await ExecuteAsync(pg, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            }
        }
        log.WriteLine();
        log.WriteLine(Table(runs));
    }

    private sealed record Outcome(string Database, Dictionary<string, List<double>> Latencies, Dictionary<string, int> Errors, double Seconds,
        long PeakWorkingSet, long EndWorkingSet, double CpuSeconds, string LoadBefore, string LoadAfter, IReadOnlyList<string> FirstErrors,
        IReadOnlyDictionary<string, int> Sizes);

    private sealed record Officer(string Name, string Password, string Agency, Guid AgencyId, bool Reviewer);

    private static async Task<Outcome> OneAsync(string label, DatabaseTarget target, int count, TimeSpan warmup, TimeSpan duration, TimeSpan think, int serial, TextWriter log)
    {
        var sw = Stopwatch.StartNew();
        var (handoverId, persons) = await SeedAsync(target);
        var officers = await UsersAsync(target, count);
        log.WriteLine(Inv($"{label}: demo workspace, handover {handoverId} dispatched with {persons} persons, {officers.Count} users made in {sw.Elapsed.TotalSeconds:0.0} s"));

        var app = WebHost.Create(["--urls", "http://127.0.0.1:0"], target);
        await app.StartAsync();
        try
        {
            if (serial > 0) await SerialAsync(app, label, officers, handoverId, serial, log);
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            sw.Restart();
            var clients = new Client[officers.Count];
            // Sign-in hashes the password (PBKDF2): a few at a time keep the two cores from thrashing.
            await Parallel.ForEachAsync(Enumerable.Range(0, officers.Count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
            {
                clients[i] = new Client(address, officers[i]);
                await clients[i].SignInAsync();
            });
            log.WriteLine(Inv($"{label}: {clients.Length} users signed in over HTTP in {sw.Elapsed.TotalSeconds:0.0} s at {address}"));

            var dbs = app.Services.GetRequiredService<IDbContextFactory<ConcordDbContext>>();
            var audit = app.Services.GetRequiredService<AuditQueue>();
            var batchesBefore = audit.Batches;
            var latencies = Order.ToDictionary(p => p, _ => new List<double>());
            var errors = Order.ToDictionary(p => p, _ => 0);
            var firstErrors = new List<string>();
            var sizes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
            var gate = new object();
            var start = DateTime.UtcNow;
            var measureFrom = start + warmup;
            var end = measureFrom + duration;
            // Nothing runs past the end by more than one request's timeout.
            using var stop = new CancellationTokenSource(end - start + TimeSpan.FromSeconds(30));

            var process = Process.GetCurrentProcess();
            long peak = 0;
            var sampler = Task.Run(async () =>
            {
                while (DateTime.UtcNow < end && !stop.IsCancellationRequested)
                {
                    process.Refresh();
                    if (DateTime.UtcNow >= measureFrom) peak = Math.Max(peak, process.WorkingSet64);
                    await Task.Delay(250, CancellationToken.None);
                }
            });
            string loadBefore = "";
            TimeSpan cpuBefore = TimeSpan.Zero;
            var measuring = Task.Delay(warmup).ContinueWith(_ =>
            {
                loadBefore = LoadAverage();
                process.Refresh();
                cpuBefore = process.TotalProcessorTime;
            }, TaskScheduler.Default);

            var workers = clients.Select((c, n) => Task.Run(async () =>
            {
                // With think time, officers who all signed in together would otherwise ask in one wave every few seconds.
                var pace = new Random(n);
                if (think > TimeSpan.Zero) await Task.Delay(think * pace.NextDouble(), CancellationToken.None);
                var mine = Order.ToDictionary(p => p, _ => new List<double>());
                var failed = Order.ToDictionary(p => p, _ => 0);
                var notes = new List<string>();
                void Note(string page, DateTime at, double ms, string? error, int bytes = 0)
                {
                    if (bytes > 0) sizes.TryAdd(page, bytes);
                    if (at < measureFrom) return;
                    if (error is null) mine[page].Add(ms);
                    else
                    {
                        failed[page]++;
                        if (notes.Count < 3) notes.Add($"{page}: {error}");
                    }
                }
                // Every page prerenders its shell over HTTP and reads its data once its circuit is up; the officer waits for both.
                async Task ViewAsync(string page, string path, string marker, Func<ConcordDbContext, Actor, Task> read)
                {
                    var at = DateTime.UtcNow;
                    var (ms, error, bytes) = await c.PageAsync(path, marker, stop.Token);
                    Note(page + Page, at, ms, error, bytes);
                    var (dataMs, dataError) = await CircuitAsync(dbs, c.Officer, read, stop.Token);
                    Note(page + Circuit, at, dataMs, dataError);
                    Note(page + Seen, at, ms + dataMs, error ?? dataError);
                }
                for (var i = 0; DateTime.UtcNow < end && !stop.IsCancellationRequested; i++)
                {
                    if (c.Officer.Reviewer)
                        await ViewAsync(Review, $"/operations/{DemoWorkspace.Operation}/review", "<h1", async (db, actor) =>
                        {
                            if ((await ReviewPage.ReadAsync(db, actor, audit, DemoWorkspace.Operation)).Count == 0) throw new InvalidOperationException("the review queue is empty");
                        });
                    else
                        await ViewAsync(Port, $"/handovers/{handoverId}/port", "Port check-in", async (db, actor) =>
                        {
                            if (!(await PortCheckInPage.ReadAsync(db, actor, audit, handoverId)).Receiver) throw new InvalidOperationException("the port officer is not on the receiving side");
                        });
                    // Every fifth round a port officer also opens the dashboard, and on another fifth the handover's manifest.
                    if (!c.Officer.Reviewer && i % 5 == 2)
                        await ViewAsync(Dashboard, "/dashboard", "<h1", async (db, actor) =>
                        {
                            if ((await DashboardPage.ReadAsync(db, actor, audit, null)).Report is null) throw new InvalidOperationException("the dashboard has no operation");
                        });
                    else if (!c.Officer.Reviewer && i % 5 == 4)
                        await ViewAsync(Manifest, $"/handovers/{handoverId}", "Handover manifest", async (db, actor) =>
                        {
                            if ((await HandoverPage.ReadAsync(db, actor, audit, handoverId)).Persons.Count == 0) throw new InvalidOperationException("the manifest is empty");
                        });
                    if (think > TimeSpan.Zero && DateTime.UtcNow < end) await Task.Delay(think * (0.5 + pace.NextDouble()), CancellationToken.None);
                }
                lock (gate)
                {
                    foreach (var p in Order)
                    {
                        latencies[p].AddRange(mine[p]);
                        errors[p] += failed[p];
                    }
                    firstErrors.AddRange(notes.Take(Math.Max(0, 5 - firstErrors.Count)));
                }
            })).ToList();
            await Task.WhenAll(workers);
            await measuring;
            // Only requests begun inside the window count, so rates are over the window, not over the last answers' drain.
            var seconds = duration.TotalSeconds;
            await sampler;
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            // Every page read was audited at once by many officers: the chain must still be whole.
            await using (var db = Database.Open(target))
            {
                var broken = await AuditTrail.VerifyAsync(db, CancellationToken.None);
                var entries = await db.AuditEntries.CountAsync();
                log.WriteLine(broken is null ? Inv($"{label}: audit chain intact, {entries:N0} entries; page reads written in {audit.Batches - batchesBefore:N0} saves") : Inv($"{label}: audit chain BROKEN at entry {broken}"));
                if (broken is not null) firstErrors.Add(Inv($"audit chain broken at entry {broken}"));
            }
            var outcome = new Outcome(label, latencies, errors, seconds, peak, process.WorkingSet64, cpu, loadBefore, LoadAverage(), firstErrors, sizes);
            foreach (var c in clients) c.Dispose();
            log.WriteLine(Inv($"{label}: {Pages.Sum(p => latencies[p + Seen].Count):N0} pages in {seconds:0.0} s, {errors.Values.Sum()} errors, peak working set {peak / 1e6:0} MB, {cpu:0.0} s CPU; load average {loadBefore} → {outcome.LoadAfter}"));
            foreach (var e in firstErrors) log.WriteLine("  error: " + e);
            return outcome;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>
    /// `--serial N`: before the load, each page's circuit read N times by one officer at a time, through the host's own
    /// services: what a read costs with nothing else running, the floor under the figures of the load.
    /// </summary>
    private static async Task SerialAsync(Microsoft.AspNetCore.Builder.WebApplication app, string label, List<Officer> officers, Guid handoverId, int times, TextWriter log)
    {
        var dbs = app.Services.GetRequiredService<IDbContextFactory<ConcordDbContext>>();
        var audit = app.Services.GetRequiredService<AuditQueue>();
        var reviewer = officers.First(o => o.Reviewer);
        var port = officers.First(o => !o.Reviewer);
        var reads = new (string Page, Officer Officer, Func<ConcordDbContext, Actor, Task> Read)[]
        {
            (Review, reviewer, (db, a) => ReviewPage.ReadAsync(db, a, audit, DemoWorkspace.Operation)),
            (Port, port, (db, a) => PortCheckInPage.ReadAsync(db, a, audit, handoverId)),
            (Dashboard, port, (db, a) => DashboardPage.ReadAsync(db, a, audit, null)),
            (Manifest, port, (db, a) => HandoverPage.ReadAsync(db, a, audit, handoverId)),
        };
        foreach (var (page, officer, read) in reads)
        {
            // The first reads compile the queries and fill the connection pool; they are left out.
            var ms = new List<double>();
            for (var k = 0; k < times + 5; k++)
            {
                var (t, error) = await CircuitAsync(dbs, officer, read, CancellationToken.None);
                if (error is not null) throw new InvalidOperationException($"{page}: {error}");
                if (k >= 5) ms.Add(t);
            }
            var sorted = ms.Order().ToArray();
            log.WriteLine(Inv($"{label}: {page}, circuit load alone: p50 {Percentile(sorted, 0.5):0.0} ms, min {sorted[0]:0.0} ms over {times} reads"));
        }
    }

    /// <summary>The demo workspace as `concord serve` makes it, then custody decided and a handover to CN-MPS at Ruili dispatched.</summary>
    private static async Task<(Guid Handover, int Persons)> SeedAsync(DatabaseTarget target)
    {
        var ct = CancellationToken.None;
        await DemoWorkspace.SeedAsync(target, ct);
        await using var db = Database.Open(target);
        var actor = Actor.Operator("bench");
        await DecideCustody.RunAsync(db, actor, DemoWorkspace.Operation, ct);
        var planned = await Handovers.PlanAsync(db, actor, DemoWorkspace.Operation, "CN-MPS", "Ruili", new DateOnly(2024, 3, 31), ct);
        var dispatched = await Handovers.DispatchAsync(db, actor, planned.Id, ct);
        return (dispatched.Id, dispatched.Persons.Count);
    }

    private static async Task<List<Officer>> UsersAsync(DatabaseTarget target, int count)
    {
        var ct = CancellationToken.None;
        await using var identity = IdentityServices.Open(target);
        var actor = Actor.Operator("bench");
        var officers = new List<Officer>();
        for (var i = 0; i < count; i++)
        {
            var reviewer = i % 2 == 0;
            var agency = reviewer ? "MM-MPF" : "CN-MPS";
            var name = Inv($"bench.{(reviewer ? "reviewer" : "port")}.{i:000}");
            var created = await UserAdmin.CreateByOperatorAsync(identity.Db, identity.Users, actor, agency, name, null, [reviewer ? Roles.Reviewer : Roles.PortOfficer], "en", ct);
            var user = await identity.Users.FindByNameAsync(name) ?? throw new InvalidOperationException($"{name} was not made");
            officers.Add(new Officer(created.UserName, created.Password, agency, user.AgencyId, reviewer));
        }
        return officers;
    }

    /// <summary>What a page's circuit does on its first interactive render: its own unit of work and the page's own read, audit entry included.</summary>
    private static async Task<(double Ms, string? Error)> CircuitAsync(IDbContextFactory<ConcordDbContext> dbs, Officer officer,
        Func<ConcordDbContext, Actor, Task> read, CancellationToken ct)
    {
        var t = Stopwatch.GetTimestamp();
        try
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var principal = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.Name, officer.Name), new Claim(UserClaimsFactory.Agency, officer.AgencyId.ToString("D", CultureInfo.InvariantCulture))], "bench"));
            await read(db, await principal.ActorAsync(db, ct));
            return (Stopwatch.GetElapsedTime(t).TotalMilliseconds, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (Stopwatch.GetElapsedTime(t).TotalMilliseconds, e.GetType().Name + ": " + e.Message);
        }
    }

    /// <summary>One officer's browser: its own cookie jar, redirects left to the caller, as in the web tests' Browserless.</summary>
    private sealed partial class Client : IDisposable
    {
        private readonly HttpClient _http;
        public Officer Officer { get; }

        public Client(Uri address, Officer officer)
        {
            Officer = officer;
            var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = false };
            _http = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        }

        public async Task SignInAsync()
        {
            var first = await PostFormAsync("/", "sign-in", [new("Input.UserName", Officer.Name), new("Input.Password", Officer.Password)]);
            if (first.StatusCode != HttpStatusCode.Redirect || !Target(first).StartsWith("/account/totp", StringComparison.Ordinal))
                throw new InvalidOperationException($"{Officer.Name}: sign-in answered {(int)first.StatusCode} {Target(first)}");
            var page = await _http.GetStringAsync(new Uri("/account/totp", UriKind.Relative));
            var key = KeyField().Match(page).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
            var second = await PostAsync("/account/totp", page, "totp", [new("Input.Code", TotpTokenProvider.CodeAt(key, DateTimeOffset.UtcNow))]);
            if (second.StatusCode != HttpStatusCode.Redirect || Target(second) != "/dashboard")
                throw new InvalidOperationException($"{Officer.Name}: authenticator code answered {(int)second.StatusCode} {Target(second)}");
        }

        private async Task<HttpResponseMessage> PostFormAsync(string path, string handler, List<KeyValuePair<string, string>> fields) =>
            await PostAsync(path, await _http.GetStringAsync(new Uri(path, UriKind.Relative)), handler, fields);

        private Task<HttpResponseMessage> PostAsync(string path, string page, string handler, List<KeyValuePair<string, string>> fields)
        {
            fields.Add(new("_handler", handler));
            fields.Add(new("__RequestVerificationToken", AntiforgeryField().Match(page).Groups[1].Value));
            return _http.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(fields));
        }

        /// <summary>A page load, counted good only as a 200 carrying the page's own marker (not the sign-in page or an error page).</summary>
        public async Task<(double Ms, string? Error, int Bytes)> PageAsync(string path, string marker, CancellationToken ct)
        {
            var t = Stopwatch.GetTimestamp();
            try
            {
                using var response = await _http.GetAsync(new Uri(path, UriKind.Relative), ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                var ms = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK) return (ms, $"{(int)response.StatusCode} {Target(response)}", 0);
                return body.Contains(marker, StringComparison.Ordinal) ? (ms, null, Encoding.UTF8.GetByteCount(body)) : (ms, $"200 without {marker}", 0);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return (Stopwatch.GetElapsedTime(t).TotalMilliseconds, e.GetType().Name + ": " + e.Message, 0);
            }
        }

        private static string Target(HttpResponseMessage response) =>
            response.Headers.Location is not { } l ? "" : l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString;

        public void Dispose() => _http.Dispose();

        [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
        private static partial Regex AntiforgeryField();

        [GeneratedRegex("id=\"authenticator-key\">([^<]+)<")]
        private static partial Regex KeyField();
    }

    private static string Table(IReadOnlyList<Outcome> runs)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| Database | Page | HTML KB | Requests | Requests/s | p50 ms | p95 ms | p99 ms | max ms | Errors |");
        sb.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var r in runs)
        {
            foreach (var page in Order.Where(p => r.Latencies[p].Count + r.Errors[p] > 0))
                sb.AppendLine(Row(r.Database, page, r.Sizes.TryGetValue(page, out var size) ? Inv($"{size / 1024.0:0}") : "", r.Latencies[page], r.Errors[page], r.Seconds));
            var all = Pages.SelectMany(p => r.Latencies[p + Seen]).ToList();
            sb.AppendLine(Row(r.Database, "**every page, page + data**", "", all, Pages.Sum(p => r.Errors[p + Seen]), r.Seconds));
        }
        sb.AppendLine();
        sb.AppendLine("| Database | Peak working set | Working set at the end | CPU during the measured run | Load average (1, 5, 15 min) before → after |");
        sb.AppendLine("|---|--:|--:|--:|---|");
        foreach (var r in runs)
            sb.AppendLine(Inv($"| {r.Database} | {r.PeakWorkingSet / 1e6:0} MB | {r.EndWorkingSet / 1e6:0} MB | {r.CpuSeconds:0} s of {r.Seconds:0} s wall ({r.CpuSeconds / r.Seconds:0.00} cores) | {r.LoadBefore} → {r.LoadAfter} |"));
        return sb.ToString();
    }

    private static string Row(string db, string page, string size, List<double> ms, int errors, double seconds)
    {
        var sorted = ms.Order().ToArray();
        return sorted.Length == 0
            ? Inv($"| {db} | {page} | {size} | 0 | 0 | – | – | – | – | {errors} |")
            : Inv($"| {db} | {page} | {size} | {sorted.Length:N0} | {sorted.Length / seconds:0.0} | {Percentile(sorted, 0.50):0} | {Percentile(sorted, 0.95):0} | {Percentile(sorted, 0.99):0} | {sorted[^1]:0} | {errors} |");
    }

    private static double Percentile(double[] sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string Machine()
    {
        static string Read(string path, string key) =>
            File.Exists(path) ? File.ReadLines(path).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?" : "?";
        return Inv($"machine: {Environment.ProcessorCount} cores (nproc), {Read("/proc/cpuinfo", "model name")}, {Read("/proc/meminfo", "MemTotal")} memory; load average {LoadAverage()}");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.FindIndex(args, a => a.Equals(name, StringComparison.OrdinalIgnoreCase));
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string? Text(string[] args, string name)
    {
        var at = Array.FindIndex(args, a => a.Equals(name, StringComparison.OrdinalIgnoreCase));
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
