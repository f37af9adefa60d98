using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Users;

/// <summary>
/// Who may try to sign in, and what a failure costs. A disabled user may not. Wrong passwords and codes count per user
/// and source address: <see cref="MaxFailures"/> from one address lock that address out for that user until an
/// administrator unlocks, while the user still signs in from any other. Every refusal is audited with its source.
/// </summary>
public static class SignInGuard
{
    public const int MaxFailures = 5;

    /// <summary>The address as the node saw it; "unknown" when the host gives none.</summary>
    public static string SourceOf(string? address) => string.IsNullOrEmpty(address) ? "unknown" : address;

    public enum Verdict { Allowed, Disabled, Locked }

    /// <summary>Whether this user may try from this address; a refusal is audited as denied.</summary>
    public static async Task<Verdict> CheckAsync(ConcordDbContext db, User user, string source, CancellationToken ct)
    {
        var verdict = user.DisabledAt is not null ? Verdict.Disabled
            : await db.SignInFailures.AnyAsync(f => f.UserId == user.Id && f.Source == source && f.LockedAt != null, ct) ? Verdict.Locked
            : Verdict.Allowed;
        if (verdict == Verdict.Allowed) return verdict;
        db.Record(ActorOf(user, source), "access.denied", nameof(User), user.Id, verdict == Verdict.Disabled ? "sign-in: user disabled" : "sign-in: locked out from this address");
        await db.SaveChangesAsync(ct);
        return verdict;
    }

    /// <summary>A wrong password, code or enrolment code (<paramref name="step"/>: "password", "code", "enrolment code"); true when this failure locked the address out.</summary>
    public static async Task<bool> FailedAsync(ConcordDbContext db, User? user, string userName, string source, string step, DateTime now, CancellationToken ct)
    {
        var action = step switch { "code" => "auth.totp-failed", "enrolment code" => "auth.enrolment-failed", _ => "auth.signin-failed" };
        if (user is null)
        {
            db.Record(new Actor($"user:{userName}", null) { Source = source }, action, nameof(User), null, "no such user");
            await db.SaveChangesAsync(ct);
            return false;
        }
        var failure = await db.SignInFailures.FirstOrDefaultAsync(f => f.UserId == user.Id && f.Source == source, ct);
        if (failure is null)
        {
            failure = new SignInFailure { UserId = user.Id, AgencyId = user.AgencyId, Source = source };
            db.SignInFailures.Add(failure);
        }
        failure.Count++;
        failure.LastAt = now;
        var locked = failure.Count >= MaxFailures && failure.LockedAt is null;
        if (locked) failure.LockedAt = now;
        db.Record(ActorOf(user, source), action, nameof(User), user.Id, $"{failure.Count} of {MaxFailures} from this address");
        if (locked) db.Record(ActorOf(user, source), "auth.locked-out", nameof(User), user.Id, "from this address, until an administrator unlocks");
        await db.SaveChangesAsync(ct);
        return locked;
    }

    /// <summary>A full sign-in from this address forgets its earlier failures.</summary>
    public static Task SucceededAsync(ConcordDbContext db, Guid userId, string source, CancellationToken ct) =>
        db.SignInFailures.Where(f => f.UserId == userId && f.Source == source).ExecuteDeleteAsync(ct);

    /// <summary>Whether any address is locked out for the user (for the administrator's list).</summary>
    public static IQueryable<Guid> LockedUsers(ConcordDbContext db) => db.SignInFailures.Where(f => f.LockedAt != null).Select(f => f.UserId);

    /// <summary>An administrator's unlock: every address of the user may try again.</summary>
    internal static Task ClearAsync(ConcordDbContext db, Guid userId, CancellationToken ct) =>
        db.SignInFailures.Where(f => f.UserId == userId).ExecuteDeleteAsync(ct);

    private static Actor ActorOf(User user, string source) => new($"user:{user.UserName}", user.AgencyId) { Source = source };
}
