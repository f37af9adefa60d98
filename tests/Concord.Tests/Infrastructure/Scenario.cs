using Concord.Core.Auditing;
using Concord.Core.Features.Agreements;
using Concord.Core.Features.Leads;
using Concord.Core.Features.Operations;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Infrastructure;

/// <summary>Builds the small states tests start from, through the real workflows.</summary>
public static class Scenario
{
    public const string Operation = "MUSE-2024-03";
    public const string Lead = "CN-LEAD-2024-017";
    public static readonly Actor Operator = Actor.Operator("test");

    public static async Task AgreementLeadOperationAsync(ConcordDbContext db)
    {
        await MuseAgreementAsync(db);
        await LeadOperationAsync(db, agreement: true);
    }

    /// <summary>The Muse lead and operation; without the agreement, its two agencies are entered as they are.</summary>
    public static async Task LeadOperationAsync(ConcordDbContext db, bool agreement = false)
    {
        if (!agreement)
        {
            db.Agencies.Add(new Core.Domain.Agency { Code = "CN-MPS", Name = "Ministry of Public Security", Country = "CHN" });
            db.Agencies.Add(new Core.Domain.Agency { Code = "MM-MPF", Name = "Myanmar Police Force Headquarters", Country = "MMR" });
            await db.SaveChangesAsync();
        }
        await ImportLead.RunAsync(db, Operator, new ImportLead.Request(Lead, "CN-MPS", "MM-MPF", "H3", Repo.Muse("dens.csv"), Repo.Muse("lead-targets.csv")), default);
        await CreateOperation.RunAsync(db, Operator, Operation, Lead, "MM-MPF", default);
    }

    /// <summary>The Muse agreement imported by the node operator and accepted by it for both parties, so that it is in force.</summary>
    public static Task MuseAgreementAsync(ConcordDbContext db) => AgreementInForceAsync(db, Repo.Muse("agreement.json"));

    public static async Task AgreementInForceAsync(ConcordDbContext db, string path)
    {
        var imported = await ImportAgreement.FromFileAsync(db, Operator, path, default);
        await AcceptAgreement.ForEveryPartyAsync(db, Operator, imported.Id, default);
    }

    /// <summary>The header and the first rows of the Muse roster, with room for a test to change lines.</summary>
    /// <summary>A user of agency <paramref name="code"/> with no role set, seeing the agencies below it, as the pages make one.</summary>
    public static async Task<Actor> ActorOfAsync(ConcordDbContext db, string code)
    {
        var id = await db.Agencies.Where(a => a.Code == code).Select(a => a.Id).SingleAsync();
        return new Actor($"user:{code.ToLowerInvariant()}", id, await Core.Features.Agencies.WithDescendantsAsync(db, id, default));
    }

    public static List<string> RosterLines(int rows) => File.ReadAllLines(Repo.Muse("roster.csv")).Take(rows + 1).ToList();

    public static string WriteTemp(string name, IEnumerable<string> lines) => WriteTemp(name, System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));

    public static string WriteTemp(string name, byte[] bytes)
    {
        var dir = Path.Combine(Path.GetTempPath(), "concord-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>
    /// Row counts of every table: two equal snapshots mean nothing was written. Audit entries count when they record
    /// something done: a refusal is itself audited (denied or failed), and writes nothing else.
    /// </summary>
    public static async Task<string> SnapshotAsync(ConcordDbContext db)
    {
        var counts = new[]
        {
            await db.Agencies.CountAsync(), await db.Agreements.CountAsync(), await db.CustodyRules.CountAsync(), await db.Leads.CountAsync(),
            await db.Dens.CountAsync(), await db.Targets.CountAsync(), await db.WantedPersons.CountAsync(), await db.Operations.CountAsync(),
            await db.RosterRecords.CountAsync(), await db.Persons.CountAsync(), await db.PersonIdentifiers.CountAsync(), await db.Seizures.CountAsync(),
            await db.ImportBatches.CountAsync(), await db.AuditEntries.CountAsync(a => a.Outcome == Core.Domain.AuditOutcome.Done), await db.ReviewItems.CountAsync(), await db.PersonLinks.CountAsync(),
            await db.ReviewTasks.CountAsync(),
        };
        return string.Join(',', counts);
    }
}
