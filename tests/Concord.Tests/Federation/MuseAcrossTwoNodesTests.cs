using System.Buffers;
using Concord.Core;
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
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Concord.Tests.Federation;

/// <summary>
/// The Muse operation across two nodes that share nothing but packets, carried on bundles, or over the link. Myanmar's node raids,
/// matches the lead's targets itself and sends China's node the roster rows of the Chinese nationals; China's node
/// matches them against its wanted list, its reviewer decides there, and it answers with who is wanted and who is which
/// target. Myanmar's node dispatches the handover at Ruili with a signed manifest; China's port officer checks it and
/// China's node signs the receipt, on which Myanmar's node moves custody (a receipt with a wrong hash is refused
/// whole); China assigns the persons to bureaus and tells Myanmar's node where each went. Each node's report then gives
/// the seed's figures from its own records, and Myanmar's database holds nothing of China's wanted list.
/// </summary>
public sealed class MuseAcrossTwoNodesTests(ITestOutputHelper output)
{
    private const string Lead = "CN-LEAD-2024-017";
    private const string Op = "MUSE-2024-03";
    private static readonly Core.Auditing.Actor Operator = Scenario.Operator;
    private static readonly MuseReviewer Reviewer = new(Repo.Muse("truth.json"));

    /// <summary>China's node on each provider (Myanmar's on SQLite), packets carried on bundles only, or over the link only.</summary>
    public static TheoryData<string, string> ProvidersAndTransports => new() { { "sqlite", "bundles" }, { "postgres", "bundles" }, { "sqlite", "link" }, { "postgres", "link" } };

    [Theory]
    [MemberData(nameof(ProvidersAndTransports))]
    public async Task TheWantedListStaysOnItsNode_AndTheSeedFiguresComeOutOnBoth(string provider, string transport)
    {
        await using var nodes = await TwoNodes.CreateAsync(provider, link: transport == "link");
        await using (var db = nodes.Cn.Open())
        {
            await ImportLead.RunAsync(db, Operator, new ImportLead.Request(Lead, "CN-MPS", "MM-MPF", "H3", Repo.Muse("dens.csv"), Repo.Muse("lead-targets.csv")), default);
            await ImportWantedList.RunAsync(db, Operator, Repo.Muse("wanted.csv"), "CN-MPS", default);
        }
        Assert.Equal(1, (await nodes.CarryAsync(nodes.Cn, nodes.Mm)).Applied);

        // Myanmar's node: the raid's files, matching against the lead's targets (it has no wanted list), its reviewer.
        await using (var db = nodes.Mm.Open())
        {
            await CreateOperation.RunAsync(db, Operator, Op, Lead, "MM-MPF", default);
            await ImportRoster.RunAsync(db, Operator, Repo.Muse("roster.csv"), Op, default);
            await ImportSeizures.RunAsync(db, Operator, Repo.Muse("seizures.csv"), Op, default);
            var match = await MatchOperation.RunAsync(db, Operator, Op, null, default);
            output.WriteLine($"Myanmar's node: {match}");
            Assert.Equal(807, match.Persons);
            Assert.Equal(0, await db.WantedPersons.CountAsync());
            var reviewed = await Reviewer.DecideAllAsync(db, Operator, Op);
            output.WriteLine($"Myanmar's reviewer: {reviewed}");

            var shared = await RosterPackets.ShareAsync(db, Operator, Op, null, default);
            Assert.Equal(("CN-MPS", 352, 0), (shared.To, shared.Persons, shared.AlreadyShared));
            Assert.True(shared.Seizures > 0);
            // Refused: a roster shared with an agency this node hosts, and an answer about a roster no partner shared.
            var local = await Assert.ThrowsAsync<ConcordException>(() => RosterPackets.ShareAsync(db, Operator, Op, "MM-MPF", default));
            Assert.Contains("MM-MPF is hosted on this node", local.Message, StringComparison.Ordinal);
            var own = await Assert.ThrowsAsync<ConcordException>(() => RosterPackets.AnswerAsync(db, Operator, Op, default));
            Assert.Contains($"operation {Op} is not a roster a partner node shared", own.Message, StringComparison.Ordinal);
            // Sharing again sends no one twice.
            var again = await RosterPackets.ShareAsync(db, Operator, Op, null, default);
            Assert.Equal((0, 352, (Guid?)null), (again.Persons, again.AlreadyShared, again.PacketId));
        }
        var toCn = await nodes.CarryAsync(nodes.Mm, nodes.Cn);
        Assert.Equal(0, toCn.Refused);

        // China's node: its copy of the shared roster, matched against its own list, decided by its reviewer.
        RosterPackets.Answered answer;
        await using (var db = nodes.Cn.Open())
        {
            var copy = await db.Operations.SingleAsync(o => o.Code == Op);
            var persons = await db.Persons.Where(p => p.OperationId == copy.Id).ToListAsync();
            Assert.Equal(352, persons.Count);
            Assert.All(persons, p => Assert.Equal("CHN", p.Nationality));
            Assert.Equal(0, await db.RosterRecords.CountAsync(r => r.OperationId == copy.Id && r.Nationality != "CHN"));
            // No Burmese national's record crossed.
            var burmese = Rows("roster.csv").Where(c => c[6] is "MMR" or "Myanmar" or "缅甸").Select(c => c[0]).ToHashSet();
            Assert.Equal(455, burmese.Count);
            Assert.False(await db.RosterRecords.AnyAsync(r => burmese.Contains(r.RosterNo)));

            // Before review, an answer says who is still in review.
            var match = await MatchOperation.RunAsync(db, Operator, Op, null, default);
            output.WriteLine($"China's node: {match}");
            var early = await RosterPackets.AnswerAsync(db, Operator, Op, default);
            Assert.Equal(352, early.Persons + early.Pending);
            Assert.True(early.Pending > 0);
            var reviewed = await Reviewer.DecideAllAsync(db, Operator, Op);
            output.WriteLine($"China's reviewer: {reviewed}");
            answer = await RosterPackets.AnswerAsync(db, Operator, Op, default);
            Assert.Equal((352, 51, 0, "MM-MPF"), (answer.Persons, answer.Wanted, answer.Pending, answer.To));
            // A result about an H3 lead's operation sent under H0 would let the receiver pass it on: refused there.
            var lowered = (await db.Packets.SingleAsync(p => p.PacketId == answer.PacketId)).Envelope;
            var body = System.Text.Json.JsonSerializer.Deserialize<PacketEnvelope>(lowered, PacketSeal.Json)!.BodyAs<RosterPackets.ResultBody>();
            Packets.Queue(db, Operator, "match-result", await db.Agencies.SingleAsync(a => a.Code == "CN-MPS"), await db.Agencies.SingleAsync(a => a.Code == "MM-MPF"), "H0", body);
            await db.SaveChangesAsync();
        }
        var toMm = await nodes.CarryAsync(nodes.Cn, nodes.Mm);
        Assert.Equal((1, 2), (toMm.Refused, toMm.Applied));
        await using (var db = nodes.Mm.Open())
            Assert.Contains("handling code H0 is below H3", (await db.Packets.SingleAsync(p => p.State == PacketState.Refused)).Reason, StringComparison.Ordinal);

        await using (var db = nodes.Mm.Open())
        {
            var report = await OperationReport.BuildAsync(db, Operator, Op, db.ReadsIn(), default);
            Assert.Equal(807, report.Arrested.Persons);
            Assert.Equal((455, 352), (report.Arrested.ByNationality["MMR"], report.Arrested.ByNationality["CHN"]));
            Assert.Equal((21, 3, 6, 12), (report.KeyFigures.Total, report.KeyFigures.ByRole["financier"], report.KeyFigures.ByRole["leader"], report.KeyFigures.ByRole["backbone"]));
            Assert.Equal((51, 0), (report.Fugitives.Confirmed, report.Fugitives.PendingReview));
            // The fugitives are exactly the truth's, each linked to the agency whose list it is, and no more.
            var fugitives = Reviewer.Truth.GetProperty("fugitive_pairs").EnumerateArray().SelectMany(p => p[0].EnumerateArray().Select(r => r.GetString()!)).ToHashSet();
            var linked = await db.PersonLinks.Where(l => l.Kind == LinkKind.Wanted).Select(l => new { l.PersonId, l.CandidateRef, l.DecidedBy }).ToListAsync();
            Assert.All(linked, l => Assert.Equal(("CN-MPS", "CN-MPS (CN-MPS-NODE)"), (l.CandidateRef, l.DecidedBy)));
            var linkedRows = await db.RosterRecords.Where(r => linked.Select(l => l.PersonId).Contains(r.PersonId)).Select(r => r.RosterNo).ToListAsync();
            Assert.All(linkedRows, r => Assert.Contains(r, fugitives));
            // The answer sent before review and the one after.
            Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "match.receive"));
        }
        // The same answer again changes nothing.
        await using (var db = nodes.Cn.Open()) await RosterPackets.AnswerAsync(db, Operator, Op, default);
        await nodes.CarryAsync(nodes.Cn, nodes.Mm);
        await using (var db = nodes.Mm.Open())
            Assert.Equal(51, await db.PersonLinks.CountAsync(l => l.Kind == LinkKind.Wanted));

        // The handover: planned and dispatched on Myanmar's node, the signed manifest carried to China's.
        Guid handoverId;
        await using (var db = nodes.Mm.Open())
        {
            await DecideCustody.RunAsync(db, Operator, Op, default);
            var plan = await Handovers.PlanAsync(db, Operator, Op, "CN-MPS", "Ruili", new DateOnly(2024, 3, 31), default);
            handoverId = plan.Id;
            Assert.Equal(352, plan.Persons.Count);
            await Handovers.DispatchAsync(db, Operator, handoverId, default);
            Assert.Equal(1, await db.Packets.CountAsync(p => p.Type == "manifest" && p.State == PacketState.Queued));
        }
        Assert.Equal((1, 0), ((await nodes.CarryAsync(nodes.Mm, nodes.Cn)).Applied, 0));

        // China's port officer checks persons and items against the manifest on China's node.
        var truth = Reviewer.Truth;
        await using (var db = nodes.Cn.Open())
        {
            var h = await Handovers.FindAsync(db, Operator, handoverId, default, readOnly: true);
            Assert.Equal((HandoverState.Dispatched, "Ruili", new DateOnly(2024, 3, 31)), (h.State, h.Port, h.Date));
            Assert.Equal((352, truth.GetProperty("handover_items").GetInt32()), (h.Persons.Count, h.Items.Count));
            var rest = await Handovers.ReceiveAsync(db, Operator, handoverId, [], restReceived: true, "port", default);
            Assert.Equal(HandoverState.Dispatched, rest.State);
            // A faulty node's receipt, signed with China's key, that says an item arrived with another hash than the manifest's: refused whole.
            var items = await db.Seizures.Where(s => rest.Items.Select(i => i.SeizureId).Contains(s.Id)).OrderBy(s => s.ItemNo).ToListAsync();
            var persons = await db.Persons.Where(p => rest.Persons.Select(x => x.PersonId).Contains(p.Id)).ToListAsync();
            var forged = new HandoverPackets.ReceiptBody(handoverId, DateTime.UtcNow,
                [.. persons.Select(p => new HandoverPackets.ReceiptPerson(p.Id, p.RosterNo!, "received", null))],
                [.. items.Select(s => new HandoverPackets.ReceiptItem(s.Id, s.ItemNo, "received", s == items.First(x => x.Sha256 is not null) ? new string('0', 64) : s.Sha256, null))]);
            var cnMps = await db.Agencies.SingleAsync(a => a.Code == "CN-MPS");
            var mmMpf = await db.Agencies.SingleAsync(a => a.Code == "MM-MPF");
            Packets.Queue(db, Operator, "receipt", cnMps, mmMpf, "H3", forged);
            await db.SaveChangesAsync();

            var hashes = Rows("seizures.csv").Where(c => items.Any(s => s.ItemNo == c[0] && s.Sha256 is not null))
                .Select((c, n) => new Handovers.ReceiptLine("item", c[0], "received", c[7], null, n + 2)).ToList();
            var received = await Handovers.ReceiveAsync(db, Operator, handoverId, hashes, restReceived: false, "hashes", default);
            Assert.Equal(HandoverState.Received, received.State);
            // The forged receipt and the port officer's.
            Assert.Equal(2, await db.Packets.CountAsync(p => p.Type == "receipt" && p.State == PacketState.Queued));
        }
        var receipts = await nodes.CarryAsync(nodes.Cn, nodes.Mm);
        Assert.Equal((1, 1), (receipts.Refused, receipts.Applied));
        await using (var db = nodes.Mm.Open())
        {
            var refusal = await db.Packets.SingleAsync(p => p.Type == "receipt" && p.State == PacketState.Refused);
            Assert.Contains("but the manifest recorded", refusal.Reason, StringComparison.Ordinal);
            var h = await db.Handovers.Include(x => x.Persons).Include(x => x.Items).SingleAsync(x => x.Id == handoverId);
            Assert.Equal(HandoverState.Received, h.State);
            Assert.All(h.Items, i => Assert.Equal(HandoverItemStatus.Received, i.Status));
            // Custody moved on Myanmar's node once it had checked China's receipt.
            var cnMps = await db.Agencies.SingleAsync(a => a.Code == "CN-MPS");
            Assert.Equal(352, await db.Persons.CountAsync(p => p.CustodyAgencyId == cnMps.Id));
            Assert.Equal(h.Items.Count, await db.Seizures.CountAsync(s => s.CustodyAgencyId == cnMps.Id));
        }

        // The printed receipt's QR code carries the signed receipt packet: read off the paper, it verifies offline on
        // either node (the receiving node's own packet, the partner's on the sending node); one character off, it does not.
        foreach (var node in new[] { nodes.Mm, nodes.Cn })
        {
            await using var db = node.Open();
            var paper = await HandoverPaper.ReceiptAsync(db, Operator, handoverId, db.ReadsIn(), Cli.Web.Text.UiText.Translate, default);
            var qr = HandoverPackets.ReceiptQr(handoverId, paper.Digest, (await HandoverPackets.SignedReceiptAsync(db, handoverId, default))!);
            Assert.Equal(qr, await QrOfFirstPageAsync(paper.Pdf));
            var check = await HandoverPackets.VerifyReceiptAsync(db, Operator, node.Key, qr, db.ReadsIn(), default);
            Assert.Equal(("CN-MPS-NODE", true, handoverId), (check.SignedBy, check.PaperMatches, check.Handover));
            var forged = qr[..^10] + (qr[^10] == 'A' ? 'B' : 'A') + qr[^9..];
            var refused = await Assert.ThrowsAsync<ConcordException>(() => HandoverPackets.VerifyReceiptAsync(db, Operator, node.Key, forged, db.ReadsIn(), default));
            Assert.Contains("does not verify", refused.Message, StringComparison.Ordinal);
        }

        // China assigns the persons to provincial bureaus; Myanmar's node is told where each went.
        await using (var db = nodes.Cn.Open())
            await Assignments.RunAsync(db, Operator, handoverId, default);
        Assert.Equal(1, (await nodes.CarryAsync(nodes.Cn, nodes.Mm)).Applied);

        // Each node's report, from its own records.
        var provinces = truth.GetProperty("by_province").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        foreach (var node in new[] { nodes.Mm, nodes.Cn })
        {
            await using var db = node.Open();
            var report = await OperationReport.BuildAsync(db, Operator, Op, db.ReadsIn(), default);
            output.WriteLine($"{node.Key.Name}: {System.Text.Json.JsonSerializer.Serialize(report)}");
            Assert.Equal((21, 51), (report.KeyFigures.Total, report.Fugitives.Confirmed));
            // Myanmar's node counts everyone it arrested; China's holds the 352 shared with it and Myanmar's own count beside them.
            var (arrested, byNationality) = node == nodes.Mm ? (report.Arrested.Persons, report.Arrested.ByNationality) : (report.ReportedBy!.Arrested, report.ReportedBy.ByNationality);
            Assert.Equal((807, 455, 352, "MM-MPF"), (arrested, byNationality["MMR"], byNationality["CHN"], report.Agency));
            Assert.Equal(node == nodes.Mm ? 807 : 352, report.Arrested.Persons);
            Assert.Equal(node == nodes.Mm, report.ReportedBy is null);
            var line = Assert.Single(report.Handovers);
            Assert.Equal(("CN-MPS", "Ruili", "2024-03-31", 352, "received"), (line.To, line.Port, line.Date, line.Persons, line.Status));
            Assert.Equal((truth.GetProperty("handover_items").GetInt32(), truth.GetProperty("handover_item_units").GetInt32()), (line.Items, line.Units));
            Assert.Equal(provinces, report.Assignments.ByProvince.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList());
            Assert.Equal(truth.GetProperty("province_unknown").GetInt32(), report.Assignments.Unknown);
        }

        // Every packet that crossed follows the published schemas of its envelope and body.
        foreach (var node in new[] { nodes.Cn, nodes.Mm })
        {
            await using var db = node.Open();
            var envelopes = await db.Packets.Select(p => new { p.Type, p.Envelope }).ToListAsync();
            Assert.Equal(["assignment-notice", "lead", "manifest", "match-result", "receipt", "roster-share"], envelopes.Select(e => e.Type).Distinct().Order(StringComparer.Ordinal));
            Assert.All(envelopes, e => Assert.Empty(PacketSchemas.Problems(e.Envelope)));
        }

        // Nothing of China's wanted list is in Myanmar's database: no list id anywhere, and no name or document number of
        // a wanted record that is not one of Myanmar's own arrestees.
        var leaked = await LeaksAsync(nodes.Mm.Database);
        Assert.True(leaked.Count == 0, "found in Myanmar's database: " + string.Join(", ", leaked.Take(10)));
    }

    [Fact]
    public void ABodyThatDoesNotFollowItsSchema_IsCaught()
    {
        var envelope = """
            {"body":{"operation":"MUSE-2024-03","pending":0,"persons":[{"id":"0190f3c1-0000-7000-8000-000000000001","target":null,"wanted":"yes"}]},
             "created":"2024-03-30T00:00:00Z","from_agency":"CN-MPS","from_node":"CN-MPS-NODE","handling":"H3","id":"0190f3c1-0000-7000-8000-000000000002",
             "in_reply_to":null,"to_agency":"MM-MPF","to_node":"MM-MPF-NODE","type":"match-result","version":1}
            """;
        Assert.Empty(PacketSchemas.Problems(envelope.Replace("\"yes\"", "true", StringComparison.Ordinal)));
        Assert.Contains(PacketSchemas.Problems(envelope), p => p.StartsWith("match-result /persons/0/wanted", StringComparison.Ordinal));
    }

    /// <summary>The QR code on a paper's first page, as zbar reads it from the page printed at 200 dpi.</summary>
    private static async Task<string> QrOfFirstPageAsync(byte[] pdf)
    {
        var dir = Directory.CreateTempSubdirectory("concord-receipt-").FullName;
        try
        {
            var file = Path.Combine(dir, "receipt.pdf");
            await File.WriteAllBytesAsync(file, pdf);
            await RunAsync("pdftoppm", "-r", "200", "-f", "1", "-l", "1", "-png", "-singlefile", file, Path.Combine(dir, "page"));
            return (await RunAsync("zbarimg", "--quiet", "--raw", Path.Combine(dir, "page.png"))).Trim();
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    private static async Task<string> RunAsync(string program, params string[] args)
    {
        var psi = new System.Diagnostics.ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, $"{program} exited {p.ExitCode}: {await stderr}");
        return await stdout;
    }

    /// <summary>The fields of each row of a Muse file, quotes read as CSV has them.</summary>
    private static List<string[]> Rows(string file)
    {
        using var parser = new CsvHelper.CsvParser(new StreamReader(Repo.Muse(file)), System.Globalization.CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        parser.Read();
        while (parser.Read()) rows.Add(parser.Record!);
        return rows;
    }

    /// <summary>Every string of China's wanted list that Myanmar's database holds beyond what its own roster wrote.</summary>
    private async Task<List<string>> LeaksAsync(TestDatabase mm)
    {
        var roster = Rows("roster.csv");
        // What Myanmar's node holds by right: its own arrestees, and the lead's targets that China's node sent it.
        var targets = Rows("lead-targets.csv");
        // Names, Latin names, aliases and document numbers: the same columns open both files.
        var own = roster.Concat(targets).SelectMany(c => new[] { c[1], c[2], c[8] }.Concat(c[3].Split([';', '|', '、', '/'])))
            .Select(x => x.Trim()).Where(x => x.Length > 0).ToHashSet(StringComparer.Ordinal);
        var wanted = Rows("wanted.csv");
        var secrets = wanted.SelectMany(c => new[] { c[0], c[1], c[2], c[8] }).Where(x => x.Length > 1 && !own.Contains(x)).Distinct(StringComparer.Ordinal).ToList();
        Assert.True(secrets.Count > 50_000, $"{secrets.Count} strings to look for");

        var text = new System.Text.StringBuilder();
        await using (var connection = new SqliteConnection($"Data Source={mm.Value}"))
        {
            await connection.OpenAsync();
            var tables = new List<string>();
            await using (var list = connection.CreateCommand())
            {
                list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
                await using var reader = await list.ExecuteReaderAsync();
                while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
            }
            foreach (var table in tables)
            {
                await using var select = connection.CreateCommand();
                select.CommandText = $"SELECT * FROM \"{table}\"";
                await using var reader = await select.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                    for (var i = 0; i < reader.FieldCount; i++)
                        if (!reader.IsDBNull(i) && reader.GetValue(i) is string s) text.Append(s).Append('\u0001');
            }
        }
        var all = text.ToString();
        output.WriteLine($"scanned {all.Length:N0} characters of Myanmar's database for {secrets.Count:N0} strings of the wanted list");
        Assert.Contains("MUSE-0001", all, StringComparison.Ordinal);
        var search = SearchValues.Create(secrets.ToArray(), StringComparison.Ordinal);
        var found = new List<string>();
        var span = all.AsSpan();
        var offset = 0;
        for (var at = span.IndexOfAny(search); at >= 0 && found.Count < 20; at = span.IndexOfAny(search))
        {
            var start = offset + at;
            var rest = all.AsSpan(start, Math.Min(80, all.Length - start)).ToString();
            // A whole value or word only: 杨良 inside 杨良伟, or HE GUI inside HE GUIMING, is another name.
            foreach (var s in secrets.Where(s => rest.StartsWith(s, StringComparison.Ordinal)))
            {
                var end = start + s.Length;
                if ((start == 0 || !char.IsLetterOrDigit(all[start - 1])) && (end == all.Length || !char.IsLetterOrDigit(all[end]))) found.Add(s);
            }
            offset = start + 1;
            span = all.AsSpan(offset);
        }
        return found;
    }
}
