using System.Collections.Concurrent;
using System.Diagnostics;
using Concord.Core.Auditing;
using Concord.Core.Features.Agreements;
using Concord.Core.Features.ApiKeys;
using Concord.Core.Features.Leads;
using Concord.Core.Features.Operations;
using Concord.Core.Features.Reports;
using Concord.Core.Storage;
using Concord.Scenarios;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace Concord.Tests.Replication;

/// <summary>
/// The primary dies in the middle of a 10,000-arrest roster import while officers keep changing records; the standby
/// is promoted; the node carries on. Nothing acknowledged is lost, the trail still verifies, and the cut import is
/// whole or absent and completes when run again.
/// </summary>
public sealed class FailoverTests(ITestOutputHelper output)
{
    private const string Operation = "FAILOVER-OP";
    private const string Lead = "CN-LEAD-FAILOVER";
    private static readonly Actor Officer = Scenario.Operator;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task PrimaryKilledMidImport_StandbyPromoted_NothingAcknowledgedLost_ImportWholeOrAbsent_AndRetried()
    {
        var clock = Stopwatch.StartNew();
        var files = Path.Combine(Path.GetTempPath(), "concord-tests", Guid.NewGuid().ToString("N"));
        var truth = ScenarioGenerator.Generate(files, new ScenarioOptions { Arrested = 10_000, WantedRecords = 2_000, OperationCode = Operation });
        var roster = Path.Combine(files, "roster.csv");

        await using var pair = await ReplicaPair.StartAsync();
        var started = clock.Elapsed;
        var target = DatabaseTarget.Parse(pair.Writes);
        await Database.MigrateAsync(target, default);
        await using (var db = Database.Open(target))
        {
            await Scenario.AgreementInForceAsync(db, Path.Combine(files, "agreement.json"));
            await ImportLead.RunAsync(db, Officer, new ImportLead.Request(Lead, "CN-MPS", "MM-MPF", "H3", Path.Combine(files, "dens.csv"), Path.Combine(files, "lead-targets.csv")), default);
            await CreateOperation.RunAsync(db, Officer, Operation, Lead, "MM-MPF", default);
        }
        var seeded = clock.Elapsed;

        // Two officers keep making small audited changes; each change that returned is written down as acknowledged.
        var acknowledged = new ConcurrentBag<(string Kind, Guid Id)>();
        var cut = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var promoted = new TaskCompletionSource();
        var afterPromotion = 0;
        var firstAfterPromotion = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task Officers(string kind, Func<ConcordDbContext, int, Task<Guid>> change)
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                try
                {
                    await using var db = Database.Open(target);
                    acknowledged.Add((kind, await change(db, i)));
                    if (promoted.Task.IsCompleted)
                    {
                        firstAfterPromotion.TrySetResult(clock.Elapsed);
                        Interlocked.Increment(ref afterPromotion);
                    }
                }
                catch (Exception e) when (Failover.IsConnectionLost(e))
                {
                    cut.Add($"{kind} {i} at {clock.Elapsed.TotalSeconds:0.0}s: {e.GetType().Name}: {e.GetBaseException().Message}");
                    await Task.Delay(50);
                }
            }
        }
        var writers = new[]
        {
            Task.Run(() => Officers("operation", async (db, i) => (await CreateOperation.RunAsync(db, Officer, $"{Operation}-{i:D4}", Lead, "MM-MPF", default)).Id)),
            Task.Run(() => Officers("key", async (db, i) => (await ApiKeys.CreateAsync(db, Officer, "CN-MPS", $"failover-{i}", default)).Key.Id)),
        };

        // Both officers have had changes acknowledged before the import starts: the bulk import writes its rows within
        // moments, and the kill follows them, so without this wait the kill could come before any officer's commit.
        for (var waited = 0; !(acknowledged.Any(a => a.Kind == "operation") && acknowledged.Any(a => a.Kind == "key")); waited++)
        {
            Assert.True(waited < 600, $"the officers' first changes did not commit within a minute: {string.Join(" | ", cut.Take(5))}");
            await Task.Delay(100);
        }

        // The import's inserts are under way when the primary dies: its transaction has written rows and not committed.
        var import = Task.Run(async () =>
        {
            await using var db = Database.Open(target);
            return await ImportRoster.RunAsync(db, Officer, roster, Operation, default);
        });
        await WhileImportWritesAsync(pair.PrimaryPort, import);
        var importedBeforeKill = import.IsCompleted;
        await pair.KillPrimaryAsync();
        var killed = clock.Elapsed;
        var ackedBeforeKill = acknowledged.ToList();
        await pair.PromoteAsync();
        var promotedAt = clock.Elapsed;
        promoted.SetResult();

        var importFailure = await Record.ExceptionAsync(() => import);
        // A writer that fails otherwise than by the lost primary ends, and the wait ends with its failure.
        await Task.WhenAny(firstAfterPromotion.Task, Task.WhenAny(writers), Task.Delay(Patience));
        foreach (var w in writers.Where(w => w.IsFaulted)) await w;
        if (!firstAfterPromotion.Task.IsCompleted)
        {
            output.WriteLine($"killed at {killed.TotalSeconds:0.0}s, promoted at {promotedAt.TotalSeconds:0.0}s; cut {cut.Count}");
            await using var conn = new NpgsqlConnection($"Host=127.0.0.1;Port={pair.StandbyPort};Username=postgres;Database=concord;Pooling=false");
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT pid, state, wait_event_type, wait_event, left(query, 80) FROM pg_stat_activity WHERE datname = 'concord'", conn);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) output.WriteLine($"{r[0]} {r[1]} {r[2]} {r[3]} {r[4]}");
        }
        Assert.True(firstAfterPromotion.Task.IsCompleted, $"no change went through within {Patience.TotalSeconds:0}s of the promotion; last failures: {string.Join(" | ", cut.Take(5))}");
        var reconnected = await firstAfterPromotion.Task;
        while (Volatile.Read(ref afterPromotion) < 20) await Task.Delay(50);
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        Assert.False(importedBeforeKill, $"the import ended before the primary was killed ({importFailure?.ToString() ?? "imported"}); the kill must land inside it");
        Assert.NotNull(importFailure);
        Assert.True(Failover.IsConnectionLost(importFailure), $"the cut import failed otherwise than by the lost primary: {importFailure}");

        await using (var db = Database.Open(target))
        {
            var operation = await db.Operations.AsNoTracking().SingleAsync(o => o.Code == Operation);
            var rows = await db.RosterRecords.CountAsync(r => r.OperationId == operation.Id);
            var persons = await db.Persons.CountAsync(p => p.OperationId == operation.Id);
            var batches = await db.ImportBatches.CountAsync(b => b.Kind == "roster" && b.Scope == Operation);
            output.WriteLine($"after the failover the cut import left {rows} roster rows, {persons} persons, {batches} batch");
            Assert.True((rows, persons, batches) == (0, 0, 0) || (rows == truth.RosterRows && batches == 1), $"the cut import is neither whole nor absent: {rows} rows, {persons} persons, {batches} batches");

            var operations = ackedBeforeKill.Where(a => a.Kind == "operation").Select(a => a.Id).ToList();
            var keys = ackedBeforeKill.Where(a => a.Kind == "key").Select(a => a.Id).ToList();
            Assert.NotEmpty(operations);
            Assert.NotEmpty(keys);
            Assert.Equal(operations.Count, await db.Operations.CountAsync(o => operations.Contains(o.Id)));
            Assert.Equal(keys.Count, await db.ApiKeys.CountAsync(k => keys.Contains(k.Id)));
            // Each acknowledged change kept the audit entry it committed with.
            var all = acknowledged.Select(a => a.Id).ToList();
            Assert.Equal(all.Count, await db.AuditEntries.Where(e => e.EntityId != null && all.Contains(e.EntityId.Value) && (e.Action == "operation.create" || e.Action == "apikey.create")).Select(e => e.EntityId).Distinct().CountAsync());
            Assert.Null(await AuditTrail.VerifyAsync(db, default));
        }

        // Run again, the import completes on the new primary; once more, it finds itself already imported.
        var retried = await Failover.RetryAsync(target, db => ImportRoster.RunAsync(db, Officer, roster, Operation, default), Patience, default);
        var again = await Failover.RetryAsync(target, db => ImportRoster.RunAsync(db, Officer, roster, Operation, default), Patience, default);
        Assert.Equal(truth.RosterRows, retried.Rows);
        Assert.True(again.AlreadyImported);

        // Reports read through the read connection string; with the old primary gone it reaches the new one.
        await using (var writes = Database.Open(target))
        await using (var reads = Database.OpenReads(target.ReadsFrom(pair.Reads)))
        {
            var report = await OperationReport.BuildAsync(reads, Officer, Operation, writes.ReadsIn(), default);
            Assert.Equal(truth.RosterRows, report.Arrested.RosterRows);
            Assert.Null(await AuditTrail.VerifyAsync(writes, default));
        }

        output.WriteLine($"pair up {started.TotalSeconds:0.0}s; seeded {seeded.TotalSeconds:0.0}s; primary killed at {killed.TotalSeconds:0.0}s; " +
            $"standby promoted {(promotedAt - killed).TotalSeconds:0.0}s later; first change on the new primary {(reconnected - promotedAt).TotalSeconds:0.0}s after that; " +
            $"{ackedBeforeKill.Count} changes acknowledged before the kill, {acknowledged.Count} in all, {cut.Count} cut; import retried whole; total {clock.Elapsed.TotalSeconds:0.0}s");
        foreach (var c in cut.Take(10)) output.WriteLine("cut: " + c);
    }

    /// <summary>Waits until the import's transaction has written rows on the primary (it holds a transaction id and inserts persons or roster rows).</summary>
    private static async Task WhileImportWritesAsync(int primaryPort, Task import)
    {
        var watch = $"Host=127.0.0.1;Port={primaryPort};Username=postgres;Database=concord;Pooling=false";
        await using var conn = new NpgsqlConnection(watch);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = 'concord' AND backend_xid IS NOT NULL AND (query LIKE '%"RosterRecords"%' OR query LIKE '%"Persons"%')
            """, conn);
        var deadline = DateTime.UtcNow + Patience;
        while (!import.IsCompleted && DateTime.UtcNow < deadline)
        {
            if ((long)(await cmd.ExecuteScalarAsync())! > 0) return;
            await Task.Delay(10);
        }
    }
}
