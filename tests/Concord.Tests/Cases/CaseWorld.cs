using System.Text;
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
/// The small world the case tests share: the Muse lead and operation, 20 roster rows, three seized items (a phone held by
/// MUSE-0003 in MUSE-D01, a bag of SIM cards in MUSE-D02, a hashed computer), two provincial bureaus under CN-MPS, four
/// victims' reports of Zhejiang and the extractions of the phone and the SIM bag.
/// </summary>
internal static class CaseWorld
{
    public const string Bureau = "CN-ZJ-PSB";
    public const string OtherBureau = "CN-GD-PSB";

    /// <summary>The Muse lead and operation, 20 roster rows, three seized items, and two provincial bureaus under CN-MPS.</summary>
    public sealed record World(Actor Zhejiang, Actor Guangdong, Actor Ministry, Actor Myanmar);

    internal static readonly string[] Seizures =
    [
        "item_no,den,type,description,quantity,seized_at,unit,sha256,holder_roster_no",
        "S1,MUSE-D01,phone,Android phone,1,2024-03-24T13:28:00+06:30,Muse District Police,,MUSE-0003",
        "S2,MUSE-D02,sim_card,SIM cards,40,2024-03-24T13:25:00+06:30,Muse District Police,,",
        "S3,MUSE-D01,computer,desktop,1,2024-03-24T12:08:00+06:30,Muse District Police,6cc4823be1341dbe91c2295de86fbdd4cc1e56f197f180f9732de1f765bc6647,",
    ];

    public const string Image1 = "1111111111111111111111111111111111111111111111111111111111111111";

    /// <summary>The phone held by MUSE-0003 in MUSE-D01: its SIM's number, a WeChat account signed in, the card it collected on, a contact.</summary>
    internal static string PhoneExtraction(string sim = "+86 170 1234 5678") => $$"""
        {
          "item_no": "S1",
          "image_sha256": "{{Image1}}",
          "tool": "UFED 7.69",
          "examiner": "Ko Aung",
          "extracted_at": "2024-03-27T10:00:00+06:30",
          "device": [{"imei": "490154203237518", "model": "Redmi Note 12"}],
          "sims": [{"msisdn": "{{sim}}", "imsi": "460011234567890", "iccid": "8986011234567890123"}],
          "accounts": [{"app": "wechat", "account": "wxid_lucky888", "name": "客服小王"}],
          "contacts": [{"name": "老板", "phone": "+86 139 0000 1111"}],
          "payments": [{"kind": "bank_card", "account": "6222 0212 3456 7890 128", "counterparty": "4111 1111 1111 1111", "direction": "in", "amount": "50000", "currency": "CNY", "at": "2024-02-01T10:00:00+08:00"}],
          "scripts": [{"title": "客服退款话术", "text": "您好，我是淘宝客服，您购买的商品有质量问题，我们给您办理双倍理赔"}]
        }
        """;

    /// <summary>The bag of SIM cards in MUSE-D02: a number and a TRON wallet written on a card's sleeve.</summary>
    public const string SimBagExtraction = """
        {
          "item_no": "S2",
          "image_sha256": "2222222222222222222222222222222222222222222222222222222222222222",
          "sims": [{"msisdn": "+95 9 327 728 564", "imsi": "414012345678901"}, {"msisdn": "+86 171 0000 2222"}],
          "payments": [{"kind": "tron", "account": "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "amount": "1200", "currency": "USDT"}]
        }
        """;

    internal static string ReportsCsv(params string[] extra) => string.Join('\n', new[]
    {
        "案件编号,报案单位,省份,报案时间,受害人,受害人证件号码,简要案情,诈骗类型,损失金额,币种,涉案电话,微信,银行卡号,波场地址",
        "ZJ-2024-0001,杭州市公安局西湖分局,浙江,2024-02-01 09:30,王丽,330106199001011234,对方自称淘宝客服，说商品有质量问题要双倍理赔,客服诈骗,50000,CNY,170-1234-5678,,6222021234567890128,",
        "ZJ-2024-0002,杭州市公安局西湖分局,浙江省,2024-02-03 14:00,王丽,330106199001011234,再次被骗,投资诈骗,3万元,,,wxid_lucky888,,",
        "ZJ-2024-0003,宁波市公安局,浙江,2024-02-05,李强,,冒充公检法,,1200 USDT,,0095 9 327 728 564,,,TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
        "ZJ-2024-0004,宁波市公安局,浙江,2024-02-06,赵敏,,与本案无关,,800,,139 0000 1111,,,",
    }.Concat(extra)) + "\n";

    public static async Task<World> CreateAsync(ConcordDbContext db)
    {
        await Scenario.MuseAgreementAsync(db);
        return await AfterAgreementAsync(db);
    }

    /// <summary>The same world where the Muse agreement is already in force (a web host's test database).</summary>
    public static async Task<World> AfterAgreementAsync(ConcordDbContext db)
    {
        await Scenario.LeadOperationAsync(db, agreement: true);
        var mps = await db.Agencies.SingleAsync(a => a.Code == "CN-MPS");
        db.Agencies.Add(new Agency { Code = Bureau, Name = "Zhejiang Provincial Public Security Department", Country = "CHN", ParentId = mps.Id, ProvinceCode = "33" });
        db.Agencies.Add(new Agency { Code = OtherBureau, Name = "Guangdong Provincial Public Security Department", Country = "CHN", ParentId = mps.Id, ProvinceCode = "44" });
        await db.SaveChangesAsync();
        await ImportRoster.RunAsync(db, Scenario.Operator, Scenario.WriteTemp("roster.csv", Scenario.RosterLines(20)), Scenario.Operation, default);
        await ImportSeizures.RunAsync(db, Scenario.Operator, Scenario.WriteTemp("seizures.csv", Seizures), Scenario.Operation, default);
        return new World(await Scenario.ActorOfAsync(db, Bureau), await Scenario.ActorOfAsync(db, OtherBureau), await Scenario.ActorOfAsync(db, "CN-MPS"),
            await Scenario.ActorOfAsync(db, "MM-MPF"));
    }

    internal static Task<ImportResult> ReportsAsync(ConcordDbContext db, Actor actor, string csv, string name = "reports.csv") =>
        ImportReports.RunAsync(db, actor, Scenario.WriteTemp(name, Encoding.UTF8.GetBytes(csv)), null, default);

    internal static async Task<ImportResult> ExtractionAsync(ConcordDbContext db, Actor actor, string json, string name = "S1.json") =>
        Assert.Single(await ImportExtraction.RunAsync(db, actor, Scenario.WriteTemp(name, Encoding.UTF8.GetBytes(json)), Scenario.Operation, default));

    /// <summary>Zhejiang's reports and Myanmar's two extractions, shared with the ministry, linked by it.</summary>
    public static async Task<LinkRun> LinkedAsync(ConcordDbContext db, World w)
    {
        await ReportsAsync(db, w.Zhejiang, ReportsCsv());
        var phone = await ExtractionAsync(db, w.Myanmar, PhoneExtraction());
        var bag = await ExtractionAsync(db, w.Myanmar, SimBagExtraction, "S2.json");
        await CaseLinks.ShareAsync(db, w.Myanmar, CaseAccess.ExtractionRecord, phone.Id, "CN-MPS", default);
        await CaseLinks.ShareAsync(db, w.Myanmar, CaseAccess.ExtractionRecord, bag.Id, "CN-MPS", default);
        return await LinkReports.RunAsync(db, w.Ministry, default);
    }
}
