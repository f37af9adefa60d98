using System.Globalization;
using System.Text.Json;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Concord.Tests.EndToEnd;

/// <summary>
/// The Muse sample through the whole flow with the command line, a reviewer deciding each queued proposal from
/// truth.json, and the seed report's figures read back from the records.
/// </summary>
public sealed class MuseOperationTests(ITestOutputHelper output)
{
    private const string Operation = "MUSE-2024-03";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task MuseSample_WholeFlow_ReproducesTruthFigures(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var cli = new ConcordCli(database.Value);
        var truth = JsonDocument.Parse(await File.ReadAllTextAsync(Repo.Muse("truth.json"))).RootElement;

        await cli.OkAsync("init");
        await cli.OkAsync("agreement", "import", Repo.Muse("agreement.json"));
        // Each party accepts the agreement; the node operator acts for each in turn.
        await cli.OkAsync("agreement", "accept", "CN-MM-TF-2023", "--agency", "CN-MPS");
        await cli.OkAsync("agreement", "accept", "CN-MM-TF-2023", "--agency", "MM-MPF");
        await cli.OkAsync("lead", "import", "--code", "CN-LEAD-2024-017", "--from", "CN-MPS", "--to", "MM-MPF", "--handling", "H3",
            "--dens", Repo.Muse("dens.csv"), "--targets", Repo.Muse("lead-targets.csv"));
        await cli.OkAsync("wanted", "import", Repo.Muse("wanted.csv"), "--agency", "CN-MPS");
        var op = await cli.OkAsync("operation", "create", Operation, "--lead", "CN-LEAD-2024-017", "--agency", "MM-MPF", "--json");
        Assert.True(Guid.TryParse(op.Json.GetProperty("id").GetString(), out _));
        await cli.OkAsync("roster", "import", Repo.Muse("roster.csv"), "--operation", Operation);
        await cli.OkAsync("seizures", "import", Repo.Muse("seizures.csv"), "--operation", Operation);
        var match = await cli.OkAsync("match", "--operation", Operation, "--json");
        output.WriteLine($"match: {match.Stdout}");

        // The reviewer: confirms exactly the pairs truth.json holds, rejects everything else.
        var truePairs = new HashSet<(string, string)>();
        foreach (var pair in truth.GetProperty("fugitive_pairs").EnumerateArray())
            foreach (var r in pair[0].EnumerateArray()) truePairs.Add((r.GetString()!, pair[1].GetString()!));
        foreach (var pair in truth.GetProperty("target_pairs").EnumerateArray())
            foreach (var r in pair[0].EnumerateArray()) truePairs.Add((r.GetString()!, pair[1].GetString()!));
        var duplicates = truth.GetProperty("duplicate_rows").EnumerateArray().Select(d => d.EnumerateArray().Select(x => x.GetString()!).ToHashSet()).ToList();
        var traps = truth.GetProperty("namesake_traps").EnumerateArray().Select(x => x.GetString()!).ToHashSet();

        // One task per person: the reviewer writes one decision a task into a file and decides the whole queue in one command.
        var queue = (await cli.OkAsync("review", "list", "--operation", Operation, "--json")).Json;
        var lines = new List<string> { "id,decision,candidate,reason" };
        int confirmed = 0, rejected = 0, candidates = 0;
        foreach (var task in queue.EnumerateArray())
        {
            var rosterNos = task.GetProperty("roster_nos").EnumerateArray().Select(x => x.GetString()!).ToList();
            Assert.Contains(task.GetProperty("kind").GetString(), new[] { "identity", "duplicate", "needs-identification" });
            string? truePick = null;
            foreach (var item in task.GetProperty("candidates").EnumerateArray())
            {
                candidates++;
                var candidate = item.GetProperty("candidate");
                var list = candidate.GetProperty("list").GetString()!;
                var candidateId = candidate.GetProperty("id").GetString()!;
                Assert.Contains(list, new[] { "wanted", "target", "person", "roster" });
                Assert.True(item.GetProperty("evidence").GetArrayLength() > 0, "every candidate shows its evidence");
                Assert.True(item.TryGetProperty("score", out _));
                var isTrue = list == "roster"
                    ? duplicates.Any(d => d.Contains(candidateId) && rosterNos.Any(d.Contains))
                    : rosterNos.Any(r => truePairs.Contains((r, candidateId)));
                if (isTrue) truePick ??= candidateId;
            }
            lines.Add(truePick is null ? $"{task.GetProperty("id").GetString()},reject,,e2e reviewer" : $"{task.GetProperty("id").GetString()},confirm,{truePick},e2e reviewer");
            if (truePick is null) rejected++; else confirmed++;
        }
        var decided = await cli.OkAsync("review", "decide", "--file", Scenario.WriteTemp("decisions.csv", lines), "--operation", Operation, "--json");
        Assert.Equal(confirmed + rejected, decided.Json.GetProperty("decisions").GetInt32());
        Assert.Equal(confirmed, decided.Json.GetProperty("confirmed").GetInt32());
        output.WriteLine($"reviewer decided {confirmed + rejected} tasks of {candidates} candidates in one file ({confirmed} confirmed, {rejected} rejected)");
        Assert.Empty((await cli.OkAsync("review", "list", "--operation", Operation, "--json")).Json.EnumerateArray());

        var custody = await cli.OkAsync("custody", "decide", "--operation", Operation, "--json");
        output.WriteLine($"custody: {custody.Stdout}");
        var plan = await cli.OkAsync("handover", "plan", "--operation", Operation, "--to", "CN-MPS", "--port", "Ruili", "--date", "2024-03-31", "--json");
        var handoverId = plan.Json.GetProperty("id").GetString()!;
        await cli.OkAsync("handover", "dispatch", handoverId);
        // "Rest received" leaves every item with a recorded hash pending; the port officer enters the hash read from each.
        var rest = await cli.OkAsync("handover", "receive", handoverId, "--all", "--json");
        var awaitingHash = rest.Json.GetProperty("awaiting_hash").EnumerateArray().Select(x => x.GetString()!).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(awaitingHash);
        Assert.Equal("dispatched", rest.Json.GetProperty("state").GetString());
        var hashes = File.ReadLines(Repo.Muse("seizures.csv")).Skip(1).Select(l => l.Split(',')).Where(c => awaitingHash.Contains(c[0]))
            .Select(c => $"item,{c[0]},received,{c[7]}").Prepend("kind,ref,status,sha256").ToList();
        Assert.Equal(awaitingHash.Count + 1, hashes.Count);
        var signed = await cli.OkAsync("handover", "receive", handoverId, "--file", Scenario.WriteTemp("receipt.csv", hashes), "--json");
        Assert.Equal("received", signed.Json.GetProperty("state").GetString());
        Assert.Empty(signed.Json.GetProperty("awaiting_hash").EnumerateArray());
        await cli.OkAsync("assign", "--handover", handoverId);

        var report = (await cli.OkAsync("report", "operation", Operation, "--json")).Json;
        output.WriteLine(report.ToString());
        var arrested = report.GetProperty("arrested");
        Assert.Equal(truth.GetProperty("arrested_persons").GetInt32(), arrested.GetProperty("persons").GetInt32());
        Assert.Equal(truth.GetProperty("roster_rows").GetInt32(), arrested.GetProperty("roster_rows").GetInt32());
        Assert.Equal(4, arrested.GetProperty("duplicates_merged").GetInt32());
        Assert.Equal(455, arrested.GetProperty("by_nationality").GetProperty("MMR").GetInt32());
        Assert.Equal(352, arrested.GetProperty("by_nationality").GetProperty("CHN").GetInt32());
        var key = report.GetProperty("key_figures");
        Assert.Equal(21, key.GetProperty("total").GetInt32());
        Assert.Equal(3, key.GetProperty("by_role").GetProperty("financier").GetInt32());
        Assert.Equal(6, key.GetProperty("by_role").GetProperty("leader").GetInt32());
        Assert.Equal(12, key.GetProperty("by_role").GetProperty("backbone").GetInt32());
        Assert.Equal(51, report.GetProperty("fugitives").GetProperty("confirmed").GetInt32());
        Assert.Equal(0, report.GetProperty("fugitives").GetProperty("pending_review").GetInt32());
        Assert.Equal(truth.GetProperty("seizure_items").GetInt32(), report.GetProperty("seizures").GetProperty("items").GetInt32());
        Assert.Equal(truth.GetProperty("seizure_units").GetInt32(), report.GetProperty("seizures").GetProperty("units").GetInt32());
        var handover = Assert.Single(report.GetProperty("handovers").EnumerateArray());
        Assert.Equal("CN-MPS", handover.GetProperty("to").GetString());
        Assert.Equal("Ruili", handover.GetProperty("port").GetString());
        Assert.Equal("2024-03-31", handover.GetProperty("date").GetString());
        Assert.Equal(352, handover.GetProperty("persons").GetInt32());
        Assert.Equal(truth.GetProperty("handover_items").GetInt32(), handover.GetProperty("items").GetInt32());
        Assert.Equal(truth.GetProperty("handover_item_units").GetInt32(), handover.GetProperty("units").GetInt32());
        Assert.Equal("received", handover.GetProperty("status").GetString());
        var provinces = report.GetProperty("assignments").GetProperty("by_province");
        var expected = truth.GetProperty("by_province").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        var actual = provinces.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.Equal(expected.OrderBy(kv => kv.Key, StringComparer.Ordinal), actual.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        Assert.Equal(truth.GetProperty("province_unknown").GetInt32(), report.GetProperty("assignments").GetProperty("unknown").GetInt32());

        // No namesake trap was ever confirmed, by the records or by the reviewer.
        await using var db = database.Open();
        var linked = db.PersonLinks.Where(l => l.Kind == Core.Domain.LinkKind.Wanted).Select(l => l.PersonId).ToHashSet();
        var trapPersons = db.RosterRecords.Where(r => traps.Contains(r.RosterNo)).Select(r => r.PersonId).ToList();
        Assert.DoesNotContain(trapPersons, linked.Contains);

        // The lead's targets: every one the raids took is arrested, the ones who escaped are still at large, none left in review.
        var lead = await db.Leads.Include(l => l.Targets).SingleAsync();
        var outcomes = await Core.Features.Leads.LeadViews.TargetOutcomesAsync(db, lead, default);
        Assert.Equal(truth.GetProperty("escaped_targets").GetInt32(), outcomes.Values.Count(o => o.State == "at_large"));
        Assert.Equal(lead.Targets.Count - truth.GetProperty("escaped_targets").GetInt32(), outcomes.Values.Count(o => o.State == "arrested"));
        Assert.All(outcomes.Values.Where(o => o.State == "arrested"), o => Assert.Equal(Operation, o.Operation));

        var escaped = truth.GetProperty("escaped_targets").GetInt32();
        var en = await cli.OkAsync("report", "operation", Operation);
        Assert.Contains($"Lead targets: {lead.Targets.Count}: {lead.Targets.Count - escaped} arrested, 0 in review, {escaped} still at large.", en.Stdout, StringComparison.Ordinal);
        var my = await cli.OkAsync("report", "operation", Operation, "--lang", "my");
        Assert.Contains("ဖမ်းဆီးရမိသူ 807 ဦး", my.Stdout, StringComparison.Ordinal);
        Assert.Contains("မြန်မာနိုင်ငံသား 455 ဦး", my.Stdout, StringComparison.Ordinal);
        Assert.Contains($"ဆက်လက် လွတ်မြောက်နေဆဲ {escaped} ဦး", my.Stdout, StringComparison.Ordinal);
        var zh = await cli.OkAsync("report", "operation", Operation, "--lang", "zh");
        Assert.Contains($"仍在逃 {escaped} 人", zh.Stdout, StringComparison.Ordinal);
        Assert.Contains("抓获 807 人", zh.Stdout, StringComparison.Ordinal);
        Assert.Contains("在 Ruili 口岸向 CN-MPS 移交 352 人", zh.Stdout, StringComparison.Ordinal);
        Assert.Contains("状态：已接收", zh.Stdout, StringComparison.Ordinal);

        // The persons list tells the same figures, filter by filter, and pages through everyone once.
        var persons = (await cli.OkAsync("persons", "list", "--operation", Operation, "--page-size", "100", "--json")).Json;
        Assert.Equal(807, persons.GetProperty("total").GetInt32());
        var counts = persons.GetProperty("counts");
        Assert.Equal((352, 455), (counts.GetProperty("nationality").GetProperty("CHN").GetInt32(), counts.GetProperty("nationality").GetProperty("MMR").GetInt32()));
        Assert.Equal((21, 3, 6, 12), (counts.GetProperty("role").GetProperty("key").GetInt32(), counts.GetProperty("role").GetProperty("financier").GetInt32(),
            counts.GetProperty("role").GetProperty("leader").GetInt32(), counts.GetProperty("role").GetProperty("backbone").GetInt32()));
        Assert.Equal(51, counts.GetProperty("fugitive").GetProperty("yes").GetInt32());
        Assert.Equal(352, (await cli.OkAsync("persons", "list", "--operation", Operation, "--nationality", "CHN", "--json")).Json.GetProperty("total").GetInt32());
        Assert.Equal(21, (await cli.OkAsync("persons", "list", "--operation", Operation, "--role", "key", "--json")).Json.GetProperty("total").GetInt32());
        Assert.Equal(51, (await cli.OkAsync("persons", "list", "--operation", Operation, "--fugitive", "true", "--json")).Json.GetProperty("total").GetInt32());
        var seen = new List<string>();
        for (var page = 1; page <= 9; page++)
            seen.AddRange((await cli.OkAsync("persons", "list", "--operation", Operation, "--page", page.ToString(CultureInfo.InvariantCulture), "--page-size", "100", "--json"))
                .Json.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetString()!));
        Assert.Equal(807, seen.Count);
        Assert.Equal(807, seen.Distinct(StringComparer.Ordinal).Count());
        // One person, found by the simplified and traditional characters, by pinyin in either order, and by roster number.
        foreach (var query in new[] { "胡敏刚", "胡敏剛", "hu mingang", "Mingang Hu", "MUSE-0001" })
        {
            var found = (await cli.OkAsync("persons", "list", "--operation", Operation, "--search", query, "--json")).Json.GetProperty("rows").EnumerateArray()
                .Select(r => r.GetProperty("roster_no").GetString()).ToList();
            Assert.True(found.Contains("MUSE-0001"), $"{query}: {string.Join(", ", found)}");
        }

        // The cumulative report over every operation (here one) agrees with the operation's, by year, port and province.
        var cumulative = (await cli.OkAsync("report", "cumulative", "--json")).Json;
        Assert.Equal(1, cumulative.GetProperty("operations").GetInt32());
        Assert.Equal(807, cumulative.GetProperty("arrested").GetInt32());
        Assert.Equal(352, cumulative.GetProperty("handed_over").GetInt32());
        var year = Assert.Single(cumulative.GetProperty("by_year").EnumerateArray());
        Assert.Equal((2024, 1, 807, 352), (year.GetProperty("year").GetInt32(), year.GetProperty("operations").GetInt32(), year.GetProperty("arrested").GetInt32(),
            year.GetProperty("handed_over").GetInt32()));
        var port = Assert.Single(cumulative.GetProperty("by_port").EnumerateArray());
        Assert.Equal(("Ruili", 352), (port.GetProperty("key").GetString(), port.GetProperty("persons").GetInt32()));
        Assert.Equal(expected.OrderBy(kv => kv.Key, StringComparer.Ordinal),
            cumulative.GetProperty("by_province").EnumerateArray().ToDictionary(p => p.GetProperty("key").GetString()!, p => p.GetProperty("persons").GetInt32()).OrderBy(kv => kv.Key, StringComparer.Ordinal));
        Assert.Equal(truth.GetProperty("province_unknown").GetInt32(), cumulative.GetProperty("province_unknown").GetInt32());
        var handedOver = db.HandoverPersons.Where(h => h.Status == Core.Domain.HandoverPersonStatus.Received).Select(h => h.PersonId).ToHashSet();
        Assert.Equal(handedOver.Count(linked.Contains), cumulative.GetProperty("fugitives").GetInt32());
        Assert.True(cumulative.GetProperty("fugitives").GetInt32() > 0);
        Assert.Contains("移交 352 人", (await cli.OkAsync("report", "cumulative", "--lang", "zh")).Stdout, StringComparison.Ordinal);

        var audit = await cli.OkAsync("audit", "verify", "--json");
        Assert.True(audit.Json.GetProperty("intact").GetBoolean());
    }
}
