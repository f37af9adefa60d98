using System.CommandLine;
using Concord.Core.Auditing;
using Concord.Core.Features.Agreements;
using Concord.Core.Features.Cases;
using Concord.Core.Features.Intake;
using Concord.Core.Features.Leads;
using Concord.Core.Features.Operations;
using Concord.Core.Features.Seizures;
using Concord.Core.Features.Users;
using Concord.Core.Domain;
using Concord.Core.Features.Wanted;
using Concord.Core.Storage;
using Concord.Scenarios;
using Microsoft.EntityFrameworkCore;

namespace Concord.Cli.Cli;

internal static class DemoCommands
{
    public static Command Build(Option<string?> db, Option<bool> json)
    {
        var outDir = new Option<string>("--out") { Required = true, Description = "folder to write the scenario into" };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1, Description = "random seed (same seed, same files)" };
        var arrested = new Option<int>("--arrested") { DefaultValueFactory = _ => 800, Description = "persons arrested" };
        var wanted = new Option<int>("--wanted") { DefaultValueFactory = _ => 20_000, Description = "wanted list size" };
        var code = new Option<string>("--operation") { DefaultValueFactory = _ => "DEMO-OP", Description = "operation code" };
        var generate = new Command("generate", "write a synthetic scenario (agreement, lead, wanted list, roster, seizures, truth) of any size") { outDir, seed, arrested, wanted, code };
        generate.SetAction(p =>
        {
            var options = new ScenarioOptions { Seed = p.GetValue(seed), Arrested = p.GetValue(arrested), WantedRecords = p.GetValue(wanted), OperationCode = p.GetValue(code)! };
            var truth = ScenarioGenerator.Generate(p.GetValue(outDir)!, options);
            return Commands.Done(p, new { directory = Path.GetFullPath(p.GetValue(outDir)!), roster_rows = truth.RosterRows, arrested_persons = truth.ArrestedPersons },
                $"{Path.GetFullPath(p.GetValue(outDir)!)}: {truth.RosterRows} roster rows, {truth.ArrestedPersons} persons, {truth.WantedRecords} wanted");
        });
        var demo = new Command("demo", "demonstration data");
        demo.Subcommands.Add(generate);
        demo.Subcommands.Add(FederationDemo.Build());
        return demo;
    }
}

/// <summary>The demo workspace: the Muse sample taken through intake, so a newcomer sees a working system at once.</summary>
internal static class DemoWorkspace
{
    public const string File = "concord-demo.db";
    public const string Operation = "MUSE-2024-03";
    public const string Lead = "CN-LEAD-2024-017";

    public static string SampleDirectory => Path.Combine(AppContext.BaseDirectory, "samples", "muse");

    public static async Task<bool> SeedAsync(DatabaseTarget target, CancellationToken ct)
    {
        await Database.MigrateAsync(target, ct);
        await using var db = Database.Open(target);
        if (await db.Operations.AnyAsync(ct)) return false;
        var actor = Actor.Operator("demo");
        var dir = SampleDirectory;
        var agreement = await ImportAgreement.FromFileAsync(db, actor, Path.Combine(dir, "agreement.json"), ct);
        // The demo node is run for both agencies: its operator accepts the agreement for each, audited as acting for it.
        await AcceptAgreement.ForEveryPartyAsync(db, actor, agreement.Id, ct);
        await ImportLead.RunAsync(db, actor, new ImportLead.Request(Lead, "CN-MPS", "MM-MPF", "H3", Path.Combine(dir, "dens.csv"), Path.Combine(dir, "lead-targets.csv")), ct);
        await ImportWantedList.RunAsync(db, actor, Path.Combine(dir, "wanted.csv"), "CN-MPS", ct);
        await CreateOperation.RunAsync(db, actor, Operation, Lead, "MM-MPF", ct);
        await ImportRoster.RunAsync(db, actor, Path.Combine(dir, "roster.csv"), Operation, ct);
        await ImportSeizures.RunAsync(db, actor, Path.Combine(dir, "seizures.csv"), Operation, ct);
        await MatchOperation.RunAsync(db, actor, Operation, null, ct);
        await SeedCasesAsync(db, actor, dir, ct);
        return true;
    }

    /// <summary>Victims' reports China took down before the raid, linked to what the seized devices held.</summary>
    public const int LinkedReports = 300, UnrelatedReports = 700;

    /// <summary>
    /// The cases part of the demo: the seized devices' extractions (a generated sequel to the sample's seizures, made by
    /// Myanmar's lab, which holds the items, and shared with China), a thousand victims' reports from across China, three
    /// in ten naming the dens' numbers, accounts and wallets or retelling their scripts, and the links Concord proposes
    /// for China's officers to confirm.
    /// </summary>
    private static async Task SeedCasesAsync(ConcordDbContext db, Actor actor, string sampleDir, CancellationToken ct)
    {
        var dir = Path.Combine(Path.GetTempPath(), "concord-demo-cases-" + Guid.NewGuid().ToString("N"));
        try
        {
            CaseScenario.Generate(sampleDir, dir, new CaseScenarioOptions { LinkedReports = LinkedReports, UnrelatedReports = UnrelatedReports });
            await ImportExtraction.DeliverAsync(db, actor, Path.Combine(dir, "extractions"), Operation, "CN-MPS", ct);
            await ImportReports.RunAsync(db, actor, Path.Combine(dir, "reports.csv"), "CN-MPS", ct);
            await LinkReports.RunAsync(db, actor, ct);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>One user for each role of the flow, on the side that does it (DESIGN.md, "Who uses it").</summary>
    public static readonly (string Name, string Agency, string[] Roles, string Display)[] Users =
    [
        ("cn.coordinator", "CN-MPS", [Roles.Coordinator, Roles.Reviewer], "MPS coordinator"),
        ("cn.port", "CN-MPS", [Roles.PortOfficer], "Ruili port officer"),
        ("cn.investigator", "CN-MPS", [Roles.Investigator], "Provincial investigator"),
        ("cn.auditor", "CN-MPS", [Roles.Auditor], "MPS auditor"),
        ("cn.admin", "CN-MPS", [Roles.Admin], "MPS user administrator"),
        ("mm.commander", "MM-MPF", [Roles.Commander], "MPF partner commander"),
        ("mm.clerk", "MM-MPF", [Roles.Clerk], "Muse field clerk"),
        ("mm.reviewer", "MM-MPF", [Roles.Reviewer], "MPF identity reviewer"),
        ("mm.auditor", "MM-MPF", [Roles.Auditor], "MPF auditor"),
        ("mm.admin", "MM-MPF", [Roles.Admin], "MPF user administrator"),
    ];

    /// <summary>
    /// Makes the demo users if missing and gives each a fresh password, printed at every start like the API keys, and an
    /// enrolment code to each user whose authenticator app is not enrolled yet (none once it is).
    /// </summary>
    /// <param name="only">Only the users of this agency (a node that hosts one side).</param>
    public static async Task<IReadOnlyList<(string Name, string Agency, string Password, string? EnrolmentCode)>> UsersAsync(DatabaseTarget target, CancellationToken ct,
        string? only = null)
    {
        await using var identity = IdentityServices.Open(target);
        var actor = Actor.Operator("demo");
        var result = new List<(string, string, string, string?)>();
        foreach (var (name, agency, roles, display) in Users.Where(u => only is null || u.Agency == only))
        {
            if (await identity.Users.FindByNameAsync(name) is not { } user)
            {
                var created = await UserAdmin.CreateByOperatorAsync(identity.Db, identity.Users, actor, agency, name, display, roles, "en", ct);
                result.Add((name, agency, created.Password, created.EnrolmentCode));
                continue;
            }
            var password = await UserAdmin.ResetPasswordByOperatorAsync(identity.Db, identity.Users, actor, name, ct);
            var code = user.AuthenticatorConfirmed ? null : await UserAdmin.ResetAuthenticatorByOperatorAsync(identity.Db, identity.Users, actor, name, ct);
            result.Add((name, agency, password, code));
        }
        return result;
    }
}
