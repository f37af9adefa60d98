using Concord.Core.Auditing;
using Concord.Core.Features.Federation;
using Concord.Core.Storage;
using Concord.Tests.Infrastructure;

namespace Concord.Tests.Federation;

/// <summary>
/// China's node (on the provider under test) and Myanmar's (on SQLite), each with its own database and key, each
/// knowing the other as a partner, with the Muse agreement in force on both; packets cross on bundles.
/// </summary>
internal sealed class TwoNodes : IAsyncDisposable
{
    public sealed class Node(TestDatabase database, NoteKey key) : IAsyncDisposable
    {
        public TestDatabase Database { get; } = database;
        public NoteKey Key { get; } = key;
        public ConcordDbContext Open() => Database.Open();
        public async ValueTask DisposeAsync() { Key.Dispose(); await Database.DisposeAsync(); }
    }

    public required Node Cn { get; init; }
    public required Node Mm { get; init; }

    public static async Task<TwoNodes> CreateAsync(string provider, NoteKey? cnKey = null)
    {
        var cn = new Node(await TestDatabase.CreateAsync(provider), cnKey ?? NoteKey.Create("CN-MPS-NODE"));
        var mm = new Node(await TestDatabase.CreateAsync("sqlite"), NoteKey.Create("MM-MPF-NODE"));
        foreach (var (node, other, agency) in new[] { (cn, mm, "MM-MPF"), (mm, cn, "CN-MPS") })
        {
            await using var db = node.Open();
            await Scenario.MuseAgreementAsync(db);
            await Partners.AddAsync(db, Scenario.Operator, other.Key.VerifierKey, null, [agency], node.Key, default);
        }
        return new TwoNodes { Cn = cn, Mm = mm };
    }

    /// <summary>Everything <paramref name="from"/> has for <paramref name="to"/>'s node, as a bundle.</summary>
    public static async Task<byte[]> ExportAsync(Node from, Node to)
    {
        await using var db = from.Open();
        return (await Bundles.ExportAsync(db, Scenario.Operator, from.Key, to.Key.Name, default)).File;
    }

    public static async Task<Bundles.Summary> ImportAsync(Node into, byte[] bundle, string name = "bundle.cpk")
    {
        await using var db = into.Open();
        return await Bundles.ImportAsync(db, into.Key, bundle, name, default);
    }

    /// <summary>Carries a bundle from one node to the other and takes it in there.</summary>
    public static async Task<Bundles.Summary> CarryAsync(Node from, Node to) => await ImportAsync(to, await ExportAsync(from, to));

    public async ValueTask DisposeAsync()
    {
        await Cn.DisposeAsync();
        await Mm.DisposeAsync();
    }
}
