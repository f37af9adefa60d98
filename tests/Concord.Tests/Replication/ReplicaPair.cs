using System.Diagnostics;
using Concord.Tests.Infrastructure;

namespace Concord.Tests.Replication;

/// <summary>
/// A PostgreSQL primary with a synchronous standby on free loopback ports, set up by deploy/postgres/cluster.sh (repmgr),
/// for one test. Needs PostgreSQL 15 and repmgr (apt-get install postgresql-15 postgresql-15-repmgr; .ci/run installs both).
/// </summary>
public sealed class ReplicaPair : IAsyncDisposable
{
    public static string Script { get; } = Path.Combine(Repo.Root, "deploy", "postgres", "cluster.sh");

    private readonly string _dir;
    private readonly Dictionary<string, string> _env;

    private ReplicaPair(string dir, Dictionary<string, string> env)
    {
        _dir = dir;
        _env = env;
    }

    /// <summary>Both servers, primary first, Target Session Attributes=primary: what a node's --db names.</summary>
    public string Writes => _env["CONCORD_DB"];

    /// <summary>Both servers, standby first, Target Session Attributes=prefer-standby: what a node's --read-db names.</summary>
    public string Reads => _env["CONCORD_READ_DB"];

    public int PrimaryPort => int.Parse(_env["PRIMARY_PORT"], System.Globalization.CultureInfo.InvariantCulture);

    public int StandbyPort => int.Parse(_env["STANDBY_PORT"], System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<ReplicaPair> StartAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "concord-cluster-" + Guid.NewGuid().ToString("N")[..12]);
        var output = await RunAsync("up", dir);
        var env = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1].Trim('\''));
        return new ReplicaPair(dir, env);
    }

    /// <summary>kill -9 of the primary's postmaster: the machine is gone, nothing is flushed or said goodbye.</summary>
    public Task KillPrimaryAsync() => RunAsync("kill", _dir);

    /// <summary>repmgr standby promote, then the new primary commits without waiting for a standby it no longer has.</summary>
    public Task PromoteAsync() => RunAsync("promote", _dir);

    public async ValueTask DisposeAsync() => await RunAsync("down", _dir);

    private static async Task<string> RunAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Script);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(patience.Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"cluster.sh {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}{await stdout}");
        return await stdout;
    }
}
