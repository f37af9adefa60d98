using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace Concord.Core.Storage;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>Where the data lives: a SQLite file path or a PostgreSQL connection string, from --db or CONCORD_DB.</summary>
public sealed record DatabaseTarget(DatabaseProvider Provider, string ConnectionString)
{
    public const string EnvironmentVariable = "CONCORD_DB";
    public const string ReadEnvironmentVariable = "CONCORD_READ_DB";
    public const string DefaultSqliteFile = "concord.db";

    public static DatabaseTarget Resolve(string? db)
    {
        var value = string.IsNullOrWhiteSpace(db) ? Environment.GetEnvironmentVariable(EnvironmentVariable) : db;
        if (string.IsNullOrWhiteSpace(value)) value = DefaultSqliteFile;
        return Parse(value);
    }

    public static DatabaseTarget Parse(string value)
    {
        if (value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) ||
            value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return new(DatabaseProvider.Postgres, FromUri(new Uri(value)));
        if (value.Contains("Host=", StringComparison.OrdinalIgnoreCase))
            return new(DatabaseProvider.Postgres, value);
        var builder = value.Contains("Data Source=", StringComparison.OrdinalIgnoreCase)
            ? new SqliteConnectionStringBuilder(value)
            : new SqliteConnectionStringBuilder { DataSource = value };
        builder.Pooling = false;
        return new(DatabaseProvider.Sqlite, builder.ToString());
    }

    /// <summary>
    /// Where reports, lists and dashboards read: a PostgreSQL standby named by --read-db or CONCORD_READ_DB, else this
    /// database. The standby's sessions are opened read-only, so a write sent there by mistake is refused by the server.
    /// </summary>
    public DatabaseTarget ReadsFrom(string? readDb)
    {
        var value = string.IsNullOrWhiteSpace(readDb) ? Environment.GetEnvironmentVariable(ReadEnvironmentVariable) : readDb;
        if (string.IsNullOrWhiteSpace(value)) return this;
        var reads = Parse(value);
        if (reads.Provider != DatabaseProvider.Postgres || Provider != DatabaseProvider.Postgres)
            throw new ConcordException(new InvalidRequestError("--read-db", "a read database is a PostgreSQL standby of a PostgreSQL --db; SQLite has none"));
        var builder = new NpgsqlConnectionStringBuilder(reads.ConnectionString);
        builder.Options = $"{builder.Options} -c default_transaction_read_only=on".Trim();
        return reads with { ConnectionString = builder.ToString() };
    }

    private static string FromUri(Uri uri)
    {
        var userInfo = uri.UserInfo.Split(':', 2);
        var parts = new List<string> { $"Host={uri.Host}", $"Database={uri.AbsolutePath.TrimStart('/')}" };
        if (uri.Port > 0) parts.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Port={uri.Port}"));
        if (userInfo.Length > 0 && userInfo[0].Length > 0) parts.Add($"Username={Uri.UnescapeDataString(userInfo[0])}");
        if (userInfo.Length > 1) parts.Add($"Password={Uri.UnescapeDataString(userInfo[1])}");
        return string.Join(';', parts);
    }

    /// <summary>
    /// The same database with its connections kept open between units of work, for a long-running node: on SQLite each
    /// new connection opens the file and reads the schema again. Commands that run once and exit keep no pool, so that
    /// nothing holds the file after them.
    /// </summary>
    public DatabaseTarget Pooled() => Provider == DatabaseProvider.Sqlite
        ? this with { ConnectionString = new SqliteConnectionStringBuilder(ConnectionString) { Pooling = true }.ToString() }
        : this;

    /// <summary>Closes the connections <see cref="Pooled"/> kept for this database.</summary>
    public void ReleasePool()
    {
        if (Provider != DatabaseProvider.Sqlite) return;
        using var connection = new SqliteConnection(ConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    public string Describe() => Provider == DatabaseProvider.Sqlite
        ? new SqliteConnectionStringBuilder(ConnectionString).DataSource
        : "PostgreSQL";
}

public static class Database
{
    public const string SqliteMigrations = "Concord.Migrations.Sqlite";
    public const string PostgresMigrations = "Concord.Migrations.Postgres";

    public static DbContextOptions<ConcordDbContext> Options(DatabaseTarget target)
    {
        var builder = new DbContextOptionsBuilder<ConcordDbContext>();
        Configure(builder, target);
        return builder.Options;
    }

    /// <summary>
    /// Set by the design-time factories: `dotnet ef` builds the model from the code, never from the compiled model it is
    /// about to regenerate or compare against.
    /// </summary>
    public static bool DesignTime { get; set; }

    /// <summary>
    /// The model compiled ahead of time for a provider (`dotnet ef dbcontext optimize`, kept in its migrations
    /// assembly): building the model at run time costs each command about 0.6 s. A test checks that it matches the code.
    /// </summary>
    public static Microsoft.EntityFrameworkCore.Metadata.IModel? CompiledModel(DatabaseProvider provider)
    {
        if (DesignTime) return null;
        var assembly = provider == DatabaseProvider.Sqlite ? SqliteMigrations : PostgresMigrations;
        var type = Type.GetType($"{assembly}.CompiledModel.ConcordDbContextModel, {assembly}");
        return type?.GetProperty("Instance", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)?.GetValue(null) as Microsoft.EntityFrameworkCore.Metadata.IModel;
    }

    /// <param name="compiled">false builds the model from the code, as the test that compares the two does.</param>
    public static void Configure(DbContextOptionsBuilder builder, DatabaseTarget target, bool compiled = true) => Configure(builder, target, compiled, retry: false);

    private static void Configure(DbContextOptionsBuilder builder, DatabaseTarget target, bool compiled, bool retry)
    {
        if (compiled && CompiledModel(target.Provider) is { } model) builder.UseModel(model);
        if (target.Provider == DatabaseProvider.Sqlite)
        {
            // Split queries: a manifest loads persons and items together, and one joined query would multiply the rows.
            builder.UseSqlite(target.ConnectionString, o => o.MigrationsAssembly(SqliteMigrations).UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
                .AddInterceptors(SqlitePragmas.Instance);
        }
        else
        {
            builder.UseNpgsql(target.ConnectionString, o =>
            {
                o.MigrationsAssembly(PostgresMigrations).UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery);
                if (retry) o.EnableRetryOnFailure(ReadRetries, TimeSpan.FromSeconds(5), null);
            });
        }
    }

    /// <summary>
    /// How often a read is tried again after the database went away: six tries with growing pauses span about half a
    /// minute, the time a standby takes to be promoted.
    /// </summary>
    private const int ReadRetries = 6;

    /// <summary>
    /// A context for read-only queries on <paramref name="reads"/> (<see cref="DatabaseTarget.ReadsFrom"/>): nothing it
    /// reads is tracked, it refuses to save, and on PostgreSQL EF Core's retrying strategy runs each query again when
    /// the connection is lost. Retrying is safe here because a read changes nothing; the writing context keeps no such
    /// strategy, since every change runs in its own transaction whose outcome a cut connection leaves unknown.
    /// </summary>
    public static ConcordDbContext OpenReads(DatabaseTarget reads) => new(ReadOptions(reads));

    public static DbContextOptions<ConcordDbContext> ReadOptions(DatabaseTarget reads)
    {
        var builder = new DbContextOptionsBuilder<ConcordDbContext>();
        Configure(builder, reads, compiled: true, retry: true);
        builder.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking).AddInterceptors(ReadOnlyContext.Instance);
        return builder.Options;
    }

    public static ConcordDbContext Open(DatabaseTarget target) => new(Options(target));

    /// <summary>
    /// Refuses a database this version of Concord cannot work on: none there yet, a schema older than this version's
    /// (run `concord init`), or one a newer version upgraded. Only `concord init` (and the demo) change the schema; every
    /// other command checks it here, with one query on the migrations history.
    /// </summary>
    public static async Task CheckSchemaAsync(DatabaseTarget target, ConcordDbContext db, CancellationToken ct)
    {
        if (target.Provider == DatabaseProvider.Sqlite)
        {
            var builder = new SqliteConnectionStringBuilder(target.ConnectionString);
            // Opening a missing file would create an empty one: look first.
            if (builder.Mode != SqliteOpenMode.Memory && builder.DataSource is not ("" or ":memory:") && !File.Exists(builder.DataSource))
                throw NoDatabase(target);
        }
        var known = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsAssembly>().Migrations.Keys.ToList();
        var applied = new List<string>();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = """SELECT "MigrationId" FROM "__EFMigrationsHistory" """;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) applied.Add(reader.GetString(0));
        }
        catch (System.Data.Common.DbException)
        {
            // No history table: not a Concord database, or one never initialised.
            throw NoDatabase(target);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        if (applied.Count == 0) throw NoDatabase(target);
        if (applied.Except(known, StringComparer.Ordinal).FirstOrDefault() is { } newer)
            throw new ConcordException(new ConflictError(
                $"the database {target.Describe()} was upgraded by a newer version of Concord (migration {newer}): use that version"));
        if (known.Except(applied, StringComparer.Ordinal).FirstOrDefault() is { } missing)
            throw new ConcordException(new ConflictError(
                $"the database {target.Describe()} has an older schema than this version of Concord (missing {missing}): run `concord init` (or `concord migrate`) to upgrade it"));
    }

    private static ConcordException NoDatabase(DatabaseTarget target) =>
        new(new ConflictError($"no Concord database at {target.Describe()}: run `concord init` to create it"));

    /// <summary>Brings the schema to the current version; run by `concord init` and by the demo.</summary>
    public static async Task MigrateAsync(DatabaseTarget target, CancellationToken ct)
    {
        await using var db = Open(target);
        await db.Database.MigrateAsync(ct);
        // What the schema cannot compute itself: the search text of persons made before it was kept.
        await Features.Persons.PersonSearch.BackfillAsync(db, ct);
    }
}
