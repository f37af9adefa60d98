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

    private long checkedAt;

    /// <summary>
    /// The node's index, opened on first use and caught up with the lists. A caller that can take a list up to
    /// <paramref name="freshWithin"/> old (a single check at the gate) spares the database the revision query when
    /// another request asked it that recently; matching an operation always asks.
    /// </summary>
    public async Task<WantedIndex> GetAsync(ConcordDbContext db, CancellationToken ct, TimeSpan freshWithin = default)
    {
        if (Volatile.Read(ref index) is { } open)
        {
            var now = Environment.TickCount64;
            if (freshWithin > TimeSpan.Zero && now - Interlocked.Read(ref checkedAt) < freshWithin.TotalMilliseconds) return open;
            await open.CatchUpAsync(db, ct);
            Interlocked.Exchange(ref checkedAt, now);
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
