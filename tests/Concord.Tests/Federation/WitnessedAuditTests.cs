using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Federation;
using Concord.Core.Features.Leads;
using Concord.Tests.Auditing;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Federation;

/// <summary>
/// China's node signs checkpoints of its audit trail and Myanmar's node witnesses them: each checkpoint must extend the
/// one witnessed before, by a consistency proof, before Myanmar's node cosigns it. When one entry of China's trail is
/// rewritten after a checkpoint was cosigned (the trail re-chained and the node's own checkpoints signed again),
/// <c>audit verify</c> on China's node fails on the cosigned checkpoint, and Myanmar's node refuses the next
/// checkpoint, which China's node hears on the next exchange.
/// </summary>
public sealed class WitnessedAuditTests
{
    private static readonly Actor Operator = Scenario.Operator;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ARewriteBehindACosignedCheckpoint_FailsVerification_AndThePartnerReportsIt(string provider)
    {
        await using var nodes = await TwoNodes.CreateAsync(provider);
        using var audit = NoteKey.Create("concord.cn-mps/audit");

        async Task<(long Size, int Partners)> CheckpointAsync()
        {
            await using var db = nodes.Cn.Open();
            var (row, partners) = await Witness.CheckpointAsync(db, Operator, audit, default);
            return (row.TreeSize, partners);
        }

        await using (var db = nodes.Cn.Open())
            await ImportLead.RunAsync(db, Operator, new ImportLead.Request("CN-LEAD-2024-017", "CN-MPS", "MM-MPF", "H3", Repo.Muse("dens.csv"), Repo.Muse("lead-targets.csv")), default);
        var first = await CheckpointAsync();
        Assert.Equal(1, first.Partners);
        Assert.Equal((2, 0), await nodes.CarryAsync(nodes.Cn, nodes.Mm));
        await using (var db = nodes.Mm.Open())
        {
            var partner = await db.Partners.SingleAsync(p => p.Node == "CN-MPS-NODE");
            Assert.Equal(audit.VerifierKey, partner.AuditKey);
            Assert.Contains("concord.cn-mps/audit", partner.WitnessedNote, StringComparison.Ordinal);
        }
        Assert.Equal((1, 0), await nodes.CarryAsync(nodes.Mm, nodes.Cn));

        // A second checkpoint extends the first: Myanmar's node checks the proof and cosigns it too.
        await using (var db = nodes.Cn.Open())
        {
            db.Record(Operator, "agency.key", details: "more happened on the node");
            await db.SaveChangesAsync();
        }
        var second = await CheckpointAsync();
        Assert.True(second.Size > first.Size);
        Assert.Equal((1, 0), await nodes.CarryAsync(nodes.Cn, nodes.Mm));
        Assert.Equal((1, 0), await nodes.CarryAsync(nodes.Mm, nodes.Cn));
        // The auditor's command names the partner and how far it witnessed the trail.
        var (_, intact) = await ConcordCli.RunUntilAsync(nodes.Cn.Database.Value, ["audit", "verify", "--verifier-key", audit.VerifierKey], ConcordCli.Patience);
        Assert.True(intact.ExitCode == 0, intact.Stderr + intact.Stdout);
        Assert.Contains($"witnessed by MM-MPF-NODE: the first {second.Size} entries", intact.Stdout, StringComparison.Ordinal);
        await using (var db = nodes.Cn.Open())
        {
            var witnessed = Assert.Single(await Witness.LatestAsync(db, default));
            Assert.Equal(("MM-MPF-NODE", second.Size), (witnessed.Node, witnessed.TreeSize));
            Assert.Equal(2, await db.AuditCosignatures.CountAsync());
            var cosigned = await Witness.CosignedNotesAsync(db, default);
            Assert.All(cosigned, n => Assert.Contains("\n\u2014 MM-MPF-NODE ", n, StringComparison.Ordinal));
            Assert.True((await AuditCheckpoints.VerifyAsync(db, audit, cosigned, default)).Intact);
        }

        // One entry rewritten, the trail re-chained after it, the node's own checkpoints replaced by a fresh one.
        await using (var db = nodes.Cn.Open())
        {
            await AuditGuards.RechainAsync(db, 3, tail =>
            {
                tail[0].Details = "a different story";
                return tail;
            });
            await db.AuditCheckpoints.ExecuteDeleteAsync();
            // Alone, the rewritten trail and a checkpoint signed over it agree.
            await AuditCheckpoints.WriteAsync(db, Operator, audit, default);
            Assert.True((await AuditCheckpoints.VerifyAsync(db, audit, [], default)).Intact);
            // With the checkpoints the partner cosigned, audit verify fails.
            var r = await AuditCheckpoints.VerifyAsync(db, audit, await Witness.CosignedNotesAsync(db, default), default);
            Assert.False(r.Intact);
            Assert.Contains(r.Problems, p => p.Kind == AuditProblem.Rewritten);
        }
        // The command an auditor runs says so too, and fails.
        var (ended, cli) = await ConcordCli.RunUntilAsync(nodes.Cn.Database.Value, ["audit", "verify", "--verifier-key", audit.VerifierKey, "--json"], ConcordCli.Patience);
        Assert.True(ended);
        Assert.Equal(3, cli.ExitCode);
        Assert.Contains(cli.Json.GetProperty("problems").EnumerateArray(), p => p.GetProperty("kind").GetString() == AuditProblem.Rewritten
            && p.GetProperty("message").GetString()!.Contains("handed in", StringComparison.Ordinal));

        // The next checkpoint cannot be proved to extend what Myanmar's node witnessed: refused there, and China's node hears why.
        await CheckpointAsync();
        Assert.Equal((0, 1), await nodes.CarryAsync(nodes.Cn, nodes.Mm));
        await nodes.CarryAsync(nodes.Mm, nodes.Cn);
        await using (var db = nodes.Cn.Open())
        {
            var refused = await db.Packets.Where(p => p.Direction == PacketDirection.Out && p.Type == Witness.CheckpointType).OrderByDescending(p => p.CreatedAt).FirstAsync();
            Assert.Equal(PacketState.Refused, refused.State);
            Assert.Contains("was rewritten behind it", refused.Reason, StringComparison.Ordinal);
            Assert.Single(await Witness.LatestAsync(db, default));
        }
        await using (var db = nodes.Mm.Open())
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "packet.refuse" && a.Details!.Contains("rewritten behind it")));
    }
}
