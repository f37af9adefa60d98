using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Features.Operations;
using Concord.Core.Features.Reports;
using Concord.Core.Storage;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Concord.Tests.Storage;

/// <summary>Reports and the audit check read from --read-db; nothing is ever written there, and the reading is audited on the primary.</summary>
public sealed class ReadDatabaseTests
{
    [Fact]
    public async Task ReadTarget_OnPostgres_IsReadOnly_AndReportReadsThere_WhileItsAuditGoesToThePrimary()
    {
        await using var database = await TestDatabase.CreateAsync("postgres");
        await using (var db = database.Open())
        {
            await Scenario.AgreementLeadOperationAsync(db);
            await ImportRoster.RunAsync(db, Scenario.Operator, Scenario.WriteTemp("roster.csv", Scenario.RosterLines(30)), Scenario.Operation, default);
        }
        // The same server stands in for the standby: what matters is how the read connection is opened.
        var reads = database.Target.ReadsFrom(database.Value);
        Assert.Contains("default_transaction_read_only=on", new NpgsqlConnectionStringBuilder(reads.ConnectionString).Options, StringComparison.Ordinal);

        await using var primary = database.Open();
        await using var read = Database.OpenReads(reads);
        var before = await primary.AuditEntries.CountAsync();
        var report = await OperationReport.BuildAsync(read, Scenario.Operator, Scenario.Operation, primary.ReadsIn(), default);
        Assert.Equal(30, report.Arrested.RosterRows);
        Assert.Equal(before + 1, await primary.AuditEntries.CountAsync());
        Assert.Equal("report.read", (await primary.AuditEntries.OrderByDescending(a => a.Sequence).FirstAsync()).Action);

        // The server refuses a write on the read connection, and the context refuses to save at all.
        var refused = await Assert.ThrowsAsync<PostgresException>(() => read.Database.ExecuteSqlRawAsync("""UPDATE "Operations" SET "Code" = "Code" """));
        Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, refused.SqlState);
        read.Record(Scenario.Operator, "report.read");
        await Assert.ThrowsAsync<InvalidOperationException>(() => read.SaveChangesAsync());
        Assert.Null(await AuditTrail.VerifyAsync(primary, default));
    }

    [Fact]
    public async Task ReadTarget_IsRefused_ForSqlite_AndDefaultsToTheDatabaseItself()
    {
        var sqlite = DatabaseTarget.Parse(Path.Combine(Path.GetTempPath(), "concord-read.db"));
        var refused = Assert.Throws<ConcordException>(() => sqlite.ReadsFrom("Host=127.0.0.1;Database=x"));
        Assert.Contains("--read-db", refused.Message, StringComparison.Ordinal);
        // With neither --read-db nor CONCORD_READ_DB, reads go to the database itself (the test hosts run without the variable).
        Assert.Null(Environment.GetEnvironmentVariable(DatabaseTarget.ReadEnvironmentVariable));
        Assert.Same(sqlite, sqlite.ReadsFrom(null));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Cli_ReportAndAuditVerify_ReadFromReadDb_OnPostgres_AndRefuseIt_OnSqlite(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.Open()) await Scenario.AgreementLeadOperationAsync(db);
        var cli = new ConcordCli(database.Value);
        await cli.OkAsync("roster", "import", Scenario.WriteTemp("roster.csv", Scenario.RosterLines(12)), "--operation", Scenario.Operation);

        var readDb = provider == "postgres" ? database.Value : "Host=127.0.0.1;Database=standby";
        var report = await cli.RunAsync("report", "operation", Scenario.Operation, "--json", "--read-db", readDb);
        var verify = await cli.RunAsync("audit", "verify", "--json", "--read-db", readDb);
        if (provider == "postgres")
        {
            Assert.True(report.ExitCode == 0, report.Stderr);
            Assert.Equal(12, report.Json.GetProperty("arrested").GetProperty("roster_rows").GetInt32());
            Assert.True(verify.Json.GetProperty("intact").GetBoolean());
        }
        else
        {
            Assert.Equal(2, report.ExitCode);
            Assert.Contains("--read-db", report.Stderr, StringComparison.Ordinal);
            Assert.Equal(2, verify.ExitCode);
        }
    }
}
