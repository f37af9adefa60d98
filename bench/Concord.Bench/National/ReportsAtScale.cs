using System.Diagnostics;
using System.Globalization;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Agreements;
using Concord.Core.Features.Operations;
using Concord.Core.Features.Reports;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Concord.Bench.National;

/// <summary>
/// Years of cooperation on PostgreSQL: 60 operations since 2023, 1,000 arrested and 800 handed over each (48,000 in
/// all) at three ports, assigned to 25 provinces, fugitives and key figures among them, beside a wanted list of
/// 10,000,000 identities. Times the cumulative report and the dashboard as a coordinator opens them, beside the
/// dashboard's figures as they were computed before (handovers, received persons and assignments read into memory).
/// </summary>
internal static class ReportsAtScale
{
    public static void Run(string[] args, TextWriter log) => RunAsync(args, log).GetAwaiter().GetResult();

    private static async Task RunAsync(string[] args, TextWriter log)
    {
        var admin = Text(args, "--pg") ?? Environment.GetEnvironmentVariable("CONCORD_TEST_PG")
            ?? throw new ArgumentException("--pg CONNECTION (a server where the user may create databases)");
        var operations = Number(args, "--operations", 60);
        var arrested = Number(args, "--arrested", 1_000);
        var handed = Number(args, "--handed", 800);
        var identities = Number(args, "--identities", 10_000_000);
        var runs = Number(args, "--runs", 40);
        const string name = "concord_bench_reports";
        await using (var c = new NpgsqlConnection(admin))
        {
            await c.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", c).ExecuteNonQueryAsync();
            await new NpgsqlCommand($"CREATE DATABASE {name}", c).ExecuteNonQueryAsync();
        }
        var target = DatabaseTarget.Parse(new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString());
        await Database.MigrateAsync(target, default);
        var actor = Actor.Operator("bench");
        var clock = Stopwatch.StartNew();
        Guid cn, mm;
        await using (var db = Database.Open(target))
        {
            var agreement = await ImportAgreement.FromFileAsync(db, actor, Path.Combine(Dataset.FindRepositoryRoot(), "testdata", "muse", "agreement.json"), default);
            await AcceptAgreement.ForEveryPartyAsync(db, actor, agreement.Id, default);
            cn = (await db.Agencies.SingleAsync(a => a.Code == "CN-MPS")).Id;
            mm = (await db.Agencies.SingleAsync(a => a.Code == "MM-MPF")).Id;
            // The wanted list's rows, for the size of the database the reports run in (they never read them).
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "WantedPersons" ("Id", "AgencyId", "CreatedAt", "WantedId", "Name", "NameLatin", "Sex", "BirthDate", "Nationality", "IdType", "IdNumber", "Revision", "Withdrawn")
                SELECT gen_random_uuid(), {0}, now(), 'W' || lpad(g::text, 9, '0'), '王' || g, 'WANG ' || g, CASE WHEN g % 2 = 0 THEN 'M' ELSE 'F' END,
                       (date '1960-01-01' + (g % 15000))::text, 'CHN', 'CN-RIC', lpad((g::bigint * 7919 % 1000000000000)::text, 18, '1'), 1, false
                FROM generate_series(1, {1}) AS g
                """, cn, identities);
        }
        log.WriteLine(Inv($"{identities:N0} wanted rows: {clock.Elapsed.TotalSeconds:0} s"));

        clock.Restart();
        var random = new Random(7);
        string[] ports = ["Ruili", "Mangshi", "Lancang"];
        string[] provinces = ["11", "13", "23", "32", "33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "61", "62", "14", "15", "21", "22"];
        var start = new DateTime(2023, 1, 10, 0, 0, 0, DateTimeKind.Utc);
        for (var o = 0; o < operations; o++)
        {
            await using var db = Database.Open(target);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var raid = start.AddDays(o * 1_400.0 / operations);
            var lead = new Lead { AgencyId = cn, Code = Inv($"CN-LEAD-{o:D3}"), ToAgencyId = mm, HandlingCode = Handling.H3, CreatedAt = raid.AddDays(-20) };
            var operation = new Operation { AgencyId = mm, Code = Inv($"OP-{raid:yyyy}-{o:D3}"), LeadId = lead.Id, CreatedAt = raid };
            var key = new Target { AgencyId = cn, LeadId = lead.Id, TargetId = Inv($"T{o:D3}"), Role = TargetRole.Leader };
            var handover = new Handover
            {
                AgencyId = mm,
                OperationId = operation.Id,
                ToAgencyId = cn,
                Port = ports[o % ports.Length],
                Date = DateOnly.FromDateTime(raid.AddDays(5)),
                State = HandoverState.Received,
                DispatchedAt = raid.AddDays(5),
                ReceivedAt = raid.AddDays(5),
            };
            db.AddRange(lead, operation, key, handover);
            for (var p = 0; p < arrested; p++)
            {
                var chinese = p < handed;
                var person = new Concord.Core.Domain.Person { AgencyId = mm, OperationId = operation.Id, Nationality = chinese ? "CHN" : "MMR", CustodyAgencyId = chinese ? cn : mm, CustodyState = CustodyState.Decided, CreatedAt = raid };
                db.Add(person);
                db.Add(new RosterRecord { AgencyId = mm, OperationId = operation.Id, PersonId = person.Id, RosterNo = Inv($"R{p:D5}"), Name = Inv($"李{o}-{p}"), Nationality = person.Nationality, ArrestedAt = raid });
                if (!chinese) continue;
                db.Add(new HandoverPerson { HandoverId = handover.Id, PersonId = person.Id, Status = HandoverPersonStatus.Received });
                db.Add(new Assignment { AgencyId = cn, PersonId = person.Id, HandoverId = handover.Id, ProvinceCode = random.Next(40) == 0 ? null : provinces[random.Next(provinces.Length)], Method = "id-number" });
                if (random.Next(16) == 0) db.Add(new PersonLink { AgencyId = mm, PersonId = person.Id, Kind = LinkKind.Wanted, CandidateId = Guid.CreateVersion7(), CandidateRef = "W", DecidedBy = "records" });
                if (random.Next(40) == 0) db.Add(new PersonLink { AgencyId = mm, PersonId = person.Id, Kind = LinkKind.Target, CandidateId = key.Id, CandidateRef = key.TargetId, DecidedBy = "records" });
            }
            await db.SaveChangesAsync();
        }
        await using (var db = Database.Open(target))
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }
        log.WriteLine(Inv($"{operations} operations, {operations * arrested:N0} arrested, {operations * handed:N0} handed over: {clock.Elapsed.TotalSeconds:0} s"));

        var coordinator = new Actor("bench coordinator", cn, new HashSet<Guid> { cn });
        var reads = new NoReads();
        foreach (var (what, run) in new (string, Func<ConcordDbContext, Task>)[]
        {
            ("cumulative report (concord report cumulative, GET /api/v1/reports/cumulative)", db => CumulativeReport.BuildAsync(db, coordinator, reads, default)),
            ("dashboard (operations list, dens of the newest, cumulative figures)", db => Dashboard.BuildAsync(db, coordinator, null, reads, default)),
            ("before: the dashboard's figures with handovers, received persons and assignments read into memory", db => Before(db, coordinator)),
        })
        {
            var times = new double[runs];
            for (var i = -3; i < runs; i++)
            {
                await using var db = Database.Open(target);
                var sw = Stopwatch.StartNew();
                await run(db);
                if (i >= 0) times[i] = sw.Elapsed.TotalMilliseconds;
            }
            Array.Sort(times);
            log.WriteLine(Inv($"{what}: p50 {Scale.ScaleBenchmark.Percentile(times, 0.5):0} ms, p95 {Scale.ScaleBenchmark.Percentile(times, 0.95):0} ms over {runs} runs"));
        }
        await using (var db = Database.Open(target))
        {
            var r = await CumulativeReport.BuildAsync(db, coordinator, reads, default);
            log.WriteLine(CumulativeReport.ToText(r, "en").TrimEnd());
        }
    }

    /// <summary>The cumulative figures as the dashboard computed them before the cumulative report.</summary>
    private static async Task<int> Before(ConcordDbContext db, Actor actor)
    {
        var operations = await OperationViews.VisibleAsync(db, actor, default);
        var ids = operations.Select(o => o.Id).ToList();
        var persons = await db.Persons.AsNoTracking().Where(p => p.OperationId != null && ids.Contains(p.OperationId.Value))
            .GroupBy(p => p.OperationId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key!.Value, x => x.Count);
        var handovers = await db.Handovers.AsNoTracking().Where(h => ids.Contains(h.OperationId)).Select(h => new { h.Id, h.Date, h.OperationId }).ToListAsync();
        var handoverIds = handovers.Select(h => h.Id).ToList();
        var received = await db.HandoverPersons.AsNoTracking().Where(p => handoverIds.Contains(p.HandoverId) && p.Status == HandoverPersonStatus.Received)
            .GroupBy(p => p.HandoverId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        var assignments = await db.Assignments.AsNoTracking().Where(a => handoverIds.Contains(a.HandoverId)).Select(a => new { a.HandoverId, a.ProvinceCode }).ToListAsync();
        var operationAgencies = operations.Select(o => o.AgencyId).Distinct().ToList();
        var fugitives = await db.PersonLinks.AsNoTracking().Where(l => l.Kind == LinkKind.Wanted && operationAgencies.Contains(l.AgencyId))
            .Where(l => db.Persons.Any(p => p.Id == l.PersonId && p.OperationId != null && ids.Contains(p.OperationId.Value)))
            .Select(l => l.PersonId).Distinct().CountAsync();
        return persons.Count + received.Count + assignments.GroupBy(a => a.ProvinceCode).Count() + fugitives;
    }

    private sealed class NoReads : IReadAudit
    {
        public Task RecordAsync(Actor actor, string action, string? entityType = null, Guid? entityId = null, string? details = null, CancellationToken ct = default) => Task.CompletedTask;
    }

    private static int Number(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string? Text(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
