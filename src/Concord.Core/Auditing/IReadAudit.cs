using Concord.Core.Storage;

namespace Concord.Core.Auditing;

/// <summary>
/// Where a read of personal data is recorded before it is shown. On a running node it is the node's <see cref="AuditQueue"/>,
/// which commits the reads of the same moment together; for a command that runs once and exits, the command's own unit
/// of work (<see cref="AuditTrail.ReadsIn"/>). Either way the call returns once the entry is committed.
/// </summary>
public interface IReadAudit
{
    Task RecordAsync(Actor actor, string action, string? entityType = null, Guid? entityId = null, string? details = null, CancellationToken ct = default);
}

/// <summary>A read recorded and committed in the caller's own context, before anything else it holds is saved.</summary>
internal sealed class UnitOfWorkReads(ConcordDbContext db) : IReadAudit
{
    public async Task RecordAsync(Actor actor, string action, string? entityType = null, Guid? entityId = null, string? details = null, CancellationToken ct = default)
    {
        db.Record(actor, action, entityType, entityId, details);
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>
/// The read that answers a change the caller has just made (the changed record shown back): the change's own entry
/// records it, so the answer writes no second entry.
/// </summary>
public sealed class AnswerToChange : IReadAudit
{
    public static readonly IReadAudit Instance = new AnswerToChange();

    private AnswerToChange()
    {
    }

    public Task RecordAsync(Actor actor, string action, string? entityType = null, Guid? entityId = null, string? details = null, CancellationToken ct = default) =>
        Task.CompletedTask;
}
