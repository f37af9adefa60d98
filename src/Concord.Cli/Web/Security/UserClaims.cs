using System.Globalization;
using System.Security.Claims;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features;
using Concord.Core.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Concord.Cli.Web.Security;

/// <summary>The claims a signed-in user carries: their agency and language beside Identity's own (id, name, roles, stamp).</summary>
internal sealed class UserClaimsFactory(UserManager<User> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<User, IdentityRole<Guid>>(users, roles, options)
{
    public const string Agency = "concord:agency";
    public const string Session = "concord:session";
    public const string Language = "concord:lang";
    /// <summary>The address the user signed in from: the source written into the audit entries of this session.</summary>
    public const string Source = "concord:source";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(Agency, user.AgencyId.ToString("D", CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(Language, user.Language));
        return identity;
    }
}

internal static class UserPrincipal
{
    public static Guid? UserId(this ClaimsPrincipal p) => Guid.TryParse(p.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
    public static Guid? AgencyId(this ClaimsPrincipal p) => Guid.TryParse(p.FindFirstValue(UserClaimsFactory.Agency), out var id) ? id : null;
    public static Guid? SessionId(this ClaimsPrincipal p) => Guid.TryParse(p.FindFirstValue(UserClaimsFactory.Session), out var id) ? id : null;

    /// <summary>The signed-in user as the workflows know callers: of one agency, seeing the agencies below it.</summary>
    public static async Task<Actor> ActorAsync(this ClaimsPrincipal p, ConcordDbContext db, CancellationToken ct)
    {
        var agency = p.AgencyId() ?? throw new InvalidOperationException("a page that needs a user was reached without one");
        return new Actor($"user:{p.Identity?.Name}", agency, await Agencies.WithDescendantsAsync(db, agency, ct))
        {
            Source = p.FindFirstValue(UserClaimsFactory.Source),
            Roles = p.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
        };
    }
}
