using System.Diagnostics;
using System.Text.Json;

namespace Concord.Tests.Infrastructure;

/// <summary>Runs the real `concord` executable as a child process, as a script would.</summary>
public sealed class ConcordCli(string db)
{
    public static string Dll { get; } = FindDll();

    private static string FindDll()
    {
        var config = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(Repo.Root, "src", "Concord.Cli", "bin", config, "net10.0", "concord.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("build src/Concord.Cli first", path);
    }

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;
    }

    public static ProcessStartInfo StartInfo(string db, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add("--db");
        psi.ArgumentList.Add(db);
        psi.Environment.Remove("CONCORD_DB");
        psi.Environment.Remove("CONCORD_READ_DB");
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return psi;
    }

    /// <summary>Longer than any command takes here by far: a command still running after it is stopped and the test fails with what it printed.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    public async Task<Result> RunAsync(params string[] args)
    {
        var (ended, result) = await RunUntilAsync(db, args, Patience);
        if (!ended)
            throw new Xunit.Sdk.XunitException($"concord {string.Join(' ', args)} was still running after {Patience.TotalMinutes:0} minutes and was stopped: {result.Stderr}{result.Stdout}");
        return result;
    }

    /// <summary>
    /// Runs a command until it ends or <paramref name="limit"/> passes, when it is killed (as a power cut would stop it).
    /// What it prints is read as it goes, so that a full pipe never holds it up, and no test thread is held while it runs.
    /// </summary>
    public static async Task<(bool Ended, Result Result)> RunUntilAsync(string db, IEnumerable<string> args, TimeSpan limit)
    {
        using var p = Process.Start(StartInfo(db, args))!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        var ended = true;
        using (var deadline = new CancellationTokenSource(limit))
        {
            try
            {
                await p.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                ended = false;
                p.Kill(entireProcessTree: true);
                await p.WaitForExitAsync();
            }
        }
        return (ended, new Result(p.ExitCode, await stdout, await stderr));
    }

    public async Task<Result> OkAsync(params string[] args)
    {
        var r = await RunAsync(args);
        if (r.ExitCode != 0) throw new Xunit.Sdk.XunitException($"concord {string.Join(' ', args)} exited {r.ExitCode}: {r.Stderr}{r.Stdout}");
        return r;
    }
}
