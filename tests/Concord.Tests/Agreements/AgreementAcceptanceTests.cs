using System.Text;
using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Agreements;
using Concord.Core.Features.Custody;
using Concord.Core.Features.Leads;
using Concord.Core.Features.Operations;
using Concord.Core.Storage;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Agreements;

/// <summary>An agreement binds only the parties that accepted it, and when several bind, one rule picks the one in force.</summary>
public sealed class AgreementAcceptanceTests
{
    private const string Muse = "CN-MM-TF-2023";

    private static async Task<Guid> AgencyAsync(ConcordDbContext db, string code) => await db.Agencies.Where(a => a.Code == code).Select(a => a.Id).SingleAsync();

    private static Task<Concord.Core.Features.Imports.ImportResult> ImportAsync(ConcordDbContext db, Actor actor, string code, string? effective, string parties, string to) =>
        ImportAgreement.RunAsync(db, actor, $"{code}.json", Encoding.UTF8.GetBytes($$"""
            {"code": "{{code}}", "title": "{{code}}", {{(effective is null ? "" : $"\"effective\": \"{effective}\",")}}
             "parties": [{{parties}}],
             "custody": [{"nationality": "*", "to": "{{to}}"}]}
            """), default);

    private const string CnMm = """{"code": "CN-MPS", "name": "Ministry of Public Security", "country": "CHN"}, {"code": "MM-MPF", "name": "Myanmar Police Force", "country": "MMR"}""";

    /// <summary>The lead and operation of the Muse sample, with a small roster, over whatever agreements the test entered.</summary>
    private static async Task LeadOperationRosterAsync(ConcordDbContext db)
    {
        await ImportLead.RunAsync(db, Scenario.Operator, new ImportLead.Request(Scenario.Lead, "CN-MPS", "MM-MPF", "H3", Repo.Muse("dens.csv"), Repo.Muse("lead-targets.csv")), default);
        await CreateOperation.RunAsync(db, Scenario.Operator, Scenario.Operation, Scenario.Lead, "MM-MPF", default);
        await ImportRoster.RunAsync(db, Scenario.Operator, Scenario.WriteTemp("roster.csv", Scenario.RosterLines(10)), Scenario.Operation, default);
    }

    private static async Task<string> CustodyAsync(ConcordDbContext db) =>
        string.Join('\n', await db.Persons.AsNoTracking().OrderBy(p => p.Id).Select(p => $"{p.Id}:{p.CustodyState}:{p.CustodyToAgencyId}:{p.CustodyRule}").ToListAsync());

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AgreementNotAcceptedByTheOtherParty_IsNotUsedForCustody(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        // The node knows both agencies (an earlier agreement, never accepted by anyone, introduced them).
        await ImportAgreement.FromFileAsync(db, Scenario.Operator, Repo.Muse("agreement.json"), default);
        await LeadOperationRosterAsync(db);
        var mm = new Actor("mm.coordinator", await AgencyAsync(db, "MM-MPF"));
        var cn = new Actor("cn.coordinator", await AgencyAsync(db, "CN-MPS"));
        var before = await CustodyAsync(db);
        var none = await Assert.ThrowsAsync<ConcordException>(() => DecideCustody.RunAsync(db, Scenario.Operator, Scenario.Operation, default));
        Assert.Equal(ErrorTexts.AgreementNotAccepted, Assert.IsType<ConflictError>(none.Error).Phrase?.Template);

        // MM-MPF enters its own agreement: that is MM-MPF's acceptance, not CN-MPS's.
        await ImportAsync(db, mm, "MM-CN-2024", "2024-01-01", CnMm, "MM-MPF");
        var parties = await db.AgreementParties.AsNoTracking().Where(p => db.Agreements.Any(a => a.Id == p.AgreementId && a.Code == "MM-CN-2024")).ToListAsync();
        Assert.Equal([("mm.coordinator", true)], parties.Where(p => p.AcceptedAt is not null).Select(p => (p.AcceptedBy!, p.PartyAgencyId == mm.AgencyId)));
        var refused = await Assert.ThrowsAsync<ConcordException>(() => DecideCustody.RunAsync(db, Scenario.Operator, Scenario.Operation, default));
        var error = Assert.IsType<ConflictError>(refused.Error);
        Assert.Equal(ErrorTexts.AgreementNotAccepted, error.Phrase?.Template);
        Assert.Contains("CN-MPS", error.Message, StringComparison.Ordinal);
        db.ChangeTracker.Clear();
        Assert.Equal(before, await CustodyAsync(db));

        // MM-MPF cannot accept for CN-MPS; a third agency is no party.
        var forOther = await Assert.ThrowsAsync<ConcordException>(() => AcceptAgreement.RunAsync(db, mm, "MM-CN-2024", "CN-MPS", default));
        Assert.Equal(ErrorTexts.AcceptOnlyOwn, Assert.IsType<InvalidRequestError>(forOther.Error).Phrase?.Template);
        var twice = await Assert.ThrowsAsync<ConcordException>(() => AcceptAgreement.RunAsync(db, mm, "MM-CN-2024", null, default));
        Assert.Equal(ErrorTexts.AgreementAlreadyAccepted, Assert.IsType<ConflictError>(twice.Error).Phrase?.Template);
        var operatorForNobody = await Assert.ThrowsAsync<ConcordException>(() => AcceptAgreement.RunAsync(db, Scenario.Operator, "MM-CN-2024", null, default));
        Assert.Equal("agency", Assert.IsType<InvalidRequestError>(operatorForNobody.Error).Field);
        db.ChangeTracker.Clear();

        // CN-MPS accepts: the agreement is in force and sorts the arrestees.
        await AcceptAgreement.RunAsync(db, cn, "MM-CN-2024", null, default);
        var summary = await DecideCustody.RunAsync(db, Scenario.Operator, Scenario.Operation, default);
        Assert.True(summary.Decided > 0);
        Assert.All(await db.Persons.AsNoTracking().ToListAsync(), p => Assert.StartsWith("MM-CN-2024#", p.CustodyRule, StringComparison.Ordinal));
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.Action == "agreement.accept").OrderBy(a => a.Sequence).Select(a => a.Actor).ToListAsync();
        Assert.Equal(["mm.coordinator", "cn.coordinator"], audit);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnotherAgencyImportingAnAgreement_ThatDoesNotNameIt_IsRefused(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        await Scenario.MuseAgreementAsync(db);
        db.Agencies.Add(new Agency { Code = "TH-RTP", Name = "Royal Thai Police", Country = "THA" });
        await db.SaveChangesAsync();
        var th = new Actor("th.coordinator", await AgencyAsync(db, "TH-RTP"));
        var refused = await Assert.ThrowsAsync<ConcordException>(() => ImportAsync(db, th, "CN-MM-X", null, CnMm, "CN-MPS"));
        Assert.Equal(("parties", ErrorTexts.ImporterNotAParty), (Assert.IsType<InvalidRequestError>(refused.Error).Field, refused.Error.Phrase?.Template));
        Assert.False(await db.Agreements.AnyAsync(a => a.Code == "CN-MM-X"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TwoMatchingAgreements_AreResolvedByTheRule_MostSpecificThenNewest_ATieIsRefused(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        await Scenario.MuseAgreementAsync(db);
        await LeadOperationRosterAsync(db);
        const string CnMmTh = CnMm + """, {"code": "TH-RTP", "name": "Royal Thai Police", "country": "THA"}""";

        async Task InForceAsync(string code, string effective, string parties)
        {
            var imported = await ImportAsync(db, Scenario.Operator, code, effective, parties, "MM-MPF");
            await AcceptAgreement.ForEveryPartyAsync(db, Scenario.Operator, imported.Id, default);
        }
        async Task<string> ChosenAsync()
        {
            db.ChangeTracker.Clear();
            return (await AcceptAgreement.InForceForAsync(db, await AgencyAsync(db, "MM-MPF"), await AgencyAsync(db, "CN-MPS"), default)).Code;
        }

        Assert.Equal(Muse, await ChosenAsync());
        // Newer, equally specific (two parties): the newer wins.
        await InForceAsync("CN-MM-2030", "2030-01-01", CnMm);
        Assert.Equal("CN-MM-2030", await ChosenAsync());
        // Newer still, but three parties: less specific, so the bilateral agreement stays in force.
        await InForceAsync("CN-MM-TH-2040", "2040-01-01", CnMmTh);
        Assert.Equal("CN-MM-2030", await ChosenAsync());
        // A newer bilateral one that one party has not accepted changes nothing.
        await ImportAsync(db, Scenario.Operator, "CN-MM-2035", "2035-01-01", CnMm, "MM-MPF");
        Assert.Equal("CN-MM-2030", await ChosenAsync());

        var summary = await DecideCustody.RunAsync(db, Scenario.Operator, Scenario.Operation, default);
        Assert.True(summary.Decided > 0);
        Assert.All(await db.Persons.AsNoTracking().ToListAsync(), p => Assert.StartsWith("CN-MM-2030#", p.CustodyRule, StringComparison.Ordinal));

        // Two as specific, in force from the same day: refused, naming both, and nothing changes.
        await InForceAsync("CN-MM-2030-B", "2030-01-01", CnMm);
        db.ChangeTracker.Clear();
        var before = await CustodyAsync(db);
        var tie = await Assert.ThrowsAsync<ConcordException>(() => DecideCustody.RunAsync(db, Scenario.Operator, Scenario.Operation, default));
        var error = Assert.IsType<ConflictError>(tie.Error);
        Assert.Equal(ErrorTexts.AgreementsTie, error.Phrase?.Template);
        Assert.Contains("CN-MM-2030 ", error.Message, StringComparison.Ordinal);
        Assert.Contains("CN-MM-2030-B", error.Message, StringComparison.Ordinal);
        db.ChangeTracker.Clear();
        Assert.Equal(before, await CustodyAsync(db));
    }
}
