using Concord.Core.Domain;
using Concord.Core.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Concord.Core.Features.Users;

/// <summary>Identity's store, with the authenticator keys sealed by the node's secrets key: a copy of the database holds no working second factor.</summary>
public sealed class ConcordUserStore(ConcordDbContext db, IdentityErrorDescriber? describer = null)
    : UserStore<User, IdentityRole<Guid>, ConcordDbContext, Guid>(db, describer)
{
    public override Task SetAuthenticatorKeyAsync(User user, string key, CancellationToken cancellationToken) =>
        base.SetAuthenticatorKeyAsync(user, NodeSecrets.Current.Seal(key), cancellationToken);

    public override async Task<string?> GetAuthenticatorKeyAsync(User user, CancellationToken cancellationToken) =>
        await base.GetAuthenticatorKeyAsync(user, cancellationToken) is { } stored ? NodeSecrets.Current.Open(stored) : null;
}
