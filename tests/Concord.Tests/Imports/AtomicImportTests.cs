using System.Diagnostics;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Concord.Tests.Imports;

/// <summary>An import killed at any point leaves all or nothing; a repeated import changes nothing.</summary>
public sealed class AtomicImportTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WantedImport_KilledAtRandomPoints_LeavesAllOrNothing_AndRepeatChangesNothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var cli = new ConcordCli(database.Value);
        await cli.OkAsync("agreement", "import", Repo.Muse("agreement.json"));
        var expected = File.ReadLines(Repo.Muse("wanted.csv")).Count() - 1;

        // How long a whole import takes here, so that kills land before, during and after the write.
        var clock = Stopwatch.StartNew();
        await using (var probe = await TestDatabase.CreateAsync(provider))
        {
            var probeCli = new ConcordCli(probe.Value);
            await probeCli.OkAsync("agreement", "import", Repo.Muse("agreement.json"));
            await probeCli.OkAsync("wanted", "import", Repo.Muse("wanted.csv"), "--agency", "CN-MPS");
        }
        var full = clock.Elapsed;

        var random = new Random(20240331);
        var outcomes = new List<string>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var delay = TimeSpan.FromMilliseconds(random.Next(50, (int)Math.Max(100, full.TotalMilliseconds * 1.1)));
            using var p = Process.Start(ConcordCli.StartInfo(database.Value, ["wanted", "import", Repo.Muse("wanted.csv"), "--agency", "CN-MPS"]))!;
            var exited = p.WaitForExit(delay);
            if (!exited) p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
            await using var db = database.Open();
            var count = await db.WantedPersons.CountAsync();
            var batches = await db.ImportBatches.CountAsync(b => b.Kind == "wanted");
            outcomes.Add($"{delay.TotalMilliseconds:0}ms {(exited ? "finished" : "killed")}: {count} rows");
            Assert.True(count == 0 || count == expected, $"after a kill at {delay.TotalMilliseconds:0} ms the list holds {count} rows");
            Assert.Equal(count == 0 ? 0 : 1, batches);
        }
        output.WriteLine(string.Join(Environment.NewLine, outcomes));

        await cli.OkAsync("wanted", "import", Repo.Muse("wanted.csv"), "--agency", "CN-MPS");
        string before;
        await using (var db = database.Open())
        {
            Assert.Equal(expected, await db.WantedPersons.CountAsync());
            before = await Scenario.SnapshotAsync(db);
        }
        var again = await cli.OkAsync("wanted", "import", Repo.Muse("wanted.csv"), "--agency", "CN-MPS", "--json");
        Assert.True(again.Json.GetProperty("already_imported").GetBoolean());
        await using (var db = database.Open())
            Assert.Equal(before, await Scenario.SnapshotAsync(db));
    }
}
