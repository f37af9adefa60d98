using Concord.Core.Storage;

namespace Concord.Core.Features.Intake;

/// <summary>
/// The one wanted-list index of a running node: opened (mapped) once at start, then only brought up to date before
/// each use, so matching never reads the lists again.
/// </summary>
public sealed class NodeWantedIndex
{
    private readonly SemaphoreSlim opening = new(1, 1);
    private WantedIndex? index;

    /// <summary>The node's index, opened on first use and caught up with the lists.</summary>
    public async Task<WantedIndex> GetAsync(ConcordDbContext db, CancellationToken ct)
    {
        if (Volatile.Read(ref index) is { } open)
        {
            await open.CatchUpAsync(db, ct);
            return open;
        }
        await opening.WaitAsync(ct);
        try
        {
            index ??= await WantedIndex.OpenAsync(db, ct);
        }
        finally
        {
            opening.Release();
        }
        await index.CatchUpAsync(db, ct);
        return index;
    }
}
