using Concord.Matching;
using System.Security.Cryptography;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Core.Features.Users;

/// <summary>
/// Users and their roles. An agency's administrator manages the users of that agency only, and never their own roles:
/// nobody can raise themself. The node operator (at the terminal) creates an agency's first administrator.
/// </summary>
public static class UserAdmin
{
    public sealed record UserView(Guid Id, string UserName, string? DisplayName, string Agency, IReadOnlyList<string> Roles,
        bool LockedOut, bool AuthenticatorConfirmed, string Language, bool Disabled);

    /// <summary>A new user: the password and the enrolment code are returned once, to be handed to the user.</summary>
    public sealed record Created(Guid Id, string UserName, string Password, string EnrolmentCode);

    public const int PasswordLength = 16;

    /// <summary>Identity's options as Concord sets them, for the web host and the command line alike.</summary>
    public static IdentityBuilder AddConcordIdentity(this IServiceCollection services) =>
        services.AddIdentityCore<User>(o =>
            {
                o.Password.RequiredLength = 12;
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
                // Failures are counted per user and source address by SignInGuard, not per account: five guesses at an
                // officer's name from one address must not lock the officer out everywhere.
                o.Lockout.AllowedForNewUsers = false;
                o.SignIn.RequireConfirmedAccount = false;
                o.Tokens.AuthenticatorTokenProvider = TokenOptions.DefaultAuthenticatorProvider;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<ConcordDbContext>()
            .AddUserStore<ConcordUserStore>()
            .AddTokenProvider<TotpTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);

    public static async Task<IReadOnlyList<UserView>> ListAsync(ConcordDbContext db, UserManager<User> users, User admin, CancellationToken ct)
    {
        await RequireAdminAsync(users, admin);
        var agency = await db.Agencies.AsNoTracking().FirstAsync(a => a.Id == admin.AgencyId, ct);
        var list = await db.Users.AsNoTracking().Where(u => u.AgencyId == admin.AgencyId).OrderBy(u => u.UserName).ToListAsync(ct);
        var roles = (await db.UserRoles.AsNoTracking()
                .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
                .Where(x => list.Select(u => u.Id).Contains(x.UserId)).ToListAsync(ct))
            .ToLookup(x => x.UserId, x => x.Name!);
        var locked = (await SignInGuard.LockedUsers(db).Where(id => list.Select(u => u.Id).Contains(id)).ToListAsync(ct)).ToHashSet();
        return list.Select(u => new UserView(u.Id, u.UserName!, u.DisplayName, agency.Code, roles[u.Id].Order(StringComparer.Ordinal).ToList(),
            locked.Contains(u.Id), u.AuthenticatorConfirmed, u.Language, u.DisabledAt is not null)).ToList();
    }

    /// <summary>A new user of the administrator's own agency; the password is returned once, to be handed to the user.</summary>
    public static async Task<Created> CreateAsync(ConcordDbContext db, UserManager<User> users, Actor actor, User admin, string userName, string? displayName,
        IReadOnlyCollection<string> roles, string language, CancellationToken ct)
    {
        await RequireAdminAsync(users, admin);
        return await CreateInAgencyAsync(db, users, actor, admin.AgencyId, userName, displayName, roles, language, ct);
    }

    /// <summary>The node operator's path (command line, demo): a user of any agency of the node.</summary>
    public static async Task<Created> CreateByOperatorAsync(ConcordDbContext db, UserManager<User> users, Actor actor, string agencyCode, string userName,
        string? displayName, IReadOnlyCollection<string> roles, string language, CancellationToken ct)
    {
        if (!actor.IsNodeOperator) throw new ConcordException(new InvalidRequestError("agency", "only the node operator creates users of any agency"));
        var agency = await Agencies.GetAsync(db, agencyCode, "agency", ct, node: true);
        return await CreateInAgencyAsync(db, users, actor, agency.Id, userName, displayName, roles, language, ct);
    }

    private static async Task<Created> CreateInAgencyAsync(ConcordDbContext db, UserManager<User> users, Actor actor, Guid agencyId, string userName,
        string? displayName, IReadOnlyCollection<string> roles, string language, CancellationToken ct)
    {
        CheckRoles(roles);
        CheckLanguage(language);
        if (string.IsNullOrWhiteSpace(userName)) throw new ConcordException(new InvalidRequestError("user_name", new Phrase(ErrorTexts.UserNameRequired)));
        if (await users.FindByNameAsync(userName.Trim()) is not null)
            throw new ConcordException(new ConflictError(new Phrase(ErrorTexts.UserExists, userName.Trim())));
        var user = new User { UserName = userName.Trim(), DisplayName = displayName?.Trim(), AgencyId = agencyId, Language = language, TwoFactorEnabled = true };
        var password = NewPassword();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Record(actor, "user.create", nameof(User), user.Id, $"{user.UserName} roles={string.Join(',', roles.Order(StringComparer.Ordinal))}");
        Check(await users.CreateAsync(user, password), "user_name");
        Check(await users.AddToRolesAsync(user, roles), "roles");
        Check(await users.ResetAuthenticatorKeyAsync(user), "authenticator");
        var code = Enrolment.Issue(user, DateTime.UtcNow);
        Check(await users.UpdateAsync(user), "authenticator");
        await tx.CommitAsync(ct);
        return new Created(user.Id, user.UserName, password, code);
    }

    public static async Task SetRolesAsync(ConcordDbContext db, UserManager<User> users, Actor actor, User admin, Guid userId, IReadOnlyCollection<string> roles, CancellationToken ct)
    {
        await RequireAdminAsync(users, admin);
        CheckRoles(roles);
        var user = await OwnUserAsync(users, admin, userId);
        if (user.Id == admin.Id) throw new ConcordException(new ConflictError(new Phrase(ErrorTexts.OwnRoles)));
        var current = await users.GetRolesAsync(user);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Record(actor, "user.roles", nameof(User), user.Id, $"{string.Join(',', current.Order(StringComparer.Ordinal))} -> {string.Join(',', roles.Order(StringComparer.Ordinal))}");
        Check(await users.RemoveFromRolesAsync(user, current.Except(roles, StringComparer.Ordinal)), "roles");
        Check(await users.AddToRolesAsync(user, roles.Except(current, StringComparer.Ordinal)), "roles");
        await UserSessions.EndAllAsync(db, user.Id, DateTime.UtcNow, "revoked", ct);
        await tx.CommitAsync(ct);
    }

    public static async Task UnlockAsync(ConcordDbContext db, UserManager<User> users, Actor actor, User admin, Guid userId, CancellationToken ct)
    {
        await RequireAdminAsync(users, admin);
        var user = await OwnUserAsync(users, admin, userId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Record(actor, "user.unlock", nameof(User), user.Id, user.UserName);
        await db.SaveChangesAsync(ct);
        await SignInGuard.ClearAsync(db, user.Id, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Disables a user of the administrator's agency (a transfer, a suspension): no sign-in, and their open sessions end
    /// at once. Nobody disables themself.
    /// </summary>
    public static async Task SetDisabledAsync(ConcordDbContext db, UserManager<User> users, Actor actor, User admin, Guid userId, bool disabled, CancellationToken ct)
    {
        await RequireAdminAsync(users, admin);
        var user = await OwnUserAsync(users, admin, userId);
        if (user.Id == admin.Id) throw new ConcordException(new ConflictError(new Phrase(ErrorTexts.OwnAccount)));
        await SetDisabledAsync(db, users, actor, user, disabled, ct);
    }

    /// <summary>The node operator's path (command line): any user of the node.</summary>
    public static async Task SetDisabledByOperatorAsync(ConcordDbContext db, UserManager<User> users, Actor actor, string userName, bool disabled, CancellationToken ct)
    {
        if (!actor.IsNodeOperator) throw new ConcordException(new InvalidRequestError("user", "only the node operator disables any user"));
        var user = await users.FindByNameAsync(userName) ?? throw new ConcordException(new NotFoundError("user", userName));
        await SetDisabledAsync(db, users, actor, user, disabled, ct);
    }

    private static async Task SetDisabledAsync(ConcordDbContext db, UserManager<User> users, Actor actor, User user, bool disabled, CancellationToken ct)
    {
        if ((user.DisabledAt is not null) == disabled) return;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Record(actor, disabled ? "user.disable" : "user.enable", nameof(User), user.Id, user.UserName);
        user.DisabledAt = disabled ? DateTime.UtcNow : null;
        Check(await users.UpdateAsync(user), "user");
        if (disabled) await UserSessions.EndAllAsync(db, user.Id, DateTime.UtcNow, "disabled", ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// A new authenticator key (a lost phone): the user enrols again at the next sign-in with the enrolment code returned
    /// here, handed over by the administrator; their sessions end.
    /// </summary>
    public static async Task<string> ResetAuthenticatorAsync(ConcordDbContext db, UserManager<User> users, Actor actor, User admin, Guid userId, CancellationToken ct)
    {
        await RequireAdminAsync(users, admin);
        return await ResetAuthenticatorAsync(db, users, actor, await OwnUserAsync(users, admin, userId), ct);
    }

    /// <summary>The node operator's path (command line, the demo): a new enrolment code for a user not yet enrolled, or a new key and code.</summary>
    public static async Task<string> ResetAuthenticatorByOperatorAsync(ConcordDbContext db, UserManager<User> users, Actor actor, string userName, CancellationToken ct)
    {
        if (!actor.IsNodeOperator) throw new ConcordException(new InvalidRequestError("user", "only the node operator resets any user's authenticator"));
        var user = await users.FindByNameAsync(userName) ?? throw new ConcordException(new NotFoundError("user", userName));
        return await ResetAuthenticatorAsync(db, users, actor, user, ct);
    }

    private static async Task<string> ResetAuthenticatorAsync(ConcordDbContext db, UserManager<User> users, Actor actor, User user, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Record(actor, "user.reset-authenticator", nameof(User), user.Id, user.UserName);
        user.AuthenticatorConfirmed = false;
        Check(await users.ResetAuthenticatorKeyAsync(user), "authenticator");
        var code = Enrolment.Issue(user, DateTime.UtcNow);
        Check(await users.UpdateAsync(user), "authenticator");
        await UserSessions.EndAllAsync(db, user.Id, DateTime.UtcNow, "revoked", ct);
        await tx.CommitAsync(ct);
        return code;
    }

    /// <summary>A new password, shown once to the administrator who hands it over.</summary>
    public static async Task<string> ResetPasswordAsync(ConcordDbContext db, UserManager<User> users, Actor actor, User admin, Guid userId, CancellationToken ct)
    {
        await RequireAdminAsync(users, admin);
        var user = await OwnUserAsync(users, admin, userId);
        return await SetPasswordAsync(db, users, actor, user, ct);
    }

    internal static async Task<string> SetPasswordAsync(ConcordDbContext db, UserManager<User> users, Actor actor, User user, CancellationToken ct)
    {
        var password = NewPassword();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Record(actor, "user.reset-password", nameof(User), user.Id, user.UserName);
        Check(await users.RemovePasswordAsync(user), "password");
        Check(await users.AddPasswordAsync(user, password), "password");
        await tx.CommitAsync(ct);
        return password;
    }

    /// <summary>The node operator sets a fresh password (the demo workspace does this at every start).</summary>
    public static async Task<string> ResetPasswordByOperatorAsync(ConcordDbContext db, UserManager<User> users, Actor actor, string userName, CancellationToken ct)
    {
        if (!actor.IsNodeOperator) throw new ConcordException(new InvalidRequestError("user", "only the node operator resets any user's password"));
        var user = await users.FindByNameAsync(userName) ?? throw new ConcordException(new NotFoundError("user", userName));
        return await SetPasswordAsync(db, users, actor, user, ct);
    }

    public static async Task SetLanguageAsync(UserManager<User> users, User user, string language)
    {
        CheckLanguage(language);
        if (user.Language == language) return;
        user.Language = language;
        Check(await users.UpdateAsync(user), "language");
    }

    public static readonly IReadOnlyList<string> Languages = ["en", "zh", "my"];

    private static async Task RequireAdminAsync(UserManager<User> users, User admin)
    {
        if (!await users.IsInRoleAsync(admin, Roles.Admin))
            throw new ConcordException(new NotFoundError("user administration", admin.UserName ?? ""));
    }

    // Another agency's user answers "not found", as every record of another agency does.
    private static async Task<User> OwnUserAsync(UserManager<User> users, User admin, Guid userId)
    {
        var user = await users.FindByIdAsync(userId.ToString("D"));
        if (user is null || user.AgencyId != admin.AgencyId) throw new ConcordException(new NotFoundError("user", userId.ToString("D")));
        return user;
    }

    private static void CheckRoles(IEnumerable<string> roles)
    {
        foreach (var r in roles)
            if (!Roles.All.Contains(r, StringComparer.Ordinal))
                throw new ConcordException(new InvalidRequestError("roles", $"'{r}' is not a role (roles: {string.Join(", ", Roles.All)})"));
    }

    private static void CheckLanguage(string language)
    {
        if (!Languages.Contains(language, StringComparer.Ordinal))
            throw new ConcordException(new InvalidRequestError("language", $"'{language}' is not en, zh or my"));
    }

    private static void Check(IdentityResult result, string field)
    {
        if (!result.Succeeded) throw new ConcordException(new InvalidRequestError(field, string.Join("; ", result.Errors.Select(e => e.Description))));
    }

    private static string NewPassword()
    {
        // Letters and digits that read unambiguously aloud or on paper, plus the classes Identity asks for.
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = new char[PasswordLength];
        for (var i = 0; i < chars.Length; i++) chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        chars[4] = '-';
        chars[9] = '-';
        chars[0] = "ABCDEFGHJKLMNPQRSTUVWXYZ"[RandomNumberGenerator.GetInt32(24)];
        chars[1] = "abcdefghjkmnpqrstuvwxyz"[RandomNumberGenerator.GetInt32(23)];
        chars[2] = "23456789"[RandomNumberGenerator.GetInt32(8)];
        return new string(chars);
    }
}
