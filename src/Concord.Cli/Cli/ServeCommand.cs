using System.CommandLine;
using Concord.Cli.Web;
using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Features.ApiKeys;
using Concord.Core.Storage;

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
            var target = DatabaseTarget.Resolve(explicitDb ?? DemoWorkspace.File);
            // Before listening (and before the schema is looked at): a node that would lose what it acknowledged does not start.
            async Task<bool> UnsafeAsync()
            {
                if (p.GetValue(unsafeDurability) || await Durability.ProblemAsync(target, ct) is not { } reason) return false;
                await Console.Error.WriteLineAsync($"concord: refusing to serve: {reason} ({Durability.AllowOption} starts it anyway, for a throwaway test server)");
                return true;
            }
            if (explicitDb is null)
            {
                if (await DemoWorkspace.SeedAsync(target, ct)) Console.WriteLine($"demo workspace created: {target.Describe()} (the Muse sample, matched)");
                if (await UnsafeAsync()) return 2;
                await using var ctx = Database.Open(target);
                foreach (var agency in new[] { "CN-MPS", "MM-MPF" })
                {
                    var (_, secret) = await ApiKeys.CreateAsync(ctx, Actor.Operator("demo"), agency, "demo", ct, owner: "demo workspace");
                    Console.WriteLine($"demo API key for {agency}: {secret}");
                }
                Console.WriteLine("demo users (sign in at the address below; the first sign-in asks for the enrolment code, then enrols an authenticator app):");
                foreach (var (name, agency, password, code) in await DemoWorkspace.UsersAsync(target, ct))
                    Console.WriteLine($"  {name,-16} {agency,-7} password {password}{(code is null ? "" : $"  enrolment code {code}")}  ({string.Join(", ", DemoWorkspace.Users.First(u => u.Name == name).Roles)})");
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
            var app = WebHost.Create(args, target, reads: reads);
            await app.RunAsync(ct);
            return 0;
        });
        return serve;
    }
}
