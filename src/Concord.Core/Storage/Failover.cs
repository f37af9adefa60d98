using Npgsql;

namespace Concord.Core.Storage;

/// <summary>
/// What a node does when its PostgreSQL primary fails and a standby is promoted. The connection string lists both
/// servers with Target Session Attributes=primary, so a new connection reaches whichever is primary now; a unit of work
/// cut mid-way is rolled back whole by the server. Only work that is safe to run twice is run again here.
/// </summary>
public static class Failover
{
    /// <summary>
    /// The failure a failover causes: the connection broke, the server is shutting down or still starting, no listed
    /// server is primary yet, or a write reached a server that has just become a standby.
    /// </summary>
    public static bool IsConnectionLost(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                    || pg.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
                        or PostgresErrorCodes.ReadOnlySqlTransaction:
                    return true;
                case PostgresException:
                    return false;
                case NpgsqlException n when n.IsTransient:
                    return true;
                case NpgsqlException n when n.InnerException is null or AggregateException:
                    // "No suitable host was found": every listed server refused or is a standby, as between a kill and a promotion.
                    return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Runs <paramref name="work"/> with a fresh context, and again with another while the database is away, for at most
    /// <paramref name="patience"/>. Only for idempotent work: an import keyed by its file's hash is whole or absent after
    /// a cut, and running it again either completes it or finds it already imported.
    /// </summary>
    public static async Task<T> RetryAsync<T>(DatabaseTarget target, Func<ConcordDbContext, Task<T>> work, TimeSpan patience, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + patience;
        var pause = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                await using var db = Database.Open(target);
                return await work(db);
            }
            catch (Exception e) when (target.Provider == DatabaseProvider.Postgres && IsConnectionLost(e) && DateTime.UtcNow + pause < deadline)
            {
                // Connections pooled before the failure lead to the old primary: drop them so the next try opens afresh.
                await using (var stale = new NpgsqlConnection(target.ConnectionString)) NpgsqlConnection.ClearPool(stale);
                await Task.Delay(pause, ct);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(4).Ticks));
            }
        }
    }
}
