using System.Security.Cryptography;
using Concord.Core.Domain;
using Concord.Core.Features.Users;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Web;

/// <summary>What a copy of the database or of the node's folders gives away: no authenticator key, no cookie key.</summary>
public sealed class SecretsAtRestTests
{
    [Fact]
    public async Task AuthenticatorKeys_AreSealedInTheDatabase_AndCookieKeysInTheKeyRing_AndSignInStillWorks()
    {
        await using var f = await WebFixture.CreateAsync();
        var (user, password) = await f.UserAsync("MM-MPF", Roles.Clerk);
        using var c = f.Client();
        await c.SignInAsync(user, password);

        await using var db = f.Open();
        var id = (await db.Users.SingleAsync(u => u.UserName == user)).Id;
        var stored = await db.UserTokens.Where(t => t.UserId == id && t.Name == "AuthenticatorKey").Select(t => t.Value).SingleAsync();
        Assert.True(NodeSecrets.IsSealed(stored), stored);
        Assert.DoesNotContain(c.Key!, stored, StringComparison.Ordinal);
        Assert.Equal(c.Key, NodeSecrets.Current.Open(stored!));

        var ring = Directory.GetFiles(f.KeyRing, "*.xml");
        Assert.NotEmpty(ring);
        Assert.All(ring, file =>
        {
            var xml = File.ReadAllText(file);
            Assert.Contains("sealedKey", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void ASealedText_OpensOnlyWithItsKey_AndNotOnceChanged()
    {
        var key = NodeSecrets.FromKey(RandomNumberGenerator.GetBytes(32));
        var other = NodeSecrets.FromKey(RandomNumberGenerator.GetBytes(32));
        var sealedText = key.Seal("JBSWY3DPEHPK3PXP");
        Assert.NotEqual(sealedText, key.Seal("JBSWY3DPEHPK3PXP"));
        Assert.Equal("JBSWY3DPEHPK3PXP", key.Open(sealedText));
        Assert.ThrowsAny<CryptographicException>(() => other.Open(sealedText));
        var bytes = Convert.FromBase64String(sealedText["sealed:v1:".Length..]);
        bytes[20] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => key.Open("sealed:v1:" + Convert.ToBase64String(bytes)));
        // A key stored before sealing still reads, and is sealed the next time it is written.
        Assert.Equal("JBSWY3DPEHPK3PXP", key.Open("JBSWY3DPEHPK3PXP"));
    }
}
