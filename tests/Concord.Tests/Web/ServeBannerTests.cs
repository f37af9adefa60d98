using System.Diagnostics;
using Concord.Cli.Cli;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Cases;
using Concord.Core.Storage;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Web;

/// <summary>
/// `concord serve` with no database makes the demo workspace in the folder it was started from and prints one block:
/// where to sign in, the database file in full, the demo users and keys; ASP.NET's own start-up lines stay out of it.
/// </summary>
public sealed class ServeBannerTests
{
    [Fact]
    public async Task Serve_WithNoDatabase_MakesTheDemoInTheWorkingFolder_AndPrintsOneBlock()
    {
        var folder = Directory.CreateTempSubdirectory("concord-serve-");
        try
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder.FullName };
            psi.ArgumentList.Add(ConcordCli.Dll);
            foreach (var a in new[] { "serve", "--urls", "http://127.0.0.1:0" }) psi.ArgumentList.Add(a);
            psi.Environment.Remove("CONCORD_DB");
            using var p = Process.Start(psi)!;
            var lines = new List<string>();
            var stderr = p.StandardError.ReadToEndAsync();
            using (var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5)))
            {
                while (await p.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
                {
                    lines.Add(line);
                    if (line.StartsWith("Stop with Ctrl+C", StringComparison.Ordinal)) break;
                }
            }
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
            var output = string.Join('\n', lines);
            Assert.True(lines.Any(l => l.StartsWith("Stop with Ctrl+C", StringComparison.Ordinal)), output + await stderr);

            var database = Path.Combine(folder.FullName, "concord-demo.db");
            Assert.True(File.Exists(database), output);
            var block = lines.SkipWhile(l => l != "Concord is running.").ToList();
            Assert.Contains(block, l => l.StartsWith("  Sign in at: http://127.0.0.1:", StringComparison.Ordinal));
            Assert.Contains($"  Database:   SQLite {database} (demo workspace)", block);
            Assert.Contains(block, l => l.StartsWith("  API key for CN-MPS: ", StringComparison.Ordinal));
            Assert.Contains(block, l => l.TrimStart().StartsWith("mm.commander", StringComparison.Ordinal) && l.Contains("password", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, l => l.Contains("Now listening on", StringComparison.Ordinal) || l.Contains("Application started", StringComparison.Ordinal));

            // The cases pages do not start empty: China's reports, linked to what Myanmar's lab extracted and shared.
            await using var db = Database.Open(DatabaseTarget.Parse(database));
            var china = await db.Agencies.Where(a => a.Code == "CN-MPS").Select(a => a.Id).SingleAsync();
            var coordinator = new Actor("user:cn.coordinator", china) { Roles = new HashSet<string> { Roles.Coordinator } };
            Assert.Equal(DemoWorkspace.LinkedReports + DemoWorkspace.UnrelatedReports, await CaseAccess.Reports(db, coordinator).CountAsync());
            var seen = await CaseAccess.Links(db, coordinator).Select(l => l.ReportId).Distinct().CountAsync();
            Assert.True(seen >= DemoWorkspace.LinkedReports * 98 / 100 && seen <= DemoWorkspace.LinkedReports, $"{seen} of {DemoWorkspace.LinkedReports} linked reports seen by China");
            Assert.All(await db.Extractions.ToListAsync(), e => Assert.NotEqual(china, e.AgencyId));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
