using Concord.Cli.Web;
using Concord.Core.Auditing;
using Concord.Core.Features.Federation;
using Concord.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Concord.Bench.Federation;

/// <summary>
/// China's node in the bench process and Myanmar's a real web host on <paramref name="url"/>, each its own fresh SQLite
/// database and identity key, each knowing the other as a partner, the agreement in force on both.
/// </summary>
internal sealed class LoopbackPair(NoteKey cnKey, NoteKey mmKey, DatabaseTarget cn, DatabaseTarget mm, WebApplication app) : IAsyncDisposable
{
    public NoteKey CnKey { get; } = cnKey;
    public NoteKey MmKey { get; } = mmKey;
    public DatabaseTarget Cn { get; } = cn;
    public DatabaseTarget Mm { get; } = mm;

    public static async Task<LoopbackPair> StartAsync(string dir, string name, string url, Func<ConcordDbContext, Task> agreement)
    {
        var actor = Actor.Operator("bench");
        var cnKey = NoteKey.Create("CN-MPS-NODE");
        var mmKeyFile = Path.Combine(dir, $"{name}-mm.key");
        var (mmKey, _) = NodeIdentity.Store.Create("MM-MPF-NODE", mmKeyFile);
        var cn = DatabaseTarget.Parse(Path.Combine(dir, $"{name}-cn.db"));
        var mm = DatabaseTarget.Parse(Path.Combine(dir, $"{name}-mm.db"));
        foreach (var (target, self, other, agency, address) in new[] { (cn, cnKey, mmKey, "MM-MPF:MMR", url), (mm, mmKey, cnKey, "CN-MPS:CHN", null) })
        {
            await Database.MigrateAsync(target, default);
            await using var db = Database.Open(target);
            await agreement(db);
            await Partners.AddAsync(db, actor, other.VerifierKey, address, [agency], self, default);
        }
        var app = WebHost.Create(["--urls", url], mm, b =>
        {
            b.Configuration["Concord:NodeKeyFile"] = mmKeyFile;
            b.Configuration["Concord:KeyRing"] = Path.Combine(dir, $"{name}-mm-key-ring");
            b.Configuration["Concord:Federation:Exchange"] = "false";
            b.Configuration["Concord:RateLimits:FederationPerMinute"] = "100000";
            b.Logging.ClearProviders();
        });
        await app.StartAsync();
        return new LoopbackPair(cnKey, mmKey, cn, mm, app);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        CnKey.Dispose();
        MmKey.Dispose();
    }
}
