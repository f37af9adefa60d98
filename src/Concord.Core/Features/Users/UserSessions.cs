using Concord.Core.Domain;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Users;

/// <summary>
/// Sessions live on the node, not only in the cookie: an idle or over-long session is refused on the server whatever the
/// browser still holds, and ending a session (sign-out, lock, role change) takes effect on the next request.
/// </summary>
public static class UserSessions
{
    /// <summary>Activity is written at most this often, so that a busy page does not write on every click.</summary>
    public static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    public static async Task<UserSession> StartAsync(ConcordDbContext db, User user, DateTime now, CancellationToken ct)
    {
        var session = new UserSession { UserId = user.Id, AgencyId = user.AgencyId, StartedAt = now, LastSeenAt = now };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return session;
    }

    /// <summary>True while the session is live; records activity when <paramref name="active"/>. An expired session is ended with its reason.</summary>
    public static async Task<bool> CheckAsync(ConcordDbContext db, Guid sessionId, DateTime now, bool active, CancellationToken ct)
    {
        // The user's state comes with the session, in the one query every request makes.
        var found = await db.UserSessions.Where(s => s.Id == sessionId)
            .Select(s => new { Session = s, Disabled = db.Users.Any(u => u.Id == s.UserId && u.DisabledAt != null) }).FirstOrDefaultAsync(ct);
        var session = found?.Session;
        if (session is null || session.EndedAt is not null) return false;
        var reason = found!.Disabled ? "disabled"
            : now - session.StartedAt >= SessionPolicy.Absolute ? "expired"
            : now - session.LastSeenAt >= SessionPolicy.Idle ? "idle"
            : null;
        if (reason is not null)
        {
            session.EndedAt = now;
            session.EndReason = reason;
            await db.SaveChangesAsync(ct);
            return false;
        }
        if (active && now - session.LastSeenAt >= TouchEvery)
        {
            session.LastSeenAt = now;
            await db.SaveChangesAsync(ct);
        }
        return true;
    }

    public static async Task EndAsync(ConcordDbContext db, Guid sessionId, DateTime now, string reason, CancellationToken ct) =>
        await db.UserSessions.Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, reason), ct);

    /// <summary>Ends every live session of a user: after a lock, a role change or a reset of the authenticator.</summary>
    public static async Task EndAllAsync(ConcordDbContext db, Guid userId, DateTime now, string reason, CancellationToken ct) =>
        await db.UserSessions.Where(s => s.UserId == userId && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, reason), ct);
}
