using System.Diagnostics;
using System.Globalization;
using Concord.Cli.Web;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Assignment;
using Concord.Core.Features.Custody;
using Concord.Core.Features.Federation;
using Concord.Core.Features.Handover;
using Concord.Core.Features.Intake;
using Concord.Core.Features.Leads;
using Concord.Core.Features.Operations;
using Concord.Core.Features.Reports;
using Concord.Core.Features.Seizures;
using Concord.Core.Features.Wanted;
using Concord.Core.Storage;
using Concord.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Concord.Bench.Federation;

/// <summary>
/// The whole Muse cooperation, lead to assignment, with the same reviewer's decisions (truth.json): on one node where
/// both agencies live, and on two nodes on loopback, China's in the bench process and Myanmar's a real web host, every
/// step on the node that does it and only packets between them (lead, roster-share, match-result, manifest, receipt,
/// assignment-notice), each exchange started by China's node over HTTP. Both runs must end with the seed's figures.
/// </summary>
internal static class MuseFlow
{
    private const string Op = "MUSE-2024-03";
    private const string Lead = "CN-LEAD-2024-017";

    public sealed record Timing(double Total, double Exchanges, int Packets, long Bytes);

    /// <summary>The flow on one node: no packet, both agencies' steps in one database.</summary>
    public static async Task<double> OneNodeAsync(string sample, DatabaseTarget target, Func<ConcordDbContext, Task> agreement)
    {
        var actor = Actor.Operator("bench");
        var reviewer = new MuseReviewer(Path.Combine(sample, "truth.json"));
        await Database.MigrateAsync(target, default);
        await using var db = Database.Open(target);
        await agreement(db);
        var watch = Stopwatch.StartNew();
        await ImportLead.RunAsync(db, actor, LeadRequest(sample), default);
        await ImportWantedList.RunAsync(db, actor, Path.Combine(sample, "wanted.csv"), "CN-MPS", default);
        await RaidAsync(db, actor, sample, reviewer);
        var handover = await DispatchAsync(db, actor);
        await ReceiveAsync(db, actor, sample, handover);
        await Assignments.RunAsync(db, actor, handover, default);
        var elapsed = watch.Elapsed.TotalMilliseconds;
        await CheckAsync(db, actor, reviewer, shared: false);
        return elapsed;
    }

    /// <summary>The flow on two nodes; China's node calls Myanmar's at <paramref name="url"/> for every exchange.</summary>
    public static async Task<Timing> TwoNodesAsync(string sample, string dir, int round, string url, Func<ConcordDbContext, Task> agreement)
    {
        var actor = Actor.Operator("bench");
        var reviewer = new MuseReviewer(Path.Combine(sample, "truth.json"));
        await using var pair = await LoopbackPair.StartAsync(dir, $"muse-{round}", url, agreement);
        var cnKey = pair.CnKey;
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        await using var cn = Database.Open(pair.Cn);
        await using var mm = Database.Open(pair.Mm);
        double exchanges = 0;
        async Task ExchangeAsync()
        {
            var w = Stopwatch.StartNew();
            await Links.ExchangeAsync(cn, actor, cnKey, "MM-MPF-NODE", http, null, default);
            exchanges += w.Elapsed.TotalMilliseconds;
        }

        var watch = Stopwatch.StartNew();
        await ImportLead.RunAsync(cn, actor, LeadRequest(sample), default);
        await ImportWantedList.RunAsync(cn, actor, Path.Combine(sample, "wanted.csv"), "CN-MPS", default);
        await ExchangeAsync();
        await RaidAsync(mm, actor, sample, reviewer);
        await RosterPackets.ShareAsync(mm, actor, Op, null, default);
        await ExchangeAsync();
        await MatchOperation.RunAsync(cn, actor, Op, null, default);
        await reviewer.DecideAllAsync(cn, actor, Op);
        await RosterPackets.AnswerAsync(cn, actor, Op, default);
        await ExchangeAsync();
        var handover = await DispatchAsync(mm, actor);
        await ExchangeAsync();
        await ReceiveAsync(cn, actor, sample, handover);
        await Assignments.RunAsync(cn, actor, handover, default);
        await ExchangeAsync();
        var elapsed = watch.Elapsed.TotalMilliseconds;

        await CheckAsync(mm, actor, reviewer, shared: false);
        await CheckAsync(cn, actor, reviewer, shared: true);
        var sent = await cn.Packets.AsNoTracking().Select(p => p.Envelope.Length).ToListAsync();
        return new Timing(elapsed, exchanges, sent.Count, sent.Sum(l => (long)l));
    }

    private static ImportLead.Request LeadRequest(string sample) =>
        new(Lead, "CN-MPS", "MM-MPF", "H3", Path.Combine(sample, "dens.csv"), Path.Combine(sample, "lead-targets.csv"));

    /// <summary>The raiding agency's part: the operation, its files, matching and its reviewer.</summary>
    private static async Task RaidAsync(ConcordDbContext db, Actor actor, string sample, MuseReviewer reviewer)
    {
        await CreateOperation.RunAsync(db, actor, Op, Lead, "MM-MPF", default);
        await ImportRoster.RunAsync(db, actor, Path.Combine(sample, "roster.csv"), Op, default);
        await ImportSeizures.RunAsync(db, actor, Path.Combine(sample, "seizures.csv"), Op, default);
        await MatchOperation.RunAsync(db, actor, Op, null, default);
        await reviewer.DecideAllAsync(db, actor, Op);
    }

    private static async Task<Guid> DispatchAsync(ConcordDbContext db, Actor actor)
    {
        await DecideCustody.RunAsync(db, actor, Op, default);
        var plan = await Handovers.PlanAsync(db, actor, Op, "CN-MPS", "Ruili", new DateOnly(2024, 3, 31), default);
        await Handovers.DispatchAsync(db, actor, plan.Id, default);
        return plan.Id;
    }

    /// <summary>The port: everyone received, each hashed item with the hash read from it.</summary>
    private static async Task ReceiveAsync(ConcordDbContext db, Actor actor, string sample, Guid handover)
    {
        var rest = await Handovers.ReceiveAsync(db, actor, handover, [], restReceived: true, "port", default);
        var items = rest.Items.Select(i => i.SeizureId).ToList();
        var itemNos = (await db.Seizures.AsNoTracking().Where(s => items.Contains(s.Id) && s.Sha256 != null).Select(s => s.ItemNo).ToListAsync()).ToHashSet(StringComparer.Ordinal);
        using var parser = new CsvHelper.CsvParser(new StreamReader(Path.Combine(sample, "seizures.csv")), CultureInfo.InvariantCulture);
        var lines = new List<Handovers.ReceiptLine>();
        parser.Read();
        while (parser.Read())
            if (itemNos.Contains(parser.Record![0])) lines.Add(new("item", parser.Record[0], "received", parser.Record[7], null, lines.Count + 2));
        var received = await Handovers.ReceiveAsync(db, actor, handover, lines, restReceived: false, "hashes", default);
        if (received.State != HandoverState.Received) throw new InvalidOperationException("the handover was not received whole");
    }

    /// <summary>The report on the node gives the seed's figures, or the run is refused.</summary>
    private static async Task CheckAsync(ConcordDbContext db, Actor actor, MuseReviewer reviewer, bool shared)
    {
        var r = await OperationReport.BuildAsync(db, actor, Op, db.ReadsIn(), default);
        var (arrested, byNationality) = shared ? (r.ReportedBy!.Arrested, r.ReportedBy.ByNationality) : (r.Arrested.Persons, r.Arrested.ByNationality);
        var truth = reviewer.Truth;
        var handover = r.Handovers.Single();
        var figures = (arrested, byNationality["MMR"], byNationality["CHN"], r.KeyFigures.Total, r.Fugitives.Confirmed, handover.Port, handover.Persons, handover.Status, r.Assignments.Unknown);
        var expected = (truth.GetProperty("arrested_persons").GetInt32(), 455, 352, truth.GetProperty("key_figures").GetInt32(), truth.GetProperty("fugitives").GetInt32(),
            "Ruili", 352, "received", truth.GetProperty("province_unknown").GetInt32());
        if (figures != expected) throw new InvalidOperationException($"the run did not give the seed's figures: {figures} instead of {expected}");
    }
}
