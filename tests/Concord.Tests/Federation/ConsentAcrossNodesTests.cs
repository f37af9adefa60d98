using Concord.Core.Domain;
using Concord.Core.Features;
using Concord.Core.Features.Leads;
using Concord.Core.Features.Sharing;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Federation;

/// <summary>
/// Myanmar's commander asks China's consent to pass what China's H3 lead started on to Thailand's police: the request
/// crosses to China's node as a custody-request, China's coordinator answers there, and the consent comes back and is
/// held on Myanmar's node as China's, under the same id.
/// </summary>
public sealed class ConsentAcrossNodesTests
{
    private const string Lead = "CN-LEAD-2024-017";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AConsentAsked_OnTheRecipientsNode_IsAnsweredOnTheOriginators_AndHeldOnBoth(string provider)
    {
        await using var nodes = await TwoNodes.CreateAsync(provider);
        foreach (var node in new[] { nodes.Cn, nodes.Mm })
        {
            await using var db = node.Open();
            await Agencies.AddAsync(db, Scenario.Operator, "TH-RTP", "Royal Thai Police", "THA", default);
        }
        await using (var db = nodes.Cn.Open())
            await ImportLead.RunAsync(db, Scenario.Operator, new ImportLead.Request(Lead, "CN-MPS", "MM-MPF", "H3", Repo.Muse("dens.csv"), Repo.Muse("lead-targets.csv")), default);
        Assert.Equal((1, 0), await nodes.CarryAsync(nodes.Cn, nodes.Mm));

        Guid id;
        await using (var db = nodes.Mm.Open())
        {
            var commander = await Scenario.ActorOfAsync(db, "MM-MPF") with { Roles = new HashSet<string> { Roles.Commander } };
            var asked = await Consents.RequestAsync(db, commander, Lead, "TH-RTP", "two of the targets fled to Mae Sot", default);
            id = asked.Id;
            Assert.Equal((ConsentStatus.Requested, "CN-MPS", "TH-RTP"), (asked.Status, asked.Originator, asked.To));
            Assert.Equal(1, await db.Packets.CountAsync(p => p.Type == "custody-request" && p.State == PacketState.Queued));
        }
        Assert.Equal((1, 0), await nodes.CarryAsync(nodes.Mm, nodes.Cn));

        await using (var db = nodes.Cn.Open())
        {
            var coordinator = await Scenario.ActorOfAsync(db, "CN-MPS") with { Roles = new HashSet<string> { Roles.Coordinator } };
            var open = Assert.Single(await Consents.ListAsync(db, coordinator, default));
            Assert.Equal((id, ConsentStatus.Requested, "MM-MPF", "TH-RTP", "two of the targets fled to Mae Sot"), (open.Id, open.Status, open.RequestedBy, open.To, open.Reason));
            var answered = await Consents.AnswerAsync(db, coordinator, id, grant: true, "for the joint case with Thailand", default);
            Assert.Equal(ConsentStatus.Granted, answered.Status);
        }
        Assert.Equal((1, 0), await nodes.CarryAsync(nodes.Cn, nodes.Mm));

        await using (var db = nodes.Mm.Open())
        {
            var held = await db.TransferConsents.SingleAsync(c => c.Id == id);
            Assert.Equal((ConsentStatus.Granted, "for the joint case with Thailand"), (held.Status, held.Answer));
            Assert.NotNull(held.AnsweredBy);
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "consent.grant"));
        }
        // Both sides' packets acknowledged: nothing waits.
        foreach (var node in new[] { nodes.Cn, nodes.Mm })
        {
            await using var db = node.Open();
            Assert.Equal(0, await db.Packets.CountAsync(p => p.State == PacketState.Refused || p.State == PacketState.Waiting));
        }
    }
}
