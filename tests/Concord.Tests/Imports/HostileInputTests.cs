using System.Diagnostics;
using System.Text;
using Concord.Core;
using Concord.Core.Features.Agreements;
using Concord.Core.Features.Handover;
using Concord.Core.Features.Operations;
using Concord.Core.Features.Seizures;
using Concord.Core.Features.Wanted;
using Concord.Core.Storage;
using Concord.Tests.Infrastructure;

namespace Concord.Tests.Imports;

/// <summary>
/// A fuzzer over every field file Concord reads: the Muse roster, seizures, wanted list, agreement and a receipt, bent at
/// random (bytes inserted, cut, doubled; quotes, NULs, broken UTF-8, byte order marks, formulas, ten thousand commas,
/// Burmese in Zawgyi, cells of 100,000 characters) and handed to the real import, for a fixed time each. The only
/// answers allowed are an import or a refusal that names its place (<see cref="ConcordException"/>); any other exception
/// fails the test, naming the seed and the case that reproduce it. SQLite only: the parsers are the same on both.
/// </summary>
public sealed class HostileInputTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(6);

    private static readonly string[] HostileCells =
    [
        "\"", "\"\"\"", "a\"b", "=HYPERLINK(\"http://x\",\"y\")", "+1", "-1", "@SUM(A1)", "\u0000", "\t", "\r", "\n", "\u202Eevil",
        "ျမန္မာ", "မောင်မောင်", "张三", "9999-99-99", "2024-02-30", "0000-00-00", "1e309", "NaN", "-0", "99999999999999999999999",
        "\ud83d\ude00", "\uFEFF", "  ", "'", "\\", "%s%n", "null", "true", "{}", "[]", new string('A', 100_000),
    ];

    private static readonly byte[][] HostileBytes =
    [
        [0x00], [0x22], [0x2C], [0x0A], [0x0D], [0xFF], [0xC3], [0xE1, 0x80], [0xEF, 0xBB, 0xBF], [0xFE, 0xFF], [0x7B], [0x5D], [0x5C],
    ];

    /// <summary>One to four random changes to a well-formed file.</summary>
    private static byte[] Bend(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        var changes = random.Next(1, 5);
        for (var i = 0; i < changes; i++)
        {
            var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            switch (random.Next(9))
            {
                case 0: bytes.InsertRange(at, HostileBytes[random.Next(HostileBytes.Length)]); break;
                case 1: bytes.RemoveRange(at, Math.Min(bytes.Count - at, random.Next(1, 64))); break;
                case 2: bytes.InsertRange(at, bytes.Skip(at).Take(random.Next(1, 400)).ToList()); break;
                case 3: bytes.InsertRange(at, Encoding.UTF8.GetBytes(HostileCells[random.Next(HostileCells.Length)])); break;
                case 4: bytes.RemoveRange(at, bytes.Count - at); break;
                case 5: bytes.InsertRange(at, Enumerable.Repeat((byte)',', random.Next(1, 10_001))); break;
                case 6: bytes.InsertRange(0, HostileBytes[random.Next(HostileBytes.Length)]); break;
                case 7: if (bytes.Count > 0) bytes[at] = (byte)random.Next(256); break;
                default: bytes.InsertRange(at, Encoding.UTF8.GetBytes("\n" + string.Join(',', Enumerable.Range(0, random.Next(1, 12)).Select(_ => HostileCells[random.Next(HostileCells.Length)])) + "\n")); break;
            }
        }
        return [.. bytes];
    }

    private static byte[] Head(string museFile, int lines) =>
        Encoding.UTF8.GetBytes(string.Join('\n', File.ReadLines(Repo.Muse(museFile)).Take(lines)) + "\n");

    private static async Task FuzzAsync(string name, byte[] original, Func<ConcordDbContext, string, byte[], Task> read)
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        await using (var db = database.Open()) await Scenario.AgreementLeadOperationAsync(db);
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var dir = Path.GetDirectoryName(Scenario.WriteTemp("x", Array.Empty<byte>()))!;
        var clock = Stopwatch.StartNew();
        int cases = 0, refused = 0;
        while (clock.Elapsed < Budget)
        {
            var bytes = Bend(original, random);
            var path = Path.Combine(dir, $"{cases}-{name}");
            await File.WriteAllBytesAsync(path, bytes);
            try
            {
                await using var db = database.Open();
                await read(db, path, bytes);
            }
            catch (ConcordException e)
            {
                refused++;
                Assert.False(string.IsNullOrWhiteSpace(e.Message), $"{name}, seed {seed}, case {cases}: a refusal that says nothing");
            }
            catch (Exception e)
            {
                Assert.Fail($"{name}, seed {seed}, case {cases} ({path}): {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
            cases++;
        }
        // Enough cases ran to mean something, and most bent files were refused rather than read.
        Assert.True(cases >= 20, $"{name}: only {cases} cases in {Budget.TotalSeconds} s");
        Assert.True(refused > 0, $"{name}: none of {cases} bent files was refused");
    }

    [Fact]
    public Task Roster() => FuzzAsync("roster.csv", Head("roster.csv", 30),
        (db, path, _) => ImportRoster.RunAsync(db, Scenario.Operator, path, Scenario.Operation, default));

    [Fact]
    public Task Seizures() => FuzzAsync("seizures.csv", Head("seizures.csv", 30),
        (db, path, _) => ImportSeizures.RunAsync(db, Scenario.Operator, path, Scenario.Operation, default));

    [Fact]
    public Task WantedList() => FuzzAsync("wanted.csv", Head("wanted.csv", 30),
        (db, path, _) => ImportWantedList.RunAsync(db, Scenario.Operator, path, "CN-MPS", WantedImportMode.Add, default));

    [Fact]
    public Task Agreement() => FuzzAsync("agreement.json", File.ReadAllBytes(Repo.Muse("agreement.json")),
        (db, path, bytes) => ImportAgreement.RunAsync(db, Scenario.Operator, Path.GetFileName(path), bytes, default));

    [Fact]
    public Task Receipt() => FuzzAsync("receipt.csv",
        Encoding.UTF8.GetBytes("kind,ref,status,sha256,note\nperson,MUSE-0001,received,,\nitem,MUSE-S0001,received,6cc4823be1341dbe91c2295de86fbdd4cc1e56f197f180f9732de1f765bc6647,ok\nitem,MUSE-S0002,missing,,\"not in the bag\"\n"),
        (_, path, _) => Task.FromResult(Handovers.ReadReceipt(path)));
}
