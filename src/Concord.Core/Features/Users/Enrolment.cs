using System.Security.Cryptography;
using System.Text;
using Concord.Core.Domain;

namespace Concord.Core.Features.Users;

/// <summary>
/// The first enrolment of the authenticator app needs more than the password: a one-time enrolment code that an
/// administrator hands over with it (made with the user, and again with "new authenticator"). Until it is given, the
/// sign-in's second step shows no key. The node keeps only its hash; it lapses after <see cref="ValidFor"/> and once the
/// app is enrolled.
/// </summary>
public static class Enrolment
{
    public static readonly TimeSpan ValidFor = TimeSpan.FromDays(7);
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>A new code for the user (replacing any earlier one), to be saved with the user and handed over once.</summary>
    public static string Issue(User user, DateTime now)
    {
        var chars = new char[8];
        for (var i = 0; i < chars.Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        var code = $"{new string(chars, 0, 4)}-{new string(chars, 4, 4)}";
        user.EnrolmentCodeHash = Hash(code);
        user.EnrolmentCodeExpiresAt = now + ValidFor;
        return code;
    }

    /// <summary>True when the code is the user's, still valid, and the app not yet enrolled; spaces, dashes and case do not matter.</summary>
    public static bool Matches(User user, string? code, DateTime now)
    {
        if (user.AuthenticatorConfirmed || user.EnrolmentCodeHash is null || user.EnrolmentCodeExpiresAt is not { } expires || now >= expires) return false;
        if (string.IsNullOrWhiteSpace(code)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(code)), Encoding.ASCII.GetBytes(user.EnrolmentCodeHash));
    }

    /// <summary>The app is enrolled: the code is spent.</summary>
    public static void Complete(User user)
    {
        user.EnrolmentCodeHash = null;
        user.EnrolmentCodeExpiresAt = null;
    }

    private static string Hash(string code)
    {
        var normal = new string(code.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(normal)));
    }
}
