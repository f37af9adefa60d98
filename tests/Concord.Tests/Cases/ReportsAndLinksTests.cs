using System.Text;
using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Cases;
using Concord.Core.Features.Imports;
using Concord.Core.Features.Operations;
using Concord.Core.Features.Seizures;
using Concord.Core.Storage;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Cases;

/// <summary>
/// Victims' reports taken by a provincial bureau, a seized phone's and SIM bag's extractions imported by their holder, and
/// the links between them: exact through normalised identifiers, near through a seized script a narrative quotes, each with its evidence, reviewed, never re-proposed once
/// rejected, and seen only by whoever sees both the report and the extraction.
/// </summary>
public sealed class ReportsAndLinksTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reports_are_imported_normalised_sealed_and_once(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var w = await CaseWorld.CreateAsync(db);

        var first = await CaseWorld.ReportsAsync(db, w.Zhejiang, CaseWorld.ReportsCsv());
        Assert.Equal((4, 4, false), (first.Rows, first.Added, first.AlreadyImported));
        var reports = await db.VictimReports.AsNoTracking().Include(r => r.Losses).Include(r => r.Identifiers).OrderBy(r => r.CaseNo).ToListAsync();
        Assert.All(reports, r => Assert.Equal(w.Zhejiang.AgencyId, r.AgencyId));
        Assert.All(reports, r => Assert.Equal("33", r.ProvinceCode));
        var r1 = reports[0];
        Assert.Equal(["bank_card:6222021234567890128", "phone:+8617012345678"],
            r1.Identifiers.Select(i => $"{i.Kind}:{i.Value}").Order(StringComparer.Ordinal));
        Assert.Equal("170-1234-5678", r1.Identifiers.Single(i => i.Kind == "phone").Written);
        Assert.Contains("RegionAssumed", r1.Identifiers.Single(i => i.Kind == "phone").Flags, StringComparison.Ordinal);
        Assert.Equal("customer-service", r1.FraudType);
        Assert.Equal(new DateTime(2024, 2, 1, 1, 30, 0, DateTimeKind.Utc), r1.ReportedAt);
        Assert.Contains("zone-assumed:Asia/Shanghai", r1.Flags, StringComparison.Ordinal);
        // The victim's name is sealed; the same victim (same document number) has the same pseudonym in two reports.
        Assert.DoesNotContain("王丽", r1.VictimNameSealed, StringComparison.Ordinal);
        Assert.Equal("王丽", NodeSecrets.Current.Open(r1.VictimNameSealed!));
        Assert.Equal(r1.VictimKey, reports[1].VictimKey);
        Assert.NotEqual(r1.VictimKey, reports[2].VictimKey);
        Assert.Matches("^V-[0-9A-F]{10}$", r1.VictimKey);
        // 3万元 is 30,000 CNY; an amount without a currency, at a Chinese bureau, is CNY and flagged as assumed.
        Assert.Equal((30000m, "CNY"), (reports[1].Losses.Single().Amount, reports[1].Losses.Single().Currency));
        Assert.Equal((1200m, "USDT"), (reports[2].Losses.Single().Amount, reports[2].Losses.Single().Currency));
        Assert.Equal((800m, "CNY"), (reports[3].Losses.Single().Amount, reports[3].Losses.Single().Currency));
        Assert.Contains("currency-assumed:CNY", reports[3].Flags, StringComparison.Ordinal);
        Assert.DoesNotContain("currency-assumed", reports[1].Flags ?? "", StringComparison.Ordinal);
        Assert.Equal("+959327728564", reports[2].Identifiers.Single(i => i.Kind == "phone").Value);
        Assert.Null(reports[2].FraudType);

        // The same file again changes nothing; a case number already imported with other details is refused, whole.
        Assert.True((await CaseWorld.ReportsAsync(db, w.Zhejiang, CaseWorld.ReportsCsv())).AlreadyImported);
        var before = await Scenario.SnapshotAsync(db);
        var changed = CaseWorld.ReportsCsv("ZJ-2024-0005,宁波市公安局,浙江,2024-02-07,孙悦,,新案,,100,CNY,,,,").Replace("与本案无关", "改了", StringComparison.Ordinal);
        var e = await Assert.ThrowsAsync<ConcordException>(() => CaseWorld.ReportsAsync(db, w.Zhejiang, changed, "again.csv"));
        var problem = Assert.Single(((InvalidInputError)e.Error).Problems);
        Assert.Equal((5, "case_no"), (problem.Row, problem.Column));
        Assert.Equal(before, await Scenario.SnapshotAsync(db));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_reports_fraud_type_is_suggested_from_its_narrative_and_confirmed_by_an_officer(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var w = await CaseWorld.CreateAsync(db);
        await CaseWorld.ReportsAsync(db, w.Zhejiang, CaseWorld.ReportsCsv(
            "ZJ-2024-0005,宁波市公安局,浙江,2024-02-07,孙悦,,对方自称顺丰快递客服，说我的包裹丢失要理赔，让我点链接填写银行卡号，被骗了3000元,,3000,CNY,,,,"));
        var parcel = await db.VictimReports.SingleAsync(r => r.CaseNo == "ZJ-2024-0005");
        Assert.Null(parcel.FraudType);
        Assert.Equal("parcel", parcel.FraudTypeSuggested);
        var model = Concord.FraudTypes.FraudTypeModel.Default.Suggest(parcel.Narrative!);
        Assert.Equal(Math.Round(model.Confidence, 4), parcel.FraudTypeConfidence);
        Assert.InRange(parcel.FraudTypeConfidence!.Value, 0.5, 1.0);
        // The officer's own type stands beside the suggestion; the officer confirms or corrects, audited.
        var given = await db.VictimReports.SingleAsync(r => r.CaseNo == "ZJ-2024-0001");
        Assert.Equal("customer-service", given.FraudType);
        Assert.NotNull(given.FraudTypeSuggested);
        var set = await ReportFraudTypes.SetAsync(db, w.Zhejiang, parcel.Id, "邮件诈骗", default);
        Assert.Equal("parcel", set.FraudType);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "report.fraud-type" && a.Details!.Contains("type=parcel was=-")));
        var wrong = await Assert.ThrowsAsync<ConcordException>(() => ReportFraudTypes.SetAsync(db, w.Zhejiang, parcel.Id, "电信诈骗", default));
        Assert.Equal(ProblemTexts.NotAFraudType, ((InvalidInputError)wrong.Error).Problems[0].Phrase!.Template);
        // Guangdong may not file Zhejiang's report under a type.
        var other = await Assert.ThrowsAsync<ConcordException>(() => ReportFraudTypes.SetAsync(db, w.Guangdong, parcel.Id, "parcel", default));
        Assert.IsType<NotFoundError>(other.Error);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_bad_identifier_refuses_the_file_naming_row_and_column(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var w = await CaseWorld.CreateAsync(db);
        var before = await Scenario.SnapshotAsync(db);
        var bad = CaseWorld.ReportsCsv(
            "ZJ-2024-0005,宁波市公安局,浙江,2024-02-07,孙悦,,卡号错一位,,100,CNY,,,6222021234567890129,",
            "ZJ-2024-0006,宁波市公安局,火星,2024-02-07,孙悦,,钱包错一位,,100 XYZW,,,,,TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6T",
            "ZJ-2024-0007,宁波市公安局,浙江,昨天,孙悦,,,不知道,,,12,,,");
        var e = await Assert.ThrowsAsync<ConcordException>(() => CaseWorld.ReportsAsync(db, w.Zhejiang, bad, "bad.csv"));
        var problems = ((InvalidInputError)e.Error).Problems.Select(p => (p.Row, p.Column, p.Phrase!.Template)).ToList();
        Assert.Contains((6, "bank_card", ProblemTexts.CardCheckDigit), problems);
        Assert.Contains((7, "province", ProblemTexts.NotAProvince), problems);
        Assert.Contains((7, "amount", ProblemTexts.NotACurrency), problems);
        Assert.Contains((7, "tron", ProblemTexts.TronChecksum), problems);
        Assert.Contains((8, "reported_at", ProblemTexts.NotATimestamp), problems);
        Assert.Contains((8, "fraud_type", ProblemTexts.NotAFraudType), problems);
        Assert.Contains((8, "phone", ProblemTexts.NotAPhoneNumber), problems);
        Assert.All(((InvalidInputError)e.Error).Problems, p => Assert.Equal("bad.csv", p.File));
        Assert.Equal(before, await Scenario.SnapshotAsync(db));

        // A bureau takes reports into its own agency only.
        var other = await Assert.ThrowsAsync<ConcordException>(() =>
            ImportReports.RunAsync(db, w.Zhejiang, Scenario.WriteTemp("r.csv", Encoding.UTF8.GetBytes(CaseWorld.ReportsCsv())), CaseWorld.OtherBureau, default));
        Assert.IsType<InvalidRequestError>(other.Error);
        // An officer without the role is refused, audited.
        var port = w.Zhejiang with { Roles = new HashSet<string> { Roles.PortOfficer } };
        await Assert.ThrowsAsync<ConcordException>(() => CaseWorld.ReportsAsync(db, port, CaseWorld.ReportsCsv()));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "access.denied" && a.Details!.Contains("reports import")));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Extractions_are_the_holders_and_tied_to_the_items_hash(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var w = await CaseWorld.CreateAsync(db);

        var r = await CaseWorld.ExtractionAsync(db, w.Myanmar, CaseWorld.PhoneExtraction());
        Assert.Equal((6, false), (r.Rows, r.AlreadyImported));
        var records = await db.ExtractionRecords.AsNoTracking().Where(x => x.ExtractionId == r.Id).ToListAsync();
        Assert.Contains(records, x => x is { Table: ExtractionTable.Sims, Kind: "phone", Value: "+8617012345678", Own: true });
        Assert.Contains(records, x => x is { Table: ExtractionTable.Sims, Kind: "imsi", Value: "460011234567890", Own: true });
        Assert.Contains(records, x => x is { Table: ExtractionTable.Contacts, Kind: "phone", Value: "+8613900001111", Own: false, Text: "老板" });
        Assert.Contains(records, x => x is { Table: ExtractionTable.Payments, Kind: "bank_card", Value: "6222021234567890128", Own: true, Amount: 50000m, Currency: "CNY" });
        Assert.Contains(records, x => x is { Table: ExtractionTable.Payments, Kind: "bank_card", Value: "4111111111111111", Own: false });
        Assert.Contains(records, x => x.Table == ExtractionTable.Scripts && x.Text!.Contains("双倍理赔", StringComparison.Ordinal));
        Assert.True((await CaseWorld.ExtractionAsync(db, w.Myanmar, CaseWorld.PhoneExtraction())).AlreadyImported);

        // Only the holder imports: the ministry does not hold the phone (yet), and is told no more than that it is not found.
        var before = await Scenario.SnapshotAsync(db);
        var e = await Assert.ThrowsAsync<ConcordException>(() => CaseWorld.ExtractionAsync(db, w.Ministry, CaseWorld.PhoneExtraction("+86 170 1234 5679")));
        Assert.IsType<NotFoundError>(e.Error);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "access.denied" && a.EntityType == nameof(Seizure)));

        // An image other than the one hashed at seizure; an item not seized in the operation; a damaged identifier.
        var wrongImage = CaseWorld.PhoneExtraction().Replace("\"S1\"", "\"S3\"", StringComparison.Ordinal);
        var hash = await Assert.ThrowsAsync<ConcordException>(() => CaseWorld.ExtractionAsync(db, w.Myanmar, wrongImage, "S3.json"));
        Assert.Equal(("image_sha256", ProblemTexts.ImageHashDiffers), (((InvalidInputError)hash.Error).Problems[0].Column, ((InvalidInputError)hash.Error).Problems[0].Phrase!.Template));
        var missing = await Assert.ThrowsAsync<ConcordException>(() => CaseWorld.ExtractionAsync(db, w.Myanmar, CaseWorld.PhoneExtraction().Replace("\"S1\"", "\"S9\"", StringComparison.Ordinal), "S9.json"));
        Assert.Equal(ProblemTexts.NotInOperationSeizures, ((InvalidInputError)missing.Error).Problems[0].Phrase!.Template);
        var damaged = await Assert.ThrowsAsync<ConcordException>(() => CaseWorld.ExtractionAsync(db, w.Myanmar, CaseWorld.PhoneExtraction().Replace("490154203237518", "490154203237519", StringComparison.Ordinal), "bad.json"));
        var p = Assert.Single(((InvalidInputError)damaged.Error).Problems);
        Assert.Equal(("bad.json: device", 1, "imei", ProblemTexts.ImeiCheckDigit), (p.File, p.Row, p.Column, p.Phrase!.Template));
        var notJson = await Assert.ThrowsAsync<ConcordException>(() => CaseWorld.ExtractionAsync(db, w.Myanmar, "{\"item_no\": \"S1\",", "cut.json"));
        Assert.Equal(ProblemTexts.NotJson, ((InvalidInputError)notJson.Error).Problems[0].Phrase!.Template);
        Assert.Equal(before, await Scenario.SnapshotAsync(db));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reports_link_to_the_suspects_and_dens_whose_devices_owned_their_identifiers(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var w = await CaseWorld.CreateAsync(db);
        await CaseWorld.ReportsAsync(db, w.Zhejiang, CaseWorld.ReportsCsv());
        var phone = await CaseWorld.ExtractionAsync(db, w.Myanmar, CaseWorld.PhoneExtraction());
        var bag = await CaseWorld.ExtractionAsync(db, w.Myanmar, CaseWorld.SimBagExtraction, "S2.json");

        // The ministry sees the bureau's reports but not Myanmar's extractions: nothing links.
        Assert.Equal(0, (await LinkReports.RunAsync(db, w.Ministry, default)).Proposed);
        await CaseLinks.ShareAsync(db, w.Myanmar, CaseAccess.ExtractionRecord, phone.Id, "CN-MPS", default);
        await CaseLinks.ShareAsync(db, w.Myanmar, CaseAccess.ExtractionRecord, bag.Id, "CN-MPS", default);
        var run = await LinkReports.RunAsync(db, w.Ministry, default);
        // ZJ-0001 (SIM number and card) and ZJ-0002 (WeChat) to MUSE-0003 and MUSE-D01; ZJ-0003 (number and wallet) to MUSE-D02 only
        // (a bag of SIMs has no holder); ZJ-0004's number is only a contact in the phone: no link.
        Assert.Equal((4, 5, 3), (run.Reports, run.Proposed, run.ReportsLinked));
        var links = await db.CaseLinks.AsNoTracking().Join(db.VictimReports, l => l.ReportId, r => r.Id, (l, r) => new { r.CaseNo, l }).ToListAsync();
        Assert.Equal(
            ["ZJ-2024-0001 Den MUSE-D01", "ZJ-2024-0001 Person MUSE-0003", "ZJ-2024-0002 Den MUSE-D01", "ZJ-2024-0002 Person MUSE-0003", "ZJ-2024-0003 Den MUSE-D02"],
            links.Select(x => $"{x.CaseNo} {x.l.Subject} {x.l.SubjectRef}").Order(StringComparer.Ordinal));
        Assert.All(links, x => Assert.Equal((CaseLinkStatus.Proposed, "exact"), (x.l.Status, x.l.Method)));

        var report1 = await CaseAccess.ReportAsync(db, w.Ministry, "ZJ-2024-0001", null, default);
        var views = await CaseLinks.OfReportAsync(db, w.Ministry, report1.Id, default);
        var person = views.Single(v => v.Subject == CaseSubject.Person);
        Assert.Equal(
            ["bank_card 6222021234567890128 S1 payments 1 MUSE-0003 MUSE-D01", "phone +8617012345678 S1 sims 1 MUSE-0003 MUSE-D01"],
            person.Evidence.Select(e => $"{e.Kind} {e.Value} {e.ItemNo} {e.Table} {e.Row} {e.Holder} {e.Den}"));
        Assert.Equal("170-1234-5678", person.Evidence.Single(e => e.Kind == "phone").ReportWritten);
        var bagLink = (await CaseLinks.OfReportAsync(db, w.Ministry, (await CaseAccess.ReportAsync(db, w.Ministry, "ZJ-2024-0003", null, default)).Id, default)).Single();
        Assert.Equal(["phone +959327728564 sims 1", "tron TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t payments 1"], bagLink.Evidence.Select(e => $"{e.Kind} {e.Value} {e.Table} {e.Row}"));

        // Reviewed like identity matches: rejected stays rejected, confirmed stays confirmed, nothing is proposed twice.
        var rejected = await CaseLinks.DecideAsync(db, w.Ministry, person.Id, confirm: false, "the phone was shared in the den", default);
        var den = views.Single(v => v.Subject == CaseSubject.Den);
        await CaseLinks.DecideAsync(db, w.Ministry, den.Id, confirm: true, null, default);
        var again = await LinkReports.RunAsync(db, w.Ministry, default);
        Assert.Equal((0, 2), (again.Proposed, again.KeptDecided));
        Assert.Equal(CaseLinkStatus.Rejected, (await db.CaseLinks.AsNoTracking().SingleAsync(l => l.Id == rejected.Id)).Status);
        var redecide = await Assert.ThrowsAsync<ConcordException>(() => CaseLinks.DecideAsync(db, w.Ministry, person.Id, confirm: true, null, default));
        Assert.IsType<InvalidRequestError>(redecide.Error);
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "case-link.confirm" || a.Action == "case-link.reject"));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "cases.link"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_narrative_quoting_a_seized_script_links_near_with_the_passage(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var w = await CaseWorld.CreateAsync(db);
        // No identifier in common with any device: the victim only retells what the caller read out.
        await CaseWorld.ReportsAsync(db, w.Zhejiang, CaseWorld.ReportsCsv(
            "ZJ-2024-0005,宁波市公安局,浙江,2024-02-07,孙悦,,对方用陌生号码打来，说我购买的商品有质量问题，要给我办理双倍理赔，让我扫码,,3000,CNY,,,,",
            "ZJ-2024-0006,宁波市公安局,浙江,2024-02-08,钱进,,收到中奖通知，称我抽中大奖需要先交税费和手续费才能领奖,,500,CNY,,,,"));
        var phone = await CaseWorld.ExtractionAsync(db, w.Myanmar, CaseWorld.PhoneExtraction());
        await CaseLinks.ShareAsync(db, w.Myanmar, CaseAccess.ExtractionRecord, phone.Id, "CN-MPS", default);
        var run = await LinkReports.RunAsync(db, w.Ministry, default);
        var links = await db.CaseLinks.AsNoTracking().Join(db.VictimReports, l => l.ReportId, r => r.Id, (l, r) => new { r.CaseNo, l }).ToListAsync();
        Assert.Equal(["ZJ-2024-0005 Den MUSE-D01 near", "ZJ-2024-0005 Person MUSE-0003 near"],
            links.Where(x => x.l.Method == "near").Select(x => $"{x.CaseNo} {x.l.Subject} {x.l.SubjectRef} {x.l.Method}").Order(StringComparer.Ordinal));
        Assert.DoesNotContain(links, x => x.CaseNo == "ZJ-2024-0006");
        // The exact links stay exact, and carry no passage.
        Assert.All(links.Where(x => x.CaseNo != "ZJ-2024-0005"), x => Assert.Equal(("exact", 1.0), (x.l.Method, x.l.Score)));
        Assert.DoesNotContain("passage", links.First(x => x.CaseNo == "ZJ-2024-0001").l.Evidence, StringComparison.Ordinal);

        var report = await CaseAccess.ReportAsync(db, w.Ministry, "ZJ-2024-0005", null, default);
        var views = await CaseLinks.OfReportAsync(db, w.Ministry, report.Id, default);
        var person = views.Single(v => v.Subject == CaseSubject.Person);
        var e = Assert.Single(person.Evidence);
        Assert.Equal(("script", "S1", "scripts", 1, "客服退款话术", "MUSE-0003", "MUSE-D01"), (e.Kind, e.ItemNo, e.Table, e.Row, e.Written, e.Holder, e.Den));
        Assert.Equal(("您购买的商品有质量问题", "说我购买的商品有质量问题"), (e.Passage, e.ReportWritten));
        Assert.Equal(phone.Id, e.Extraction);
        Assert.InRange(links.First(x => x.l.Id == person.Id).l.Score, LinkReports.NearScore, 1.0);

        // Decided near links are never proposed again, like exact ones.
        await CaseLinks.DecideAsync(db, w.Ministry, person.Id, confirm: false, "the script circulates among dens", default);
        var again = await LinkReports.RunAsync(db, w.Ministry, default);
        Assert.Equal(0, again.Proposed);
        Assert.Equal(run.Proposed, await db.CaseLinks.CountAsync());
        Assert.Equal(CaseLinkStatus.Rejected, (await db.CaseLinks.AsNoTracking().SingleAsync(l => l.Id == person.Id)).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_link_shows_no_report_to_an_agency_that_may_not_read_it(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var w = await CaseWorld.CreateAsync(db);
        await CaseWorld.ReportsAsync(db, w.Zhejiang, CaseWorld.ReportsCsv());
        var phone = await CaseWorld.ExtractionAsync(db, w.Myanmar, CaseWorld.PhoneExtraction());
        await CaseLinks.ShareAsync(db, w.Myanmar, CaseAccess.ExtractionRecord, phone.Id, "CN-MPS", default);
        await LinkReports.RunAsync(db, w.Ministry, default);
        Assert.Equal(4, await db.CaseLinks.CountAsync());

        // Myanmar holds the phone but may not read Zhejiang's reports; Guangdong reads neither.
        Assert.Empty(await CaseAccess.Links(db, w.Myanmar).ToListAsync());
        Assert.Empty(await CaseAccess.Reports(db, w.Myanmar).ToListAsync());
        Assert.Empty(await CaseAccess.Links(db, w.Guangdong).ToListAsync());
        var hidden = await Assert.ThrowsAsync<ConcordException>(() => CaseAccess.ReportAsync(db, w.Guangdong, "ZJ-2024-0001", null, default));
        Assert.IsType<NotFoundError>(hidden.Error);
        // Zhejiang reads its reports but not Myanmar's extraction (shared with the ministry, not with it): no link yet.
        Assert.Equal(4, await CaseAccess.Reports(db, w.Zhejiang).CountAsync());
        Assert.Empty(await CaseAccess.Links(db, w.Zhejiang).ToListAsync());
        var link = await db.CaseLinks.AsNoTracking().FirstAsync();
        var denied = await Assert.ThrowsAsync<ConcordException>(() => CaseLinks.DecideAsync(db, w.Zhejiang, link.Id, true, null, default));
        Assert.IsType<NotFoundError>(denied.Error);

        // Shared with Myanmar, one report becomes readable there, and its links with it; the others stay hidden.
        var report = await CaseAccess.ReportAsync(db, w.Zhejiang, "ZJ-2024-0001", null, default);
        await CaseLinks.ShareAsync(db, w.Zhejiang, CaseAccess.Report, report.Id, "MM-MPF", default);
        Assert.Equal([report.Id], await CaseAccess.Reports(db, w.Myanmar).Select(r => r.Id).ToListAsync());
        Assert.Equal(2, await CaseAccess.Links(db, w.Myanmar).CountAsync(l => l.ReportId == report.Id));
        Assert.Equal(2, await CaseAccess.Links(db, w.Myanmar).CountAsync());
        // Only the report's own agency (or one above it) shares it.
        var notOwner = await Assert.ThrowsAsync<ConcordException>(() => CaseLinks.ShareAsync(db, w.Myanmar, CaseAccess.Report, report.Id, CaseWorld.OtherBureau, default));
        Assert.IsType<NotFoundError>(notOwner.Error);
    }
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_labs_delivery_is_shared_at_once_all_or_nothing_each_share_audited(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var w = await CaseWorld.CreateAsync(db);
        var phone = await CaseWorld.ExtractionAsync(db, w.Myanmar, CaseWorld.PhoneExtraction());
        var bag = await CaseWorld.ExtractionAsync(db, w.Myanmar, CaseWorld.SimBagExtraction, "S2.json");
        await CaseWorld.ReportsAsync(db, w.Zhejiang, CaseWorld.ReportsCsv());
        var report = await CaseAccess.ReportAsync(db, w.Zhejiang, "ZJ-2024-0001", null, default);

        // One id among them that is no extraction (Zhejiang's report), or a caller who does not hold the items: refused, nothing shared.
        var mixed = await Assert.ThrowsAsync<ConcordException>(() => CaseLinks.ShareAsync(db, w.Myanmar, CaseAccess.ExtractionRecord, [phone.Id, report.Id], "CN-MPS", default));
        Assert.IsType<NotFoundError>(mixed.Error);
        var notHolder = await Assert.ThrowsAsync<ConcordException>(() => CaseLinks.ShareAsync(db, w.Zhejiang, CaseAccess.ExtractionRecord, [phone.Id, bag.Id], "CN-MPS", default));
        Assert.IsType<NotFoundError>(notHolder.Error);
        Assert.Equal(0, await db.CaseShares.CountAsync());

        // The delivery at once: each extraction shared, each with its entry; again, nothing more.
        Assert.Equal(2, await CaseLinks.ShareAsync(db, w.Myanmar, CaseAccess.ExtractionRecord, [phone.Id, bag.Id, phone.Id], "CN-MPS", default));
        Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.Action == "case.share"));
        Assert.Equal(0, await CaseLinks.ShareAsync(db, w.Myanmar, CaseAccess.ExtractionRecord, [bag.Id, phone.Id], "CN-MPS", default));
        Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.Action == "case.share"));
        Assert.Equal(new[] { bag.Id, phone.Id }.Order(), (await CaseAccess.Extractions(db, w.Ministry).Select(e => e.Id).ToListAsync()).Order());
        // A delivery sent again with its sharing: nothing imported twice, nothing shared twice; a third agency gets all of it.
        var files = new List<(string, byte[])> { ("S1.json", Encoding.UTF8.GetBytes(CaseWorld.PhoneExtraction())), ("S2.json", Encoding.UTF8.GetBytes(CaseWorld.SimBagExtraction)) };
        var again = await ImportExtraction.DeliverAsync(db, w.Myanmar, files, Scenario.Operation, "CN-MPS", default);
        Assert.All(again.Imported, r => Assert.True(r.AlreadyImported));
        Assert.Equal(("CN-MPS", 0), (again.SharedWith, again.Shared));
        Assert.Equal(2, (await ImportExtraction.DeliverAsync(db, w.Myanmar, files, Scenario.Operation, CaseWorld.OtherBureau, default)).Shared);
        Assert.Contains(CaseWorld.OtherBureau, await CaseLinks.ShareTargetsAsync(db, w.Myanmar, default));
        Assert.DoesNotContain("MM-MPF", await CaseLinks.ShareTargetsAsync(db, w.Myanmar, default));
        var run = await LinkReports.RunAsync(db, w.Ministry, default);
        Assert.True(run.Proposed > 0);
        Assert.Equal(run.Proposed, await CaseAccess.Links(db, w.Ministry).CountAsync());
    }
}
