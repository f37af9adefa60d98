using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features;
using Concord.Core.Features.Agreements;
using Concord.Core.Features.Federation;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Federation;

/// <summary>
/// The agreement between two nodes: entered on one, sent as a document, accepted by each party on its own node, in force
/// on each once both acceptances are there. China's node runs on each provider, Myanmar's on SQLite.
/// </summary>
public sealed class AgreementPacketTests
{
    private const string Code = "CN-MM-TF-2023";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheAgreement_Travels_AndBindsOnEachNode_OnceEachPartyAcceptedOnItsOwn(string provider)
    {
        await using var cn = await TestDatabase.CreateAsync(provider);
        await using var mm = await TestDatabase.CreateAsync("sqlite");
        using var cnKey = NoteKey.Create("CN-MPS-NODE");
        using var mmKey = NoteKey.Create("MM-MPF-NODE");
        // Each node starts with its own agency and knows its partner's.
        foreach (var (database, own, name, country, other, partner) in new[] { (cn, "CN-MPS", "Ministry of Public Security", "CHN", mmKey, "MM-MPF:MMR"),
                     (mm, "MM-MPF", "Myanmar Police Force", "MMR", cnKey, "CN-MPS:CHN") })
        {
            await using var db = database.Open();
            await Agencies.AddAsync(db, Scenario.Operator, own, name, country, default);
            await Partners.AddAsync(db, Scenario.Operator, other.VerifierKey, null, [partner], own == "CN-MPS" ? cnKey : mmKey, default);
        }

        // China's coordinator enters the agreement: China's acceptance. Its operator cannot accept for Myanmar's police.
        await using (var db = cn.Open())
        {
            var coordinator = await Scenario.ActorOfAsync(db, "CN-MPS") with { Roles = new HashSet<string>(Roles.All) };
            var imported = await ImportAgreement.FromFileAsync(db, coordinator, Repo.Muse("agreement.json"), default);
            await AcceptAgreement.ForEveryPartyAsync(db, Scenario.Operator, imported.Id, default);
            Assert.Equal(["agreement", "agreement-accept"], await db.Packets.OrderBy(p => p.CreatedAt).Select(p => p.Type).ToListAsync());
            var refused = await Assert.ThrowsAsync<ConcordException>(() => InForceAsync(db));
            Assert.Contains("MM-MPF", refused.Error.Message, StringComparison.Ordinal);
        }
        byte[] toMm;
        await using (var db = cn.Open()) toMm = (await Bundles.ExportAsync(db, Scenario.Operator, cnKey, "MM-MPF-NODE", default)).File;
        await using (var db = mm.Open())
        {
            var summary = await Bundles.ImportAsync(db, mmKey, toMm, "agreement.cpk", default);
            Assert.Equal((2, 0), (summary.Applied, summary.Refused));
            var agreement = await db.Agreements.Include(a => a.Parties).SingleAsync();
            Assert.Equal(Code, agreement.Code);
            Assert.Equal(File.ReadAllText(Repo.Muse("agreement.json")), agreement.Document);
            var codes = await Agencies.CodesAsync(db, default);
            Assert.Equal(["CN-MPS"], agreement.Parties.Where(p => p.AcceptedAt is not null).Select(p => codes[p.PartyAgencyId]).ToList());
            // Not in force here until Myanmar's police accepts on its own node.
            await Assert.ThrowsAsync<ConcordException>(() => InForceAsync(db));
            var commander = await Scenario.ActorOfAsync(db, "MM-MPF") with { Roles = new HashSet<string>(Roles.All) };
            await AcceptAgreement.RunAsync(db, commander, Code, null, default);
            Assert.Equal(Code, (await InForceAsync(db)).Code);
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "agreement.receive"));
        }

        byte[] toCn;
        await using (var db = mm.Open()) toCn = (await Bundles.ExportAsync(db, Scenario.Operator, mmKey, "CN-MPS-NODE", default)).File;
        await using (var db = cn.Open())
        {
            var back = await Bundles.ImportAsync(db, cnKey, toCn, "accept.cpk", default);
            Assert.Equal((1, 2), (back.Applied, back.Acknowledged));
            Assert.Equal(Code, (await InForceAsync(db)).Code);
        }

        // An acceptance that names another party than its sender is refused: an agency accepts only for itself.
        await using (var db = mm.Open())
        {
            var agreement = await db.Agreements.Include(a => a.Parties).SingleAsync();
            var mmMpf = await db.Agencies.SingleAsync(a => a.Code == "MM-MPF");
            var cnMps = await db.Agencies.SingleAsync(a => a.Code == "CN-MPS");
            Packets.Queue(db, Scenario.Operator, AgreementPackets.AcceptType, mmMpf, cnMps, "H0",
                new AgreementPackets.AcceptBody(Code, "CN-MPS", DateTime.UtcNow, AgreementPackets.Sha256Of(agreement.Document)));
            await db.SaveChangesAsync();
            toCn = (await Bundles.ExportAsync(db, Scenario.Operator, mmKey, "CN-MPS-NODE", default)).File;
        }
        await using (var db = cn.Open())
        {
            var forged = await Bundles.ImportAsync(db, cnKey, toCn, "forged.cpk", default);
            Assert.Equal(1, forged.Refused);
            Assert.Contains("may accept only for itself", forged.Outcomes.Single(o => o.State == PacketState.Refused).Reason, StringComparison.Ordinal);
        }
    }

    private static async Task<Agreement> InForceAsync(Core.Storage.ConcordDbContext db)
    {
        var cn = await db.Agencies.SingleAsync(a => a.Code == "CN-MPS");
        var mm = await db.Agencies.SingleAsync(a => a.Code == "MM-MPF");
        return await AcceptAgreement.InForceForAsync(db, mm.Id, cn.Id, default);
    }
}
