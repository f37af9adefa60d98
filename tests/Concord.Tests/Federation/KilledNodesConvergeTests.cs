using System.Globalization;
using System.Text;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Federation;
using Concord.Core.Features.Leads;
using Concord.Core.Features.Operations;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Concord.Tests.Federation;

/// <summary>
/// A 10,000-arrest operation shared from Myanmar's node to China's in ten roster-share packets, carried on bundles by
/// the real <c>concord packets export</c> and <c>import</c> processes, which are killed at random points (25 kills a run,
/// 50 over the two providers, on either node, while signing, writing, checking or applying). After each kill the step is simply run again.
/// In the end both nodes agree: every packet applied once on China's node, acknowledged on Myanmar's, the 10,000 persons
/// each there once, and both audit trails whole.
/// </summary>
public sealed class KilledNodesConvergeTests(ITestOutputHelper output)
{
    private const string Op = "MUSE-2024-03";
    private const int Arrests = 10_000;
    private const int Batches = 10;
    /// <summary>Per provider: 50 kills in all over the two runs (China's node on SQLite, then on PostgreSQL).</summary>
    private const int Kills = 25;

    /// <summary>Rows of arrested Chinese nationals as a field clerk writes them: names in characters, ID numbers, the den.</summary>
    private static List<string> Roster(int from, int count)
    {
        const string Surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高";
        const string Given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂";
        var lines = new List<string> { "roster_no,name,sex,birth_date,nationality,id_type,id_number,den,arrested_at" };
        for (var i = from; i < from + count; i++)
        {
            var name = $"{Surnames[i % Surnames.Length]}{Given[i / Surnames.Length % Given.Length]}{Given[i / 400 % Given.Length]}";
            var birth = new DateOnly(1970 + i % 35, 1 + i % 12, 1 + i % 28);
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"K-{i:00000},{name},{(i % 2 == 0 ? "M" : "F")},{birth:yyyy-MM-dd},CHN,CN-RIC,{530102 + i % 7:000000}{birth:yyyyMMdd}{i % 1000:000}X,MUSE-D{1 + i % 12:00},2024-03-25T08:00:00+06:30"));
        }
        return lines;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task KilledAtRandomPoints_BothNodesConverge_NothingAppliedTwice_NothingLost(string provider)
    {
        var dir = Directory.CreateTempSubdirectory("concord-kills-").FullName;
        await using var cnDb = await TestDatabase.CreateAsync(provider);
        await using var mmDb = await TestDatabase.CreateAsync("sqlite");
        var cnKeyFile = Path.Combine(dir, "cn.key");
        var mmKeyFile = Path.Combine(dir, "mm.key");
        using var cnKey = NodeIdentity.Store.Create("CN-MPS-NODE", cnKeyFile).Key;
        using var mmKey = NodeIdentity.Store.Create("MM-MPF-NODE", mmKeyFile).Key;
        var op = Actor.Operator("test");
        foreach (var (database, self, other, agency) in new[] { (cnDb, cnKey, mmKey, "MM-MPF"), (mmDb, mmKey, cnKey, "CN-MPS") })
        {
            await using var db = database.Open();
            await Scenario.MuseAgreementAsync(db);
            await Partners.AddAsync(db, op, other.VerifierKey, null, [agency], self, default);
        }
        await using (var db = cnDb.Open())
            await ImportLead.RunAsync(db, op, new ImportLead.Request("CN-LEAD-2024-017", "CN-MPS", "MM-MPF", "H3", Repo.Muse("dens.csv"), Repo.Muse("lead-targets.csv")), default);
        await using (var cn = cnDb.Open())
        await using (var mm = mmDb.Open())
            await Bundles.ImportAsync(mm, mmKey, (await Bundles.ExportAsync(cn, op, cnKey, "MM-MPF-NODE", default)).File, "lead.cpk", default);
        // The raid's roster comes in in ten batches, each shared as it comes: ten roster-share packets of 1,000 persons.
        await using (var db = mmDb.Open())
        {
            await CreateOperation.RunAsync(db, op, Op, "CN-LEAD-2024-017", "MM-MPF", default);
            for (var b = 0; b < Batches; b++)
            {
                await ImportRoster.RunAsync(db, op, Scenario.WriteTemp($"roster-{b}.csv", Roster(b * Arrests / Batches, Arrests / Batches)), Op, default);
                Assert.Equal(Arrests / Batches, (await RosterPackets.ShareAsync(db, op, Op, null, default)).Persons);
            }
        }

        // The exchange, each step a process of its own, killed at a random moment until 50 kills are done.
        var random = new Random(20240331);
        int kills = 0, runs = 0;
        var killedAt = new Dictionary<string, int>(StringComparer.Ordinal);
        async Task<bool> StepAsync(string name, TestDatabase database, params string[] args)
        {
            runs++;
            var limit = kills < Kills ? TimeSpan.FromMilliseconds(random.Next(150, 4_000)) : ConcordCli.Patience;
            var (ended, result) = await ConcordCli.RunUntilAsync(database.Value, args, limit);
            if (!ended)
            {
                kills++;
                killedAt[name] = killedAt.GetValueOrDefault(name) + 1;
                return false;
            }
            Assert.True(result.ExitCode == 0, $"{name} exited {result.ExitCode}: {result.Stderr}{result.Stdout}");
            return true;
        }
        var toCn = Path.Combine(dir, "to-cn.cpk");
        var toMm = Path.Combine(dir, "to-mm.cpk");
        for (var round = 0; round < 400; round++)
        {
            if (await StepAsync("export on Myanmar's node", mmDb, "packets", "export", "--to", "CN-MPS-NODE", "--out", toCn, "--key-file", mmKeyFile))
                await StepAsync("import on China's node", cnDb, "packets", "import", toCn, "--key-file", cnKeyFile);
            if (await StepAsync("export on China's node", cnDb, "packets", "export", "--to", "MM-MPF-NODE", "--out", toMm, "--key-file", cnKeyFile))
                await StepAsync("import on Myanmar's node", mmDb, "packets", "import", toMm, "--key-file", mmKeyFile);
            if (kills < Kills) continue;
            await using var mm = mmDb.Open();
            if (await mm.Packets.CountAsync(p => p.Direction == PacketDirection.Out && p.State != PacketState.Acknowledged) == 0) break;
        }
        output.WriteLine($"{runs} processes, {kills} killed: {string.Join(", ", killedAt.Select(k => $"{k.Key} {k.Value}"))}");
        Assert.True(kills >= Kills, $"only {kills} kills");
        Assert.True(killedAt.Count >= 3, "kills on both nodes, exporting and importing");

        await using (var mm = mmDb.Open())
        await using (var cn = cnDb.Open())
        {
            // Myanmar's outbox: every packet acknowledged. China's inbox: each applied once, none refused.
            var sent = await mm.Packets.Where(p => p.Direction == PacketDirection.Out).Select(p => new { p.PacketId, p.State }).ToListAsync();
            Assert.Equal(Batches, sent.Count);
            Assert.All(sent, p => Assert.Equal(PacketState.Acknowledged, p.State));
            var received = await cn.Packets.Where(p => p.Direction == PacketDirection.In).Select(p => new { p.PacketId, p.State }).ToListAsync();
            Assert.Equal(sent.Select(p => p.PacketId).Order(), received.Select(p => p.PacketId).Order());
            Assert.All(received, p => Assert.Equal(PacketState.Applied, p.State));
            Assert.Equal(Batches, await cn.AuditEntries.CountAsync(a => a.Action == "roster.receive"));
            Assert.Equal(Batches, await cn.AuditEntries.CountAsync(a => a.Action == "packet.apply"));
            // The same persons and rows on both nodes, each once.
            var copy = await cn.Operations.SingleAsync(o => o.Code == Op);
            var mmPersons = (await mm.Persons.Select(p => p.Id).ToListAsync()).Order().ToList();
            var cnPersons = (await cn.Persons.Where(p => p.OperationId == copy.Id).Select(p => p.Id).ToListAsync()).Order().ToList();
            Assert.Equal(Arrests, mmPersons.Count);
            Assert.Equal(mmPersons, cnPersons);
            Assert.Equal(Arrests, await cn.RosterRecords.Where(r => r.OperationId == copy.Id).Select(r => r.RosterNo).Distinct().CountAsync());
            Assert.Equal(Arrests, await cn.RosterRecords.CountAsync(r => r.OperationId == copy.Id));
            // Both trails whole after every kill.
            Assert.True((await AuditCheckpoints.VerifyAsync(mm, null, [], default)).Intact);
            Assert.True((await AuditCheckpoints.VerifyAsync(cn, null, [], default)).Intact);
        }
        try { Directory.Delete(dir, recursive: true); }
        catch (IOException) { /* left for the OS's temp cleaning */ }
    }
}
