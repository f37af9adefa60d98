using System.Diagnostics;
using System.Globalization;
using Concord.Cli.Cli;
using Concord.Cli.Web;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Agreements;
using Concord.Core.Features.Federation;
using Concord.Core.Features.Leads;
using Concord.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Concord.Bench.Federation;

/// <summary>
/// Two nodes on loopback, each its own SQLite database and key: China's node signs packets and pushes them over HTTP to
/// Myanmar's, a real web host, which verifies and applies them and answers. Times, beside the same work on one node
/// (the lead entered where both agencies live, no packet): the Muse lead end to end, then a stream of small leads:
/// signing, the exchange (send, verify, apply, answer), and verifying alone.
/// </summary>
internal static class FederationLoad
{
    public static void Run(string[] args, TextWriter log) => RunAsync(args, log).GetAwaiter().GetResult();

    private static async Task RunAsync(string[] args, TextWriter log)
    {
        var leads = Number(args, "--leads", 2_000);
        var targets = Number(args, "--targets", 5);
        var rounds = Number(args, "--rounds", 3);
        var port = Number(args, "--port", 5390);
        var sample = DemoWorkspace.SampleDirectory;
        var dir = Directory.CreateTempSubdirectory("concord-bench-federation-").FullName;
        log.WriteLine(Inv($"federation: {leads} leads of 1 den and {targets} targets each, {rounds} rounds; Muse lead from {sample}; {dir}"));
        var operatorActor = Actor.Operator("bench");

        // The one-node baseline: both agencies on the node, the lead entered with no packet.
        var lone = new List<double>();
        var loneStream = new List<double>();
        for (var r = 0; r < rounds; r++)
        {
            var target = DatabaseTarget.Parse(Path.Combine(dir, $"one-{r}.db"));
            await Database.MigrateAsync(target, default);
            await using var db = Database.Open(target);
            await AgreementAsync(db, sample);
            var watch = Stopwatch.StartNew();
            await ImportLead.RunAsync(db, operatorActor, MuseLead(sample), default);
            lone.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            await StreamAsync(db, leads, targets, r);
            loneStream.Add(watch.Elapsed.TotalMilliseconds);
        }

        var muse = new List<double>();
        var sign = new List<double>();
        var exchange = new List<double>();
        var verify = new List<double>();
        long bundleBytes = 0;
        for (var r = 0; r < rounds; r++)
        {
            await using var pair = await LoopbackPair.StartAsync(dir, Inv($"lead-{r}"), Inv($"http://127.0.0.1:{port + r}"), db => AgreementAsync(db, sample));
            var (cnKey, mmKey, cnTarget, mmTarget) = (pair.CnKey, pair.MmKey, pair.Cn, pair.Mm);
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            await using var db = Database.Open(cnTarget);

            // The Muse lead: entered on China's node (queued), signed, sent, verified and applied on Myanmar's, answered.
            var watch = Stopwatch.StartNew();
            await ImportLead.RunAsync(db, operatorActor, MuseLead(sample), default);
            var e = await Links.ExchangeAsync(db, operatorActor, cnKey, "MM-MPF-NODE", http, null, default);
            muse.Add(watch.Elapsed.TotalMilliseconds);
            if (e.Answer.Acknowledged != 1) throw new InvalidOperationException("the Muse lead was not applied");

            // The stream: queued with their leads, then signed (the export), then the exchange that carries them.
            await StreamAsync(db, leads, targets, r);
            watch.Restart();
            var (bundle, signed) = await Bundles.ExportAsync(db, operatorActor, cnKey, "MM-MPF-NODE", default);
            sign.Add(watch.Elapsed.TotalMilliseconds);
            bundleBytes = bundle.Length;
            if (signed != leads) throw new InvalidOperationException(Inv($"{signed} packets signed, not {leads}"));
            // Verifying alone, as `packets verify` does: the bundle's signature and each packet's.
            await using (var mmDb = Database.Open(mmTarget))
            {
                watch.Restart();
                var content = await Bundles.OpenAsync(mmDb, mmKey, bundle, "bench.cpk", default);
                var partner = await mmDb.Partners.AsNoTracking().SingleAsync();
                var key = NoteKey.Parse(partner.VerifierKey);
                var good = content.Packets.Count(w => PacketSeal.Read(w) is { Envelope: not null } read && PacketSeal.Verifies(key, read.Canonical, w.Signature));
                verify.Add(watch.Elapsed.TotalMilliseconds);
                if (good != leads) throw new InvalidOperationException(Inv($"{good} packets verify, not {leads}"));
            }
            watch.Restart();
            var pushed = await Links.ExchangeAsync(db, operatorActor, cnKey, "MM-MPF-NODE", http, null, default);
            exchange.Add(watch.Elapsed.TotalMilliseconds);
            if (pushed.Answer.Acknowledged != leads) throw new InvalidOperationException(Inv($"{pushed.Answer.Acknowledged} acknowledged, not {leads}"));
        }

        // The whole Muse cooperation, lead to assignment, on one node and on two.
        var museOne = new List<double>();
        var museTwo = new List<MuseFlow.Timing>();
        for (var r = 0; r < rounds; r++)
        {
            museOne.Add(await MuseFlow.OneNodeAsync(sample, DatabaseTarget.Parse(Path.Combine(dir, $"muse-one-{r}.db")), db => AgreementAsync(db, sample)));
            museTwo.Add(await MuseFlow.TwoNodesAsync(sample, dir, r, Inv($"http://127.0.0.1:{port + 50 + r}"), db => AgreementAsync(db, sample)));
        }

        log.WriteLine();
        log.WriteLine("| the Muse cooperation, lead to assignment (807 arrested, 352 handed over) | one node (no packets) | two nodes over loopback HTTP |");
        log.WriteLine("|---|---:|---:|");
        log.WriteLine(Inv($"| end to end, both sides' steps and the same reviewer's decisions | {Median(museOne):0} ms | {Median(museTwo.Select(t => t.Total).ToList()):0} ms |"));
        log.WriteLine(Inv($"| of which the five exchanges over the link (sign, send, verify, apply, answer) | – | {Median(museTwo.Select(t => t.Exchanges).ToList()):0} ms |"));
        log.WriteLine(Inv($"| packets on China's node (sent and received), their envelopes | – | {museTwo[0].Packets} packets, {museTwo[0].Bytes / 1024.0 / 1024:0.0} MB |"));

        log.WriteLine();
        log.WriteLine("| what | one node (no packets) | two nodes over loopback HTTP |");
        log.WriteLine("|---|---:|---:|");
        log.WriteLine(Inv($"| Muse lead (12 dens, 63 targets) entered and in the partner's records | {Median(lone):0} ms | {Median(muse):0} ms |"));
        log.WriteLine(Inv($"| {leads} small leads entered (one node) / queued, signed, exchanged, applied (two) | {Median(loneStream):0} ms | {Median(sign) + Median(exchange):0} ms |"));
        log.WriteLine();
        log.WriteLine("| step of the stream (two nodes) | median | packets per second |");
        log.WriteLine("|---|---:|---:|");
        log.WriteLine(Inv($"| sign {leads} packets into a bundle ({bundleBytes / 1024.0 / 1024:0.0} MB) | {Median(sign):0} ms | {leads / (Median(sign) / 1000):0} |"));
        log.WriteLine(Inv($"| verify the bundle and every packet, apply nothing | {Median(verify):0} ms | {leads / (Median(verify) / 1000):0} |"));
        log.WriteLine(Inv($"| exchange: send, verify, apply each lead once, answer | {Median(exchange):0} ms | {leads / (Median(exchange) / 1000):0} |"));
        log.WriteLine(Inv($"| one node: enter the same leads directly | {Median(loneStream):0} ms | {leads / (Median(loneStream) / 1000):0} |"));
        log.WriteLine(Inv($"(medians of {rounds} rounds; each round two fresh databases)"));
    }

    private static async Task AgreementAsync(ConcordDbContext db, string sample)
    {
        var imported = await ImportAgreement.FromFileAsync(db, Actor.Operator("bench"), Path.Combine(sample, "agreement.json"), default);
        await AcceptAgreement.ForEveryPartyAsync(db, Actor.Operator("bench"), imported.Id, default);
    }

    private static ImportLead.Request MuseLead(string sample) =>
        new(DemoWorkspace.Lead, "CN-MPS", "MM-MPF", "H3", Path.Combine(sample, "dens.csv"), Path.Combine(sample, "lead-targets.csv"));

    /// <summary>
    /// Enters <paramref name="count"/> small leads from CN-MPS to MM-MPF, each with one den and its targets (Chinese
    /// names, birth dates, ID numbers), audited, as the lead import enters them; queued for the partner when MM-MPF lives
    /// on another node.
    /// </summary>
    private static async Task StreamAsync(ConcordDbContext db, int count, int targets, int round)
    {
        var actor = Actor.Operator("bench");
        var from = await db.Agencies.SingleAsync(a => a.Code == "CN-MPS");
        var to = await db.Agencies.SingleAsync(a => a.Code == "MM-MPF");
        const string Surnames = "王李张刘陈杨黄赵吴周";
        for (var i = 0; i < count; i++)
        {
            var lead = new Lead { AgencyId = from.Id, Code = Inv($"BENCH-{round}-{i:00000}"), ToAgencyId = to.Id, HandlingCode = Handling.H2 };
            lead.Dens.Add(new Den { AgencyId = from.Id, LeadId = lead.Id, Code = Inv($"D{i:00000}"), Name = "园区", Latitude = 24.0 + i % 100 / 1000.0, Longitude = 97.9 });
            for (var t = 0; t < targets; t++)
                lead.Targets.Add(new Target
                {
                    AgencyId = from.Id,
                    LeadId = lead.Id,
                    TargetId = Inv($"T{i:00000}-{t}"),
                    Role = t == 0 ? TargetRole.Leader : TargetRole.Member,
                    Name = $"{Surnames[(i + t) % Surnames.Length]}伟{t}",
                    Sex = t % 2 == 0 ? "M" : "F",
                    BirthDate = Inv($"{1970 + (i + t) % 30}-0{1 + t % 9}-1{t % 9}"),
                    Nationality = "CHN",
                    IdType = "CN-RIC",
                    IdNumber = Inv($"53310219{1970 + (i + t) % 30}0{1 + t % 9}1{t % 9}{i % 1000:000}X"),
                    DenCode = Inv($"D{i:00000}"),
                });
            db.Leads.Add(lead);
            db.Record(actor, "lead.import", nameof(Lead), lead.Id, Inv($"{lead.Code} dens=1 targets={targets}"));
            if (to.Node is not null) LeadPackets.QueueLead(db, actor, lead, from, to);
            if (i % 200 == 199) await db.SaveChangesAsync();
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static int Number(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : fallback;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
