using Concord.Core.Domain;

namespace Concord.Core.Auditing;

/// <summary>Who acts: a user or key of one agency, or the node's own operator at the terminal (no agency: sees all of the node).</summary>
public sealed record Actor(string Name, Guid? AgencyId, IReadOnlySet<Guid>? VisibleAgencies = null)
{
    /// <summary>The address the caller's request came from, written into every entry it causes; none at the terminal.</summary>
    public string? Source { get; init; }

    /// <summary>The roles the caller acts in; none for the node's operator, who may do everything.</summary>
    public IReadOnlySet<string>? Roles { get; init; }

    /// <summary>True when the caller holds one of the roles (comma-separated, as <c>RoleTable</c> gives them); the node's operator always does.</summary>
    public bool HasAnyRole(string roles) => IsNodeOperator || (Roles is { } held && RoleTable.Allows(roles, held));

    public static Actor Operator(string? name = null) =>
        new(name ?? $"cli:{Environment.UserName}", null);

    public bool IsNodeOperator => AgencyId is null;

    /// <summary>
    /// The agencies whose records the actor sees: its own and those below it (<see cref="VisibleAgencies"/>), or its own
    /// alone when they were not worked out; none for the node's operator, whose reads are not scoped by agency.
    /// </summary>
    public IReadOnlySet<Guid> SeenAgencies => VisibleAgencies ?? (AgencyId is { } own ? new HashSet<Guid> { own } : new HashSet<Guid>());

    /// <summary>True when the actor's agency (or one of the agencies below it) is among the given ones.</summary>
    public bool Sees(params Guid?[] agencies)
    {
        if (IsNodeOperator) return true;
        foreach (var agency in agencies)
        {
            if (agency is not { } id) continue;
            if (VisibleAgencies is not null ? VisibleAgencies.Contains(id) : id == AgencyId) return true;
        }
        return false;
    }
}
