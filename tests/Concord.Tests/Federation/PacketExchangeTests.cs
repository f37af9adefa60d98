using System.Text;
using System.Text.Json;
using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Federation;
using Concord.Core.Features.Leads;
using Concord.Core.Storage;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

using Node = Concord.Tests.Federation.TwoNodes.Node;

namespace Concord.Tests.Federation;

/// <summary>
/// Two nodes that share nothing but packets: China's node sends the Muse lead to Myanmar's on removable media, Myanmar's
/// acknowledges it back. Each packet is applied once; forged, misdirected, replayed and tampered packets and bundles are
/// refused, audited, and change nothing. China's node runs on each provider, Myanmar's on SQLite.
/// </summary>
public sealed class PacketExchangeTests
{
    private const string Lead = "CN-LEAD-2024-017";

    private static async Task<(Node Cn, Node Mm)> TwoNodesAsync(string provider, NoteKey? cnKey = null)
    {
        var nodes = await TwoNodes.CreateAsync(provider, cnKey);
        return (nodes.Cn, nodes.Mm);
    }

    private static async Task ImportLeadAsync(Node cn)
    {
        await using var db = cn.Open();
        await ImportLead.RunAsync(db, Scenario.Operator, new ImportLead.Request(Lead, "CN-MPS", "MM-MPF", "H3", Repo.Muse("dens.csv"), Repo.Muse("lead-targets.csv")), default);
    }

    private static async Task<byte[]> ExportAsync(Node from, string to)
    {
        await using var db = from.Open();
        return (await Bundles.ExportAsync(db, Scenario.Operator, from.Key, to, default)).File;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheLead_CrossesAsAPacket_AndItsAcknowledgementComesBack(string provider)
    {
        var (cn, mm) = await TwoNodesAsync(provider);
        await using var _ = cn;
        await using var __ = mm;
        await ImportLeadAsync(cn);

        var bundle = await ExportAsync(cn, "MM-MPF-NODE");
        var first = await TwoNodes.ImportAsync(mm, bundle);
        Assert.Equal((1, 1, 0, 0), (first.Packets, first.Applied, first.Refused, first.Duplicates));
        // The same bundle again (a second copy of the stick): seen, never applied twice.
        var again = await TwoNodes.ImportAsync(mm, bundle);
        Assert.Equal((0, 1), (again.Applied, again.Duplicates));

        Guid leadId;
        await using (var db = mm.Open())
        {
            var lead = await db.Leads.Include(l => l.Dens).Include(l => l.Targets).SingleAsync();
            var cnMps = await db.Agencies.SingleAsync(a => a.Code == "CN-MPS");
            Assert.Equal((Lead, cnMps.Id, Handling.H3, 12, 63), (lead.Code, lead.AgencyId, lead.HandlingCode, lead.Dens.Count, lead.Targets.Count));
            Assert.Equal("CN-MPS-NODE", cnMps.Node);
            Assert.Contains(lead.Targets, t => t.Name is { Length: > 0 } n && n.Any(c => c is >= '\u4E00' and <= '\u9FFF'));
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "packet.apply"));
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "packet.duplicate"));
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "lead.receive"));
            leadId = lead.Id;
            // The receiving commander acknowledges it: the acknowledgement is queued for China's node.
            await AcknowledgeLead.RunAsync(db, await Scenario.ActorOfAsync(db, "MM-MPF") with { Roles = new HashSet<string>(Roles.All) }, leadId, default);
            Assert.Equal(PacketState.Queued, (await db.Packets.SingleAsync(p => p.Direction == PacketDirection.Out)).State);
        }

        var back = await TwoNodes.ImportAsync(cn, await ExportAsync(mm, "CN-MPS-NODE"));
        Assert.Equal((1, 1), (back.Applied, back.Acknowledged));
        await using (var db = cn.Open())
        {
            Assert.Equal(LeadStatus.Acknowledged, (await db.Leads.SingleAsync()).Status);
            var sent = await db.Packets.SingleAsync(p => p.Direction == PacketDirection.Out);
            Assert.Equal((PacketState.Acknowledged, "lead"), (sent.State, sent.Type));
            // Digests name the same bytes on both nodes.
            await using var mmDb = mm.Open();
            Assert.Equal(sent.Digest, (await mmDb.Packets.SingleAsync(p => p.Direction == PacketDirection.In && p.State == PacketState.Applied)).Digest);
            Assert.Contains(await db.AuditEntries.Select(a => a.Details).ToListAsync(), d => d != null && d.Contains($"sha256={sent.Digest}", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ForgedMisdirectedAndTamperedPackets_AreRefused_Audited_AndChangeNothing(string provider)
    {
        var (cn, mm) = await TwoNodesAsync(provider);
        await using var _ = cn;
        await using var __ = mm;
        await ImportLeadAsync(cn);
        var bundle = await ExportAsync(cn, "MM-MPF-NODE");
        var wire = JsonSerializer.Deserialize<Bundles.SignedBundle>(bundle)!.Bundle.GetProperty("packets")[0].Deserialize<WirePacket>()!;

        async Task<Packets.Outcome> ReceiveAsync(WirePacket packet)
        {
            await using var db = mm.Open();
            return await Packets.ReceiveAsync(db, mm.Key, packet, "test", default);
        }
        WirePacket Resigned(Func<JsonElement, string> change, NoteKey signer)
        {
            var envelope = JsonSerializer.Deserialize<PacketEnvelope>(change(wire.Envelope))!;
            var (canonical, signature) = PacketSeal.Sign(envelope, signer);
            return PacketSeal.Wire(canonical, signer.KeyRef, signature);
        }
        string Replace(JsonElement e, string from, string to) => e.GetRawText().Replace(from, to, StringComparison.Ordinal);

        // A byte of the envelope changed after signing: the signature no longer verifies.
        var changed = wire with { Envelope = JsonDocument.Parse(Replace(wire.Envelope, "MUSE-D01", "MUSE-D99")).RootElement };
        Assert.Contains("does not verify", (await ReceiveAsync(changed)).Reason, StringComparison.Ordinal);
        // Signed by a key that is not China's node's, though it carries the same name.
        using var impostor = NoteKey.Create("CN-MPS-NODE");
        Assert.Contains("not a key of CN-MPS-NODE", (await ReceiveAsync(Resigned(e => e.GetRawText(), impostor))).Reason, StringComparison.Ordinal);
        // For another node, and for an agency this node does not host, each signed by China's real key.
        Assert.Contains("not to this node", (await ReceiveAsync(Resigned(e => Replace(e, "\"MM-MPF-NODE\"", "\"TH-RTP-NODE\""), cn.Key))).Reason, StringComparison.Ordinal);
        Assert.Contains("not an agency of this node", (await ReceiveAsync(Resigned(e => Replace(e, "\"to_agency\":\"MM-MPF\"", "\"to_agency\":\"CN-MPS\""), cn.Key))).Reason, StringComparison.Ordinal);
        // Speaking for an agency the sending node does not host.
        Assert.Contains("is not hosted by", (await ReceiveAsync(Resigned(e => Replace(e, "\"from_agency\":\"CN-MPS\"", "\"from_agency\":\"MM-MPF\""), cn.Key))).Reason, StringComparison.Ordinal);
        // A handling code this node does not know.
        Assert.Contains("handling code", (await ReceiveAsync(Resigned(e => Replace(e, "\"handling\":\"H3\"", "\"handling\":\"H9\""), cn.Key))).Reason, StringComparison.Ordinal);
        // From an agency China's node does host, but that no agreement in force on this node binds to Myanmar's police.
        await using (var db = mm.Open())
            await Partners.AddAsync(db, Scenario.Operator, cn.Key.VerifierKey, null, ["CN-XJ:CHN"], mm.Key, default);
        Assert.Contains("no agreement in force here binds CN-XJ and MM-MPF",
            (await ReceiveAsync(Resigned(e => Replace(e, "\"from_agency\":\"CN-MPS\"", "\"from_agency\":\"CN-XJ\""), cn.Key))).Reason, StringComparison.Ordinal);

        // A bundle with one byte changed is refused whole.
        var tampered = (byte[])bundle.Clone();
        var at = Encoding.UTF8.GetString(tampered).IndexOf("MUSE-D02", StringComparison.Ordinal);
        tampered[at + 7] = (byte)'3';
        var refused = await Assert.ThrowsAsync<ConcordException>(() => TwoNodes.ImportAsync(mm, tampered, "tampered.cpk"));
        Assert.Contains("nothing in it was applied", refused.Error.Message, StringComparison.Ordinal);
        // Cut short, as a pulled stick leaves it.
        await Assert.ThrowsAsync<ConcordException>(() => TwoNodes.ImportAsync(mm, bundle[..(bundle.Length / 2)], "truncated.cpk"));
        await using (var db = mm.Open())
        {
            Assert.Equal(0, await db.Leads.CountAsync());
            Assert.Equal(0, await db.Packets.CountAsync(p => p.State == PacketState.Applied));
            Assert.Equal(7, await db.Packets.CountAsync(p => p.State == PacketState.Refused));
            Assert.Equal(7, await db.AuditEntries.CountAsync(a => a.Action == "packet.refuse"));
            Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "bundle.refuse"));
        }

        // The genuine packet still goes in after its forgeries, once.
        var genuine = await TwoNodes.ImportAsync(mm, bundle);
        Assert.Equal(1, genuine.Applied);
        await using (var db = mm.Open()) Assert.Equal(1, await db.Leads.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ARotatedKey_IsAnnouncedWithTheOldOne_AndBothVerifyOnlyUntilTheOverlapEnds(string provider)
    {
        // China's node keeps its key in a file, as an installed node does.
        var file = Path.Combine(Directory.CreateTempSubdirectory("concord-rotate-").FullName, "node-identity.key");
        var (old, _) = NodeIdentity.Store.Create("CN-MPS-NODE", file);
        var (cn, mm) = await TwoNodesAsync(provider, old);
        await using var _ = cn;
        await using var __ = mm;
        // The lead is queued before the rotation and leaves after it.
        await ImportLeadAsync(cn);
        NodeKeys.Rotation rotation;
        await using (var db = cn.Open())
            rotation = await NodeKeys.RotateAsync(db, Scenario.Operator, file, TimeSpan.FromDays(7), default);
        Assert.NotEqual(rotation.OldKeyId, rotation.NewKeyId);
        Assert.True(File.Exists(rotation.Retired));
        Assert.False(File.Exists(file + ".next"));
        using var fresh = NodeIdentity.Store.Load(file)!;
        Assert.Equal((rotation.NewKeyId, "CN-MPS-NODE"), (fresh.KeyRef, fresh.Name));

        // One bundle, signed with the new key, carries the announcement (signed with the old) and the lead (with the new).
        var bundle = await ExportAsync(new Node(cn.Database, fresh), "MM-MPF-NODE");
        var first = await TwoNodes.ImportAsync(mm, bundle);
        Assert.Equal((2, 2, 0), (first.Packets, first.Applied, first.Refused));
        await using (var db = mm.Open())
        {
            var partner = await db.Partners.SingleAsync();
            Assert.Equal((fresh.VerifierKey, old.VerifierKey), (partner.VerifierKey, partner.PreviousKey));
            Assert.InRange(partner.PreviousKeyUntil!.Value, DateTime.UtcNow.AddDays(6.9), DateTime.UtcNow.AddDays(7.1));
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "partner.rotate"));
            Assert.Equal(1, await db.Leads.CountAsync());
        }

        // A bundle still signed with the old key (written before the rotation reached it) goes in during the overlap.
        var late = await TwoNodes.ImportAsync(mm, await ExportAsync(cn, "MM-MPF-NODE"));
        Assert.Equal((2, 0), (late.Duplicates, late.Refused));
        // Another announcement signed with the retiring key is refused: only the current key names its successor.
        using (var thief = NoteKey.Create("CN-MPS-NODE"))
        {
            var envelope = new PacketEnvelope(Guid.CreateVersion7(), NodeKeys.Type, 1, "CN-MPS-NODE", "", "MM-MPF-NODE", "", DateTime.UtcNow, "H0", null,
                JsonSerializer.SerializeToElement(new NodeKeys.Body(thief.VerifierKey, thief.Fingerprint, DateTime.UtcNow.AddDays(30))));
            var (canonical, signature) = PacketSeal.Sign(envelope, old);
            await using var db = mm.Open();
            var outcome = await Packets.ReceiveAsync(db, mm.Key, PacketSeal.Wire(canonical, old.KeyRef, signature), "test", default);
            Assert.Equal(PacketState.Refused, outcome.State);
            Assert.Contains("announced with the current key", outcome.Reason, StringComparison.Ordinal);
            Assert.Equal(fresh.VerifierKey, (await db.Partners.SingleAsync()).VerifierKey);
        }
        // After the overlap the old key no longer verifies: its bundle is refused whole.
        await using (var db = mm.Open())
        {
            (await db.Partners.SingleAsync()).PreviousKeyUntil = DateTime.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        }
        var refused = await Assert.ThrowsAsync<ConcordException>(() => TwoNodes.ImportAsync(mm, ExportAsync(cn, "MM-MPF-NODE").Result, "old.cpk"));
        Assert.Contains("not signed by CN-MPS-NODE", refused.Error.Message, StringComparison.Ordinal);
        // China's outbox hears that both packets were applied.
        var back = await TwoNodes.ImportAsync(cn, await ExportAsync(mm, "CN-MPS-NODE"));
        Assert.Equal(2, back.Acknowledged);
    }

    [Fact]
    public async Task APartner_IsTrustedByItsVerifierKeyOnly_AndKeepsIt()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        await using var db = database.Open();
        using var self = NoteKey.Create("MM-MPF-NODE");
        using var partner = NoteKey.Create("CN-MPS-NODE");
        await Scenario.MuseAgreementAsync(db);
        var user = await Scenario.ActorOfAsync(db, "MM-MPF");
        await Assert.ThrowsAsync<ConcordException>(() => Partners.AddAsync(db, user, partner.VerifierKey, null, [], self, default));
        var secret = await Assert.ThrowsAsync<ConcordException>(() => Partners.AddAsync(db, Scenario.Operator, partner.SignerKeyText(), null, [], self, default));
        Assert.Contains("never a private key", secret.Error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ConcordException>(() => Partners.AddAsync(db, Scenario.Operator, self.VerifierKey, null, [], self, default));
        // MM-MPF has its users here: it cannot be handed to a partner node.
        var view = await Partners.AddAsync(db, Scenario.Operator, partner.VerifierKey, "https://cn.example/", ["CN-MPS"], self, default);
        Assert.Equal((partner.KeyRef, partner.Fingerprint, "CN-MPS"), (view.KeyId, view.Fingerprint, view.Agencies.Single()));
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$", view.Fingerprint);
        // The same name with another key is refused: keys change only by a rotation the partner announces.
        using var other = NoteKey.Create("CN-MPS-NODE");
        var swap = await Assert.ThrowsAsync<ConcordException>(() => Partners.AddAsync(db, Scenario.Operator, other.VerifierKey, null, [], self, default));
        Assert.Contains("another key", swap.Error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "partner.add"));
    }
}
