using System.Threading.Channels;
using Concord.Core.Domain;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Auditing;

/// <summary>
/// Group commit for audit entries that stand on their own, such as an officer opening a page of personal data. The
/// caller still waits until its entry is committed, so nothing is shown before the trail holds the read. Entries that
/// arrive while one save is running are committed together in the next, in one transaction, numbered and hashed in
/// the order they arrived. A hundred officers opening pages at once then wait for a few saves, not for a hundred in a
/// row. Entries that belong to a change are not written here: they commit with their change (<see cref="AuditTrail.Record"/>).
/// </summary>
public sealed class AuditQueue : IReadAudit, IAsyncDisposable
{
    /// <summary>At most this many entries in one save, so that one transaction stays short however long the queue.</summary>
    public const int MaxBatch = 500;

    private readonly IDbContextFactory<ConcordDbContext> _dbs;
    private readonly Channel<Waiting> _queue = Channel.CreateUnbounded<Waiting>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    private sealed record Waiting(AuditEntry Entry, TaskCompletionSource Committed);

    public AuditQueue(IDbContextFactory<ConcordDbContext> dbs)
    {
        _dbs = dbs;
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>Saves a batch, counted from the first; a test or the benchmark can read it, nothing depends on it.</summary>
    public long Batches { get; private set; }

    /// <summary>Records the entry and returns once it is committed. A failed save fails every caller of its batch.</summary>
    public Task RecordAsync(Actor actor, string action, string? entityType = null, Guid? entityId = null, string? details = null, CancellationToken ct = default)
    {
        var waiting = new Waiting(AuditTrail.Draft(actor, action, entityType, entityId, details), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(waiting))
            return Task.FromException(new ObjectDisposedException(nameof(AuditQueue), "the node is shutting down; the read was not recorded"));
        // A caller who gives up still has its entry written: the page may already have been shown.
        return waiting.Committed.Task.WaitAsync(ct);
    }

    private async Task WriteAsync()
    {
        var batch = new List<Waiting>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
            try
            {
                await using var db = await _dbs.CreateDbContextAsync();
                db.Enqueue(batch.Select(w => w.Entry));
                await db.SaveChangesAsync();
                Batches++;
                foreach (var w in batch) w.Committed.TrySetResult();
            }
            catch (Exception e)
            {
                // The entries are not in the trail: each caller learns so and shows the failure instead of the page.
                foreach (var w in batch) w.Committed.TrySetException(e);
            }
        }
    }

    /// <summary>Writes what is queued, then stops: a node shutting down keeps every read it showed.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }
}
