using Concord.Core.Domain;
using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace Concord.Core.Features.Users;

/// <summary>
/// RFC 6238 codes from the user's authenticator app. A code is accepted once: its time step must be later than the last
/// one accepted for that user, so a code seen over a shoulder or replayed from a log is refused. The step is stored with
/// the user's concurrency stamp, so two sign-ins racing with the same code cannot both win.
/// </summary>
public sealed class TotpTokenProvider(TimeProvider clock) : IUserTwoFactorTokenProvider<User>
{
    /// <summary>One step either side: the phone's clock may be 30 seconds off.</summary>
    private static readonly VerificationWindow Window = new(previous: 1, future: 1);

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<User> manager, User user) =>
        !string.IsNullOrEmpty(await manager.GetAuthenticatorKeyAsync(user));

    // The app makes the codes; the node never sends one.
    public Task<string> GenerateAsync(string purpose, UserManager<User> manager, User user) => Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<User> manager, User user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        var code = new string((token ?? "").Where(char.IsAsciiDigit).ToArray());
        if (string.IsNullOrEmpty(key) || code.Length != 6) return false;
        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, code, out var step, Window)) return false;
        if (step <= user.LastTotpStep) return false;
        user.LastTotpStep = step;
        if (!user.AuthenticatorConfirmed) Enrolment.Complete(user);
        user.AuthenticatorConfirmed = true;
        return (await manager.UpdateAsync(user)).Succeeded;
    }

    /// <summary>The code an authenticator app shows at the given time (for tests and the demo's own checks).</summary>
    public static string CodeAt(string base32Key, DateTimeOffset time) => new Totp(Base32Encoding.ToBytes(base32Key)).ComputeTotp(time.UtcDateTime);
}
