using System.CommandLine;
using Concord.Cli.Web;
using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Features.ApiKeys;
using Concord.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Concord.Cli.Cli;

internal static class ServeCommand
{
    public static Command Build(Option<string?> db, Option<string?> readDb)
    {
        var urls = new Option<string?>("--urls") { Description = "addresses to listen on (default http://localhost:5080)" };
        var unsafeDurability = new Option<bool>(Durability.AllowOption)
        {
            Description = "start even on a database that cannot keep what it acknowledged (in-memory SQLite, pragmas that did not take, PostgreSQL with fsync=off): for a throwaway test server only",
        };
        var serve = new Command("serve", "run the web app and the API (with no --db: the demo workspace)") { urls, unsafeDurability };
        serve.SetAction(async (p, ct) =>
        {
            var explicitDb = p.GetValue(db) ?? Environment.GetEnvironmentVariable(DatabaseTarget.EnvironmentVariable);
            // The demo workspace is a file in the folder the command was started from, named in full in the banner.
            var target = DatabaseTarget.Resolve(explicitDb ?? Path.GetFullPath(DemoWorkspace.File));
            var banner = new List<string>();
            // Before listening (and before the schema is looked at): a node that would lose what it acknowledged does not start.
            async Task<bool> UnsafeAsync()
            {
                if (p.GetValue(unsafeDurability) || await Durability.ProblemAsync(target, ct) is not { } reason) return false;
                await Console.Error.WriteLineAsync($"concord: refusing to serve: {reason} ({Durability.AllowOption} starts it anyway, for a throwaway test server)");
                return true;
            }
            if (explicitDb is null)
            {
                if (await DemoWorkspace.SeedAsync(target, ct)) Console.WriteLine($"demo workspace created (the Muse sample, matched): {target.Describe()}");
                if (await UnsafeAsync()) return 2;
                await using var ctx = Database.Open(target);
                foreach (var agency in new[] { "CN-MPS", "MM-MPF" })
                {
                    var (_, secret) = await ApiKeys.CreateAsync(ctx, Actor.Operator("demo"), agency, "demo", ct, owner: "demo workspace");
                    banner.Add($"  API key for {agency}: {secret}  (header X-Api-Key; the API is described at /openapi/v1.json)");
                }
                banner.Add("");
                banner.Add("Demo users (the first sign-in asks for the enrolment code, then enrols an authenticator app):");
                foreach (var (name, agency, password, code) in await DemoWorkspace.UsersAsync(target, ct))
                    banner.Add($"  {name,-16} {agency,-7} password {password}{(code is null ? "" : $"  enrolment code {code}")}  ({string.Join(", ", DemoWorkspace.Users.First(u => u.Name == name).Roles)})");
            }
            else
            {
                if (await UnsafeAsync()) return 2;
                // A node's schema is upgraded by its operator (`concord init`), never by starting it.
                try
                {
                    await using var check = Database.Open(target);
                    await Database.CheckSchemaAsync(target, check, ct);
                }
                catch (Core.ConcordException e)
                {
                    await Console.Error.WriteLineAsync($"concord: {e.Error.Message}");
                    return 2;
                }
            }
            var args = p.GetValue(urls) is { } u ? new[] { "--urls", u } : [];
            DatabaseTarget reads;
            try
            {
                reads = target.ReadsFrom(p.GetValue(readDb));
            }
            catch (ConcordException e)
            {
                Console.Error.WriteLine($"concord: {e.Error.Message}");
                return 2;
            }
            // ASP.NET's own start-up lines give way to one block that says where to go and what runs.
            var app = WebHost.Create(args, target, b => b.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning), reads);
            await app.StartAsync(ct);
            Console.WriteLine();
            Console.WriteLine("Concord is running.");
            foreach (var url in app.Urls) Console.WriteLine($"  Sign in at: {url}");
            Console.WriteLine($"  Database:   {(target.Provider == DatabaseProvider.Sqlite ? $"SQLite {target.Describe()}" : "PostgreSQL")}{(explicitDb is null ? " (demo workspace)" : "")}");
            if (!ReferenceEquals(reads, target)) Console.WriteLine("  Reports and lists read from the standby named by --read-db.");
            foreach (var line in banner) Console.WriteLine(line);
            Console.WriteLine("Stop with Ctrl+C.");
            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return serve;
    }
}
