using Concord.Core.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Concord.Cli.Web.Security;

/// <summary>Identity's sign-in, with one rule of the node's: a disabled user never signs in, whatever the path.</summary>
internal sealed class ConcordSignInManager(UserManager<User> users, IHttpContextAccessor http, IUserClaimsPrincipalFactory<User> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<User>> logger, IAuthenticationSchemeProvider schemes, IUserConfirmation<User> confirmation)
    : SignInManager<User>(users, http, claims, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(User user) => user.DisabledAt is null && await base.CanSignInAsync(user);
}
