using Concord.Core.Storage;
using Npgsql;

namespace Concord.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database of either provider for one test. PostgreSQL comes from CONCORD_TEST_PG (a connection string
/// to a server where the user may create databases); .ci/run and ./test.sh start one. A missing server fails the test:
/// a storage test that silently skips PostgreSQL proves nothing.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "CONCORD_TEST_PG";
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    public required DatabaseTarget Target { get; init; }
    public required string Value { get; init; }
    private string? _pgName;
    private string? _pgAdmin;
    private string? _dir;

    public static async Task<TestDatabase> CreateAsync(string provider, bool migrate = true)
    {
        TestDatabase db;
        if (provider == "sqlite")
        {
            var dir = Path.Combine(Path.GetTempPath(), "concord-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            var file = Path.Combine(dir, "concord.db");
            db = new TestDatabase { Target = DatabaseTarget.Parse(file), Value = file, _dir = dir };
        }
        else
        {
            var admin = Environment.GetEnvironmentVariable(PostgresVariable);
            if (string.IsNullOrWhiteSpace(admin))
                throw new InvalidOperationException($"{PostgresVariable} is not set: run the tests with ./test.sh, which starts a PostgreSQL server, or point {PostgresVariable} at one");
            var name = "concord_t_" + Guid.NewGuid().ToString("N")[..16];
            await using (var conn = new NpgsqlConnection(admin))
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
                await cmd.ExecuteNonQueryAsync();
            }
            // Pooled, as a node's connections are: a test opens a context per request, and a new server process per
            // context made the PostgreSQL runs several times slower than SQLite's.
            var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
            db = new TestDatabase { Target = DatabaseTarget.Parse(cs), Value = cs, _pgName = name, _pgAdmin = admin };
        }
        if (migrate) await Database.MigrateAsync(db.Target, CancellationToken.None);
        return db;
    }

    public ConcordDbContext Open() => Database.Open(Target);

    public async ValueTask DisposeAsync()
    {
        if (_pgName is not null)
        {
            // A PostgreSQL database's matching index lives apart from it, in a folder named by its id.
            try
            {
                await using var db = Open();
                if (await Concord.Core.Features.Intake.WantedIndex.FolderAsync(db, default) is { } folder && Directory.Exists(folder)) Directory.Delete(folder, true);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException)
            {
                // A test that never migrated its database has no index either.
            }
            // This database's idle pooled connections go first (the drop would end them anyway, leaving dead ones in the pool).
            await using (var pooled = new NpgsqlConnection(Value)) NpgsqlConnection.ClearPool(pooled);
            await using var conn = new NpgsqlConnection(_pgAdmin);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_pgName}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        if (_dir is not null)
        {
            // Only this database's pool (a test may have opened it as a node does): other tests run beside this one.
            Target.Pooled().ReleasePool();
            try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
