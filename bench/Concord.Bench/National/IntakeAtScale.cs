using System.Diagnostics;
using System.Globalization;
using System.Text;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Agreements;
using Concord.Core.Features.Intake;
using Concord.Core.Features.Leads;
using Concord.Core.Features.Operations;
using Concord.Core.Features.Persons;
using Concord.Core.Features.Wanted;
using Concord.Core.Storage;
using Concord.Matching;
using Concord.Scenarios;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Concord.Bench.National;

/// <summary>
/// One Muse-style operation through the product's intake, one measured pass per database: the scenario generator's
/// files (with its truth) imported and matched by the Core functions the commands call (migrate, agreement, lead,
/// wanted list, operation, roster, match), each phase timed with the process's peak working set after it; then what
/// matching left for the reviewers and what it found, counted in the database against the truth. With
/// <c>--review-load</c>: one roster per seed matched against wanted lists of growing length (subsets of one list, the
/// fugitives' records and the namesake traps' on each), to see the review queue follow the arrests, not the list.
/// </summary>
internal static class IntakeAtScale
{
    private const string Operation = "INTAKE-OP";
    private const string Lead = "CN-LEAD-INTAKE";

    /// <summary>The published Muse operation the scenario defaults describe.</summary>
    private const int MuseArrested = 807;

    private static readonly Actor Bench = Actor.Operator("bench");

    /// <summary>What matching left and found, as <c>ReviewLoadTests</c> counts it.</summary>
    private sealed record Figures(int Wanted, int Tasks, int NeedsIdentification, int Proposals, int Found, int Pairs, int NamesakesAccepted, int Traps, int OtherWantedLinks);

    private sealed record Phase(string What, double Seconds, long PeakWorkingSet, long GcHeap);

    public static void Run(string[] args, TextWriter log) =>
        (args.Any(a => a.Equals("--review-load", StringComparison.OrdinalIgnoreCase)) ? ReviewLoadAsync(args, log) : AtScaleAsync(args, log)).GetAwaiter().GetResult();

    /// <summary>One scenario of N arrests against a list of M, on SQLite and (with --pg) on PostgreSQL.</summary>
    private static async Task AtScaleAsync(string[] args, TextWriter log)
    {
        var arrested = Number(args, "--arrested", 80_700);
        var wanted = Number(args, "--wanted", 2_000_000);
        var seed = Number(args, "--seed", 1);
        var pg = Text(args, "--pg");
        var dir = Text(args, "--sqlite-dir") ?? Path.Combine(Path.GetTempPath(), Inv($"concord-intake-{arrested}-{wanted}"));
        var keep = args.Any(a => a.Equals("--keep", StringComparison.OrdinalIgnoreCase));
        var persons = args.Any(a => a.Equals("--persons", StringComparison.OrdinalIgnoreCase));
        var options = Scaled(arrested, wanted, seed);
        log.WriteLine(Inv($"intake at scale: {arrested:N0} arrested against {wanted:N0} wanted, seed {seed}; {Environment.ProcessorCount} cores; {dir}"));
        log.WriteLine(Inv($"scenario (Muse defaults × {arrested / (double)MuseArrested:0.###}): {options.Fugitives:N0} fugitives, {options.KeyFigures:N0} key figures, {options.Members:N0} members, {options.EscapedTargets:N0} escaped targets, {options.NamesakeTraps:N0} namesake traps, {options.DuplicateRows:N0} duplicate rows, {options.Dens:N0} dens"));

        var files = Path.Combine(dir, "scenario");
        var clock = Stopwatch.StartNew();
        var truth = ScenarioGenerator.Generate(files, options);
        log.WriteLine(Inv($"scenario generated: {clock.Elapsed.TotalSeconds:0.0} s ({truth.RosterRows:N0} roster rows, {new FileInfo(Path.Combine(files, "wanted.csv")).Length / 1048576.0:0} MiB wanted.csv); peak working set {MiB(PeakWorkingSet())}"));

        var tables = new List<(string Provider, List<Phase> Phases, Figures Figures, bool PeakReset)>();
        var sqlite = Path.Combine(dir, "sqlite");
        ResetDirectory(sqlite);
        var db = Path.Combine(sqlite, "concord.db");
        try
        {
            var reset = ResetPeak();
            var (phases, figures) = await FlowAsync(DatabaseTarget.Parse(db), files, Path.Combine(files, "wanted.csv"), truth, "SQLite", log);
            tables.Add(("SQLite", phases, figures, reset));
            if (persons) await PersonsPageAsync(DatabaseTarget.Parse(db), "SQLite", log);
        }
        finally
        {
            if (!keep) ResetDirectory(sqlite);
        }

        if (pg is not null)
        {
            const string name = "concord_bench_intake";
            await using (var c = new NpgsqlConnection(pg))
            {
                await c.OpenAsync();
                await new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", c).ExecuteNonQueryAsync();
                await new NpgsqlCommand($"CREATE DATABASE {name}", c).ExecuteNonQueryAsync();
            }
            var target = DatabaseTarget.Parse(new NpgsqlConnectionStringBuilder(pg) { Database = name }.ToString());
            try
            {
                var reset = ResetPeak();
                var (phases, figures) = await FlowAsync(target, files, Path.Combine(files, "wanted.csv"), truth, "PostgreSQL", log);
                tables.Add(("PostgreSQL", phases, figures, reset));
                if (persons) await PersonsPageAsync(target, "PostgreSQL", log);
            }
            finally
            {
                // A PostgreSQL database's index lives apart from it, in a folder named by the database's id.
                try
                {
                    await using var ctx = Database.Open(target);
                    if (await WantedIndex.FolderAsync(ctx, default) is { } folder && Directory.Exists(folder)) Directory.Delete(folder, true);
                }
                catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException)
                {
                    log.WriteLine(Inv($"the PostgreSQL index folder was not removed: {e.Message}"));
                }
                NpgsqlConnection.ClearAllPools();
                await using var c = new NpgsqlConnection(pg);
                await c.OpenAsync();
                await new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", c).ExecuteNonQueryAsync();
            }
        }

        foreach (var (provider, phases, figures, reset) in tables)
        {
            log.WriteLine();
            log.WriteLine(Inv($"### {provider}: {arrested:N0} arrested ({truth.RosterRows:N0} roster rows) against {figures.Wanted:N0} wanted"));
            log.WriteLine();
            log.WriteLine("| phase | seconds | peak working set | GC heap |");
            log.WriteLine("|---|--:|--:|--:|");
            foreach (var p in phases) log.WriteLine(Inv($"| {p.What} | {p.Seconds:0.00} | {MiB(p.PeakWorkingSet)} | {MiB(p.GcHeap)} |"));
            double Seconds(string prefix) => phases.Where(p => p.What.StartsWith(prefix, StringComparison.Ordinal)).Sum(p => p.Seconds);
            var roster = Seconds("roster import");
            var index = Seconds("index open");
            var match = Seconds("match");
            log.WriteLine(Inv($"| **roster import + match** (index opened by the match) | **{roster + index + match:0.00}** | | |"));
            log.WriteLine();
            log.WriteLine(RecallLine(figures));
            log.WriteLine("(wanted import: ImportWantedList, which builds the kept index from the list after its commit; index open: WantedIndex.OpenAsync, "
                + "mapping those files; match: MatchOperation.RunAsync with that index handed in, as the node hands in its own)");
            log.WriteLine(reset
                ? "(peak working set: this process only, reset before this database's run to what the process then held; the database server's memory is not in it. GC heap: GC.GetTotalMemory(false) at the end of the phase)"
                : "(peak working set: this process only, since it started: it could not be reset between runs. GC heap: GC.GetTotalMemory(false) at the end of the phase)");
        }
    }

    /// <summary>
    /// The persons page's reads on the matched operation (<see cref="PersonList.ListAsync"/>, what the page, the API and
    /// the command line call), each 40 times after 3 warm-ups, beside what a page that reads the operation's persons into
    /// memory and filters there would cost (the way the operation report counts them).
    /// </summary>
    private static async Task PersonsPageAsync(DatabaseTarget target, string label, TextWriter log)
    {
        var coordinator = Bench;
        string common;
        string han;
        await using (var db = Database.Open(target))
        {
            // A name many share, and one person's own characters written in traditional form.
            common = (await db.RosterRecords.AsNoTracking().Where(r => r.NameLatin != null).GroupBy(r => r.NameLatin!).OrderByDescending(g => g.Count())
                .Select(g => g.Key).FirstAsync())!;
            han = (await db.RosterRecords.AsNoTracking().Where(r => r.Name != null && r.Nationality == "CHN").OrderBy(r => r.RosterNo).Select(r => r.Name!).FirstAsync())!;
        }
        var views = new (string What, PersonList.Query Query)[]
        {
            ("first page, roster order", new(Operation, Counts: false)),
            ("every filter's counts (asked after the rows)", new(Operation, Rows: false)),
            ("first page with every filter's counts in one answer (API, CLI)", new(Operation)),
            ("Chinese, page 10", new(Operation, Nationality: "CHN", Page: 10, Counts: false)),
            ("key figures", new(Operation, Role: "key", Counts: false)),
            ("fugitives", new(Operation, Fugitive: true, Counts: false)),
            (Inv($"search \"{common}\" (Latin)"), new(Operation, Search: common, Counts: false)),
            (Inv($"search \"{han}\" (characters)"), new(Operation, Search: han, Counts: false)),
            ("sorted by name, page 100", new(Operation, Sort: "name", Page: 100, Counts: false)),
            ("200 a page, page 50", new(Operation, Page: 50, PageSize: 200, Counts: false)),
        };
        log.WriteLine();
        log.WriteLine(Inv($"### {label}: the persons page (PersonList.ListAsync), 40 runs each after 3 warm-ups"));
        log.WriteLine();
        log.WriteLine("| view | persons found | p50 | p95 |");
        log.WriteLine("|---|--:|--:|--:|");
        foreach (var (what, query) in views)
        {
            var total = 0;
            var times = await TimeAsync(target, async db => total = (await PersonList.ListAsync(db, coordinator, query, NoReads.Instance, default)).Total);
            log.WriteLine(Inv($"| {what} | {total:N0} | {times.P50:0} ms | {times.P95:0} ms |"));
        }
        // Before: the operation's persons, roster rows and links read into memory, then filtered and paged there.
        var chinese = 0;
        var before = await TimeAsync(target, async db =>
        {
            var operation = await db.Operations.AsNoTracking().SingleAsync(o => o.Code == Operation);
            var all = await db.Persons.AsNoTracking().Where(p => p.OperationId == operation.Id).ToListAsync();
            var rows = (await db.RosterRecords.AsNoTracking().Where(r => r.OperationId == operation.Id).ToListAsync()).ToLookup(r => r.PersonId);
            var links = (await db.PersonLinks.AsNoTracking().Where(l => l.AgencyId == operation.AgencyId).ToListAsync()).ToLookup(l => l.PersonId);
            var shown = all.Where(p => p.Nationality == "CHN").OrderBy(p => rows[p.Id].Min(r => r.RosterNo), StringComparer.Ordinal).Skip(450).Take(50)
                .Select(p => (p, rows[p.Id].ToList(), links[p.Id].ToList())).ToList();
            chinese = all.Count(p => p.Nationality == "CHN");
            _ = shown;
        });
        log.WriteLine(Inv($"| before: Chinese, page 10, read into memory and filtered there | {chinese:N0} | {before.P50:0} ms | {before.P95:0} ms |"));
    }

    private static async Task<(double P50, double P95)> TimeAsync(DatabaseTarget target, Func<ConcordDbContext, Task> read)
    {
        var times = new List<double>();
        for (var i = 0; i < 43; i++)
        {
            await using var db = Database.Open(target);
            var sw = Stopwatch.StartNew();
            await read(db);
            if (i >= 3) times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1]);
    }

    /// <summary>The bench's reads are not the subject: none is recorded.</summary>
    private sealed class NoReads : IReadAudit
    {
        public static readonly NoReads Instance = new();

        public Task RecordAsync(Actor actor, string action, string? entityType = null, Guid? entityId = null, string? details = null, CancellationToken ct = default) =>
            Task.CompletedTask;
    }

    /// <summary>One roster per seed against lists of growing length, on SQLite.</summary>
    private static async Task ReviewLoadAsync(string[] args, TextWriter log)
    {
        var seeds = Numbers(args, "--seeds", [1, 2, 3, 4]);
        var sizes = Numbers(args, "--sizes", [20_000, 200_000, 2_000_000]).Distinct().Order().ToArray();
        var dir = Text(args, "--sqlite-dir") ?? Path.Combine(Path.GetTempPath(), "concord-review-load");
        var largest = sizes[^1];
        log.WriteLine(Inv($"review load: {MuseArrested} arrested (Muse defaults), lists of {string.Join(" / ", sizes.Select(s => s.ToString("N0", CultureInfo.InvariantCulture)))} records, seeds {string.Join(",", seeds)}; SQLite; {Environment.ProcessorCount} cores; {dir}"));
        var results = new List<(int Seed, Figures[] Figures)>();
        foreach (var seed in seeds)
        {
            var files = Path.Combine(dir, Inv($"seed-{seed}"));
            ResetDirectory(files);
            var clock = Stopwatch.StartNew();
            var truth = ScenarioGenerator.Generate(files, new ScenarioOptions { Seed = seed, Arrested = MuseArrested, WantedRecords = largest, OperationCode = Operation });
            log.WriteLine(Inv($"seed {seed}: scenario generated with {largest:N0} wanted in {clock.Elapsed.TotalSeconds:0.0} s"));
            var lists = WriteSubsets(files, truth, sizes, log);
            var figures = new Figures[sizes.Length];
            for (var i = 0; i < sizes.Length; i++)
            {
                var sqlite = Path.Combine(files, Inv($"db-{sizes[i]}"));
                ResetDirectory(sqlite);
                try
                {
                    (_, figures[i]) = await FlowAsync(DatabaseTarget.Parse(Path.Combine(sqlite, "concord.db")), files, lists[i], truth, Inv($"seed {seed}, {sizes[i]:N0}"), log);
                }
                finally
                {
                    ResetDirectory(sqlite);
                    Directory.Delete(sqlite);
                }
                log.WriteLine(Inv($"seed {seed}, {sizes[i]:N0}: ") + RecallLine(figures[i]));
            }
            results.Add((seed, figures));
        }

        log.WriteLine();
        var heads = sizes.Select((s, i) => i == 0 ? Inv($"{s:N0}: tasks / to identify / proposals") : Inv($"{s:N0}"));
        var ratios = string.Join(", ", sizes.Skip(1).Select(s => Inv($"{s:N0} ÷ {sizes[0]:N0}")));
        log.WriteLine($"| seed | {string.Join(" | ", heads)} | tasks {ratios} | found | namesakes accepted | other wanted links |");
        log.WriteLine($"|---|{string.Concat(sizes.Select(_ => "---|"))}---|---|---|---|");
        foreach (var (seed, figures) in results)
        {
            var cells = figures.Select(f => Inv($"{f.Tasks} / {f.NeedsIdentification} / {f.Proposals}"));
            var ratio = string.Join(", ", figures.Skip(1).Select(f => figures[0].Tasks == 0 ? "–" : Inv($"{(double)f.Tasks / figures[0].Tasks:0.00}×")));
            log.WriteLine(Inv($"| {seed} | {string.Join(" | ", cells)} | {ratio} | {string.Join(" · ", figures.Select(f => Inv($"{f.Found}/{f.Pairs}")))} | {string.Join(" · ", figures.Select(f => Inv($"{f.NamesakesAccepted}/{f.Traps}")))} | {string.Join(" · ", figures.Select(f => f.OtherWantedLinks.ToString(CultureInfo.InvariantCulture)))} |"));
        }
        log.WriteLine("(found: fugitive and target pairs of the truth linked or a candidate in an open task; namesakes accepted: namesake traps linked to a wanted record; other wanted links: links to a wanted record that is not the person's in the truth; one value per list size, in the order of the columns)");
    }

    /// <summary>
    /// The product's intake on a fresh database, one Core function after another as the commands call them, each in its
    /// own context; then the figures, counted in the database.
    /// </summary>
    private static async Task<(List<Phase> Phases, Figures Figures)> FlowAsync(DatabaseTarget target, string files, string wantedCsv, ScenarioTruth truth, string label, TextWriter log)
    {
        // What the files before left behind is not this run's.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var phases = new List<Phase>();
        var clock = Stopwatch.StartNew();
        void Done(string what)
        {
            var phase = new Phase(what, clock.Elapsed.TotalSeconds, PeakWorkingSet(), GC.GetTotalMemory(false));
            phases.Add(phase);
            log.WriteLine(Inv($"{label}: {what}: {phase.Seconds:0.00} s; peak working set {MiB(phase.PeakWorkingSet)}, GC heap {MiB(phase.GcHeap)}"));
            clock.Restart();
        }

        await Database.MigrateAsync(target, default);
        await using (var db = Database.Open(target))
        {
            var agreement = await ImportAgreement.FromFileAsync(db, Bench, Path.Combine(files, "agreement.json"), default);
            await AcceptAgreement.ForEveryPartyAsync(db, Bench, agreement.Id, default);
            await ImportLead.RunAsync(db, Bench, new ImportLead.Request(Lead, "CN-MPS", "MM-MPF", "H3", Path.Combine(files, "dens.csv"), Path.Combine(files, "lead-targets.csv")), default);
        }
        Done(Inv($"migrate, agreement, lead ({truth.LeadTargets:N0} targets)"));

        int listed;
        await using (var db = Database.Open(target))
        {
            listed = (await ImportWantedList.RunAsync(db, Bench, wantedCsv, "CN-MPS", default)).Added;
        }
        Done(Inv($"wanted import ({listed:N0} records; the index built from the list and written with it)"));

        await using (var db = Database.Open(target))
        {
            await CreateOperation.RunAsync(db, Bench, Operation, Lead, "MM-MPF", default);
        }
        Done("create operation");

        await using (var db = Database.Open(target))
        {
            await ImportRoster.RunAsync(db, Bench, Path.Combine(files, "roster.csv"), Operation, default);
        }
        Done(Inv($"roster import ({truth.RosterRows:N0} rows)"));

        // The index the wanted import wrote, mapped as the node (or a command) opens it; timed on its own.
        WantedIndex index;
        await using (var db = Database.Open(target))
        {
            index = await WantedIndex.OpenAsync(db, default);
        }
        Done(Inv($"index open ({index.Records:N0} records, mapped from the files the import wrote)"));

        MatchOperation.Summary summary;
        await using (var db = Database.Open(target))
        {
            summary = await MatchOperation.RunAsync(db, Bench, Operation, null, default, index);
        }
        Done(Inv($"match ({summary.Persons:N0} persons, {summary.DuplicatesMerged:N0} rows merged, {summary.Accepted:N0} accepted; index handed in)"));

        Figures figures;
        await using (var db = Database.Open(target))
        {
            figures = await FiguresAsync(db, truth, listed, log);
        }
        if (figures.Tasks != summary.TasksOpen || figures.NeedsIdentification != summary.NeedsIdentification || figures.Proposals != summary.QueueOpen)
        {
            log.WriteLine(Inv($"{label}: the database holds {figures.Tasks} open tasks / {figures.NeedsIdentification} to identify / {figures.Proposals} open proposals, the match reported {summary.TasksOpen} / {summary.NeedsIdentification} / {summary.QueueOpen}"));
        }
        return (phases, figures);
    }

    /// <summary>The figures of <c>tests/Concord.Tests/Intake/ReviewLoadTests.cs</c> (LoadAsync), read from the database after matching.</summary>
    private static async Task<Figures> FiguresAsync(ConcordDbContext db, ScenarioTruth truth, int listed, TextWriter? log = null)
    {
        // Open tasks and proposals, counted as MatchOperation's summary counts them (the database holds one operation).
        var openTasks = await db.ReviewTasks.AsNoTracking().Where(t => t.Status == ReviewTaskStatus.Open)
            .GroupBy(t => t.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        var proposals = await db.ReviewItems.AsNoTracking().CountAsync(i => i.Status == ReviewStatus.Open);

        var person = await db.RosterRecords.AsNoTracking().ToDictionaryAsync(r => r.RosterNo, r => r.PersonId);
        var links = (await db.PersonLinks.AsNoTracking().Select(l => new { l.PersonId, l.Kind, l.CandidateRef }).ToListAsync())
            .Select(l => (l.PersonId, l.Kind, l.CandidateRef)).ToHashSet();
        var open = (await db.ReviewItems.AsNoTracking().Where(i => i.Status == ReviewStatus.Open && db.ReviewTasks.Any(t => t.Id == i.TaskId && t.Status == ReviewTaskStatus.Open))
            .Select(i => new { i.PersonId, i.CandidateList, i.CandidateRef }).ToListAsync()).Select(i => (i.PersonId, i.CandidateList, i.CandidateRef)).ToHashSet();
        var pairs = truth.FugitivePairs.Select(p => (person[p.RosterNos[0]], LinkKind.Wanted, "wanted", p.WantedId))
            .Concat(truth.TargetPairs.Select(p => (person[p.RosterNos[0]], LinkKind.Target, "target", p.TargetId))).ToList();
        var found = pairs.Count(p => links.Contains((p.Item1, p.Item2, p.Item4)) || open.Contains((p.Item1, p.Item3, p.Item4)));
        var fugitives = truth.FugitivePairs.Select(p => (person[p.RosterNos[0]], p.WantedId)).ToHashSet();
        var traps = truth.NamesakeTraps.Select(r => person[r]).ToHashSet();
        var wantedLinks = links.Where(l => l.Kind == LinkKind.Wanted).ToList();
        if (log is not null)
        {
            // What went wrong, row by row, for whoever tunes the matcher: the roster rows, and the list records involved.
            var rowsOf = (await db.RosterRecords.AsNoTracking().ToListAsync()).ToLookup(r => r.PersonId);
            string Rows(Guid id) => string.Join(" / ", rowsOf[id].Select(r => Inv($"{r.RosterNo} {r.Name} {r.NameLatin} {r.Sex} {r.BirthDate} {r.Nationality} {r.IdType} {r.IdNumber}")));
            async Task<string> Listed(string wantedId) => await db.WantedPersons.AsNoTracking().Where(w => w.WantedId == wantedId)
                .Select(w => w.WantedId + " " + w.Name + " " + w.NameLatin + " " + w.Sex + " " + w.BirthDate + " " + w.IdType + " " + w.IdNumber).FirstOrDefaultAsync() ?? wantedId;
            // Which arrestees the open proposal tasks are about: a truth pair's person, a namesake trap, or another arrestee.
            var items = await db.ReviewItems.AsNoTracking().Where(i => i.Status == ReviewStatus.Open).Select(i => new { i.PersonId, i.CandidateRef, i.Score, i.Evidence }).ToListAsync();
            var pairPersons = pairs.Select(p => p.Item1).ToHashSet();
            var byPerson = items.GroupBy(i => i.PersonId).ToList();
            bool Rule(string e) => e.Contains("share the name and the year", StringComparison.Ordinal) || e.Contains("agree on name, full birth date", StringComparison.Ordinal);
            log.WriteLine(Inv($"  proposal tasks by arrestee: truth pair {byPerson.Count(g => pairPersons.Contains(g.Key))} (namesake rule {byPerson.Count(g => pairPersons.Contains(g.Key) && g.Any(i => Rule(i.Evidence)))}), trap {byPerson.Count(g => traps.Contains(g.Key))}, other {byPerson.Count(g => !pairPersons.Contains(g.Key) && !traps.Contains(g.Key))} (namesake rule {byPerson.Count(g => !pairPersons.Contains(g.Key) && !traps.Contains(g.Key) && g.Any(i => Rule(i.Evidence)))})"));
            foreach (var g in byPerson.Where(g => pairPersons.Contains(g.Key) && g.Any(i => Rule(i.Evidence))).Take(20))
            {
                var top = g.First(i => Rule(i.Evidence));
                var rule = top.Evidence[(top.Evidence.LastIndexOf("\"template\"", StringComparison.Ordinal))..];
                log.WriteLine(Inv($"  task, pair held by the namesake rule: roster {Rows(g.Key)}; {g.Count()} candidates, {await Listed(top.CandidateRef)} {top.Score:0.00}: {rule[..Math.Min(200, rule.Length)]}"));
            }
            foreach (var g in byPerson.Where(g => !pairPersons.Contains(g.Key)).Take(40))
            {
                var top = g.OrderByDescending(i => i.Score).First();
                log.WriteLine(Inv($"  task, {(traps.Contains(g.Key) ? "trap" : "other")}: roster {Rows(g.Key)}; {g.Count()} candidates, top {await Listed(top.CandidateRef)} {top.Score:0.00}: {top.Evidence[..Math.Min(400, top.Evidence.Length)]}"));
            }
            foreach (var p in pairs.Where(p => !(links.Contains((p.Item1, p.Item2, p.Item4)) || open.Contains((p.Item1, p.Item3, p.Item4)))).Take(20))
                log.WriteLine(Inv($"  missed {p.Item3} {p.Item4}: roster {Rows(p.Item1)}; list {(p.Item3 == "wanted" ? await Listed(p.Item4) : p.Item4)}; linked to {string.Join(", ", links.Where(l => l.PersonId == p.Item1).Select(l => l.Kind + " " + l.CandidateRef))}"));
            foreach (var l in wantedLinks.Where(l => !fugitives.Contains((l.PersonId, l.CandidateRef))).Take(20))
                log.WriteLine(Inv($"  wrong wanted link{(traps.Contains(l.PersonId) ? " (namesake trap)" : "")}: roster {Rows(l.PersonId)}; linked to {await Listed(l.CandidateRef)}"));
        }
        return new Figures(listed, openTasks.Values.Sum(), openTasks.GetValueOrDefault(ReviewTaskKind.NeedsIdentification), proposals, found, pairs.Count,
            wantedLinks.Count(l => traps.Contains(l.PersonId)), truth.NamesakeTraps.Count, wantedLinks.Count(l => !fugitives.Contains((l.PersonId, l.CandidateRef))));
    }

    private static string RecallLine(Figures f) => Inv(
        $"review: {f.Tasks:N0} tasks open ({f.NeedsIdentification:N0} to identify), {f.Proposals:N0} proposals open; found {f.Found:N0}/{f.Pairs:N0} fugitive and target pairs (linked, or a candidate in an open task); namesake traps accepted {f.NamesakesAccepted:N0}/{f.Traps:N0}; wanted links not in the truth's fugitive pairs {f.OtherWantedLinks:N0}");

    /// <summary>The Muse defaults (807 arrests) scaled to this many arrests.</summary>
    private static ScenarioOptions Scaled(int arrested, int wanted, int seed)
    {
        var muse = new ScenarioOptions();
        var factor = arrested / (double)MuseArrested;
        int Scale(int count) => (int)Math.Round(count * factor, MidpointRounding.AwayFromZero);
        return muse with
        {
            Seed = seed,
            Arrested = arrested,
            WantedRecords = wanted,
            Fugitives = Scale(muse.Fugitives),
            KeyFigures = Scale(muse.KeyFigures),
            Members = Scale(muse.Members),
            EscapedTargets = Scale(muse.EscapedTargets),
            NamesakeTraps = Scale(muse.NamesakeTraps),
            DuplicateRows = Scale(muse.DuplicateRows),
            Dens = Math.Max(1, Scale(muse.Dens)),
            OperationCode = Operation,
        };
    }

    /// <summary>
    /// The shorter lists, each the first rows of wanted.csv with the fugitives' records and one namesake source per trap
    /// added in their places, so that every list holds the previous one and only the other records grow. The truth names
    /// the traps' roster rows, not the wanted records they were made from: a trap's source is taken to be the first record
    /// with the trap's name as its roster rows write it (Han characters; else pinyin in either order; else a regional
    /// spelling of the surname), the same sex, and another birth year (the generator gives its traps another year than
    /// their source's).
    /// </summary>
    private static string[] WriteSubsets(string files, ScenarioTruth truth, int[] sizes, TextWriter log)
    {
        var wantedCsv = Path.Combine(files, "wanted.csv");
        var keep = truth.FugitivePairs.Select(p => p.WantedId).ToHashSet(StringComparer.Ordinal);
        var traps = Traps(files, truth);
        var byHan = traps.SelectMany((t, i) => t.Han.Select(h => (h, i))).ToLookup(x => x.h, x => x.i, StringComparer.Ordinal);
        var byLatin = traps.SelectMany((t, i) => t.Latin.Select(l => (l, i))).ToLookup(x => x.l, x => x.i, StringComparer.Ordinal);
        var source = new string?[traps.Count];
        var spelled = new string?[traps.Count];
        var candidates = new int[traps.Count];
        var latinOnly = Enumerable.Range(0, traps.Count).Where(i => traps[i].Han.Count == 0).ToArray();
        foreach (var row in WantedRows(wantedCsv))
        {
            if (keep.Contains(row.Id)) continue;
            foreach (var i in byHan[row.Name])
            {
                if (!Fits(traps[i], row)) continue;
                candidates[i]++;
                source[i] ??= row.Id;
            }
            var space = row.Latin.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0) continue;
            var (surname, given) = (row.Latin[..space], row.Latin[(space + 1)..]);
            var (surnameFirst, givenFirst) = (byLatin[surname + given], byLatin[given + surname]);
            // Pinyin only for a trap no row writes in Han characters (the characters say more): the name in pinyin, or
            // with the surname in an older or regional spelling ("Ng", "Woo", "Lei"), which is the given name in pinyin
            // and the record's characters read in that spelling, as the product's name tables read them.
            foreach (var i in latinOnly)
            {
                var trap = traps[i];
                if (!Fits(trap, row)) continue;
                var exact = surnameFirst.Contains(i) || givenFirst.Contains(i);
                if (!exact && !(trap.Latin.Any(l => l.EndsWith(given, StringComparison.Ordinal) || l.StartsWith(given, StringComparison.Ordinal))
                    && ChineseNames.LatinKeys(row.Name).Any(trap.Keys.Contains))) continue;
                candidates[i]++;
                if (exact) source[i] ??= row.Id;
                else spelled[i] ??= row.Id;
            }
        }
        for (var i = 0; i < traps.Count; i++) source[i] ??= spelled[i];
        foreach (var id in source.OfType<string>()) keep.Add(id);
        log.WriteLine(Inv($"kept on every list: {truth.FugitivePairs.Count} fugitives' records; sources of {source.Count(s => s is not null)} of {traps.Count} namesake traps ({candidates.Sum():N0} records carry a trap's name, its sex and another birth year; the first of each trap's is kept)"));

        var lists = new string[sizes.Length];
        for (var s = 0; s < sizes.Length; s++)
        {
            if (s == sizes.Length - 1)
            {
                lists[s] = wantedCsv;
                continue;
            }
            if (sizes[s] < keep.Count) throw new ArgumentException(Inv($"a list of {sizes[s]:N0} cannot hold the {keep.Count:N0} records kept on every list"));
            lists[s] = Path.Combine(files, Inv($"wanted-{sizes[s]}.csv"));
            var others = sizes[s] - keep.Count;
            using var writer = new StreamWriter(lists[s], false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
            var first = true;
            foreach (var line in File.ReadLines(wantedCsv))
            {
                if (first)
                {
                    writer.WriteLine(line);
                    first = false;
                    continue;
                }
                if (keep.Contains(IdOf(line))) writer.WriteLine(line);
                else if (others-- > 0) writer.WriteLine(line);
            }
        }
        return lists;
    }

    private sealed record Trap(IReadOnlySet<string> Han, IReadOnlySet<string> Latin, IReadOnlySet<string> Keys, char? Sex, int? Year);

    private sealed record WantedRow(string Id, string Name, string Latin, char? Sex, int? Year);

    /// <summary>Each namesake trap as its roster rows write it: the names in Han characters, the Latin ones as pinyin letters, sex and birth year.</summary>
    private static List<Trap> Traps(string files, ScenarioTruth truth)
    {
        var roster = Csv.ReadFile(Path.Combine(files, "roster.csv")).ToDictionary(r => r["roster_no"]!, StringComparer.Ordinal);
        var traps = new List<Trap>();
        foreach (var first in truth.NamesakeTraps)
        {
            var rows = truth.DuplicateRows.FirstOrDefault(g => g.Contains(first, StringComparer.Ordinal)) ?? [first];
            var han = new HashSet<string>(StringComparer.Ordinal);
            var latin = new HashSet<string>(StringComparer.Ordinal);
            var keys = new HashSet<string>(StringComparer.Ordinal);
            char? sex = null;
            int? year = null;
            foreach (var r in rows.Select(n => roster[n]))
            {
                foreach (var name in new[] { r["name"], r["name_latin"] }.OfType<string>())
                {
                    if (name.Any(c => c is >= '\u4E00' and <= '\u9FFF')) han.Add(name.Trim());
                    else if (name.Any(char.IsAsciiLetter))
                    {
                        latin.Add(string.Concat(name.Where(char.IsAsciiLetter)).ToUpperInvariant());
                        keys.UnionWith(NameText.LatinKeys(name));
                    }
                }
                sex ??= SexOf(r["sex"]);
                year ??= YearOf(r["birth_date"]);
            }
            traps.Add(new Trap(han, latin, keys, sex, year));
        }
        return traps;
    }

    private static bool Fits(Trap trap, WantedRow row) =>
        (trap.Sex is null || row.Sex is null || trap.Sex == row.Sex) && (trap.Year is null || row.Year is null || trap.Year != row.Year);

    /// <summary>wanted.csv as the generator writes it: no field holds a comma, so a row is its line split at commas.</summary>
    private static IEnumerable<WantedRow> WantedRows(string path)
    {
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var f = line.Split(',');
            if (f.Length < 12) throw new InvalidDataException(Inv($"{path}: a row of {f.Length} fields, not the generator's: {line}"));
            yield return new WantedRow(f[0], f[1], f[2], SexOf(f[4]), YearOf(f[5]));
        }
    }

    private static string IdOf(string line) => line[..line.IndexOf(',', StringComparison.Ordinal)];

    private static char? SexOf(string? text) => text?.Trim() switch
    {
        "M" or "男" => 'M',
        "F" or "女" => 'F',
        _ => null,
    };

    private static int? YearOf(string? text) =>
        text is { Length: >= 4 } && int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : null;

    private static void ResetDirectory(string dir)
    {
        Directory.CreateDirectory(dir);
        foreach (var f in Directory.EnumerateFileSystemEntries(dir))
        {
            if (Directory.Exists(f)) Directory.Delete(f, true);
            else File.Delete(f);
        }
    }

    /// <summary>Resets the process's peak resident set (Linux: /proc/self/clear_refs), so that a run's peak is its own; false where it cannot.</summary>
    private static bool ResetPeak()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }

    private static long PeakWorkingSet()
    {
        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64;
    }

    private static string MiB(long bytes) => Inv($"{bytes / 1048576.0:N0} MiB");

    private static int Number(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : fallback;
    }

    private static int[] Numbers(string[] args, string name, int[] fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length
            ? args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray()
            : fallback;
    }

    private static string? Text(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
