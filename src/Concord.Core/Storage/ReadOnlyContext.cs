using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Concord.Core.Storage;

/// <summary>Refuses every save of a read context: a change belongs on the primary, with its audit entry in the same transaction.</summary>
internal sealed class ReadOnlyContext : SaveChangesInterceptor
{
    public static readonly ReadOnlyContext Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) => throw Refused();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        throw Refused();

    private static InvalidOperationException Refused() => new("a read context saves nothing: changes go to the primary database");
}

/// <summary>Contexts for a running node's read-only queries (reports, lists, dashboards), on the read database (<see cref="DatabaseTarget.ReadsFrom"/>).</summary>
public sealed class ReadDatabase(DatabaseTarget reads)
{
    private readonly DbContextOptions<ConcordDbContext> _options = Database.ReadOptions(reads.Pooled());

    public DatabaseTarget Target { get; } = reads;

    public ConcordDbContext Open() => new(_options);
}
