using Concord.Tests.Infrastructure;

namespace Concord.Tests.Auditing;

/// <summary>`concord audit key`, `checkpoint` and `verify` as an operator and a partner use them.</summary>
public sealed class AuditCommandsTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task KeyCheckpointVerify_AtTheTerminal_AndAPartnersCheck()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        await using (var db = database.Open()) await Scenario.AgreementLeadOperationAsync(db);
        var cli = new ConcordCli(database.Value);
        var dir = Path.GetDirectoryName(Scenario.WriteTemp("x", Array.Empty<byte>()))!;
        var keyFile = Path.Combine(dir, "keys", "audit.key");

        var made = await cli.OkAsync("audit", "key", "--key", keyFile, "--name", "concord.mm-mpf.test/audit", "--json");
        var verifierKey = made.Json.GetProperty("verifier_key").GetString()!;
        Assert.StartsWith("concord.mm-mpf.test/audit+", verifierKey, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        Assert.DoesNotContain(verifierKey.Split('+')[2], File.ReadAllText(keyFile), StringComparison.Ordinal);
        // A key is never replaced: checkpoints signed with it would no longer verify.
        var again = await cli.RunAsync("audit", "key", "--key", keyFile);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("never replaced", again.Stderr, StringComparison.Ordinal);

        var checkpoint = await cli.OkAsync("audit", "checkpoint", "--key", keyFile);
        Assert.Contains("\n\n\u2014 concord.mm-mpf.test/audit ", checkpoint.Stdout, StringComparison.Ordinal);
        var kept = Path.Combine(dir, "checkpoint.txt");
        File.WriteAllText(kept, checkpoint.Stdout.TrimEnd('\n') + "\n");

        var own = await cli.OkAsync("audit", "verify", "--key", keyFile, "--json");
        Assert.True(own.Json.GetProperty("intact").GetBoolean());
        Assert.Equal(own.Json.GetProperty("entries").GetInt64(), own.Json.GetProperty("checked_up_to").GetInt64());
        var partner = await cli.OkAsync("audit", "verify", "--verifier-key", verifierKey, "--checkpoint", kept);
        Assert.Contains("2 signed checkpoints agree", partner.Stdout, StringComparison.Ordinal);

        // A checkpoint signed with another key is named, and the command fails.
        var otherKey = Path.Combine(dir, "other.key");
        await cli.OkAsync("audit", "key", "--key", otherKey, "--name", "concord.mm-mpf.test/audit");
        await cli.OkAsync("audit", "checkpoint", "--key", otherKey);
        var refused = await cli.RunAsync("audit", "verify", "--verifier-key", verifierKey);
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("the node's checkpoint 2: not signed by this node's key", refused.Stderr, StringComparison.Ordinal);

        // A key file others may read is refused.
        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var open = await cli.RunAsync("audit", "checkpoint", "--key", keyFile);
        Assert.Equal(2, open.ExitCode);
        Assert.Contains("chmod 600", open.Stderr, StringComparison.Ordinal);
    }
}
