using Microsoft.AspNetCore.Identity;

namespace Concord.Core.Domain;

/// <summary>A person who signs in to the web app: always of one agency, with roles that say which steps of the flow they do.</summary>
public sealed class User : IdentityUser<Guid>
{
    public User()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString("N");
    }

    public Guid AgencyId { get; set; }
    public string? DisplayName { get; set; }
    /// <summary>The UI language chosen by the user: en, zh or my.</summary>
    public string Language { get; set; } = "en";
    /// <summary>True once the user has proved their authenticator app with a first code; until then sign-in shows the key to enrol.</summary>
    public bool AuthenticatorConfirmed { get; set; }
    /// <summary>The last TOTP time step accepted, so that a code (or an older one) is never accepted twice.</summary>
    public long LastTotpStep { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    /// <summary>Set by an administrator: the user cannot sign in, and their open sessions end on their next request.</summary>
    public DateTime? DisabledAt { get; set; }
    /// <summary>SHA-256 of the one-time code that lets the user enrol the authenticator app (see Enrolment); none once enrolled.</summary>
    public string? EnrolmentCodeHash { get; set; }
    public DateTime? EnrolmentCodeExpiresAt { get; set; }
}

/// <summary>
/// Failed sign-ins of one user from one source address. Five lock that address out for that user until an administrator
/// unlocks; the user can still sign in from anywhere else, so nobody can lock an officer out by guessing at their name.
/// </summary>
public sealed class SignInFailure : Entity
{
    public Guid UserId { get; set; }
    public Guid AgencyId { get; set; }
    public required string Source { get; set; }
    public int Count { get; set; }
    public DateTime LastAt { get; set; }
    public DateTime? LockedAt { get; set; }
}

/// <summary>One signed-in session: ends after <see cref="SessionPolicy.Idle"/> without activity or <see cref="SessionPolicy.Absolute"/> in all.</summary>
public sealed class UserSession : Entity
{
    public Guid UserId { get; set; }
    public Guid AgencyId { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime LastSeenAt { get; set; }
    public DateTime? EndedAt { get; set; }
    /// <summary>signed-out | idle | expired | revoked | disabled</summary>
    public string? EndReason { get; set; }
}

public static class SessionPolicy
{
    public static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan Absolute = TimeSpan.FromHours(12);
}

/// <summary>The roles of DESIGN.md's "Who uses it", plus the agency's user administrator.</summary>
public static class Roles
{
    public const string Coordinator = "coordinator";
    public const string Commander = "commander";
    public const string Clerk = "clerk";
    public const string Reviewer = "reviewer";
    public const string PortOfficer = "port_officer";
    public const string Investigator = "investigator";
    public const string Auditor = "auditor";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Coordinator, Commander, Clerk, Reviewer, PortOfficer, Investigator, Auditor, Admin];

    /// <summary>Fixed ids so that the roles are part of the schema, created by the migrations on every node alike.</summary>
    public static Guid IdOf(string role) => new(role switch
    {
        Coordinator => "0193a000-0000-7000-8000-000000000001",
        Commander => "0193a000-0000-7000-8000-000000000002",
        Clerk => "0193a000-0000-7000-8000-000000000003",
        Reviewer => "0193a000-0000-7000-8000-000000000004",
        PortOfficer => "0193a000-0000-7000-8000-000000000005",
        Investigator => "0193a000-0000-7000-8000-000000000006",
        Auditor => "0193a000-0000-7000-8000-000000000007",
        Admin => "0193a000-0000-7000-8000-000000000008",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a Concord role"),
    });
}
