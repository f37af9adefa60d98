using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Concord.Core.Domain;
using Concord.Tests.Cases;
using Concord.Tests.Infrastructure;

namespace Concord.Tests.Api;

/// <summary>
/// One node for the class: China's lead to Myanmar, Myanmar's operation with 20 roster rows and three seized items, the
/// extractions of the phone and the SIM bag uploaded by Myanmar and shared with China, Zhejiang's four reports uploaded
/// by China and linked by it.
/// </summary>
public sealed class CasesApiWorld : IAsyncLifetime
{
    public ApiFixture F { get; private set; } = null!;
    public JsonElement Imported { get; private set; }
    public JsonElement Extractions { get; private set; }

    public async Task InitializeAsync()
    {
        F = await ApiFixture.CreateAsync();
        const string op = ApiTestData.OperationCode;
        await ApiTestData.SendLeadAsync(F.Cn, ApiTestData.LeadCode, ApiFixture.Myanmar);
        await ApiFixture.JsonAsync(await F.Mm.PostAsJsonAsync("/api/v1/operations", new { code = op, lead = ApiTestData.LeadCode }));
        await ApiFixture.JsonAsync(await F.Mm.PostAsync(CasesApiTests.U($"/api/v1/operations/{op}/roster"), ApiFixture.Csv(string.Join('\n', Scenario.RosterLines(20)) + "\n")));
        await ApiFixture.JsonAsync(await F.Mm.PostAsync(CasesApiTests.U($"/api/v1/operations/{op}/seizures"), ApiFixture.Csv(string.Join('\n', CaseWorld.Seizures) + "\n")));
        Extractions = await ApiFixture.JsonAsync(await F.Mm.PostAsync(CasesApiTests.U("/api/v1/extractions"),
            CasesApiTests.Extractions(("S1.json", CaseWorld.PhoneExtraction()), ("S2.json", CaseWorld.SimBagExtraction))));
        foreach (var e in Extractions.EnumerateArray())
            await ApiFixture.JsonAsync(await F.Mm.PostAsJsonAsync($"/api/v1/extractions/{e.GetProperty("id").GetGuid()}/share", new { to = ApiFixture.China }));
        Imported = await ApiFixture.JsonAsync(await F.Cn.PostAsync(CasesApiTests.U("/api/v1/reports"), CasesApiTests.ReportsFile(CaseWorld.ReportsCsv())));
        await ApiFixture.JsonAsync(await F.Cn.PostAsync(CasesApiTests.U("/api/v1/cases/link"), null));
    }

    public async Task DisposeAsync() => await F.DisposeAsync();
}

/// <summary>Victims' reports, extractions, links and freeze requests over HTTP, each agency with its own key.</summary>
public sealed class CasesApiTests(CasesApiWorld world) : IClassFixture<CasesApiWorld>
{
    private readonly ApiFixture _f = world.F;

    internal static Uri U(string path) => new(path, UriKind.Relative);

    internal static MultipartFormDataContent ReportsFile(string csv, string name = "reports.csv") => new()
    {
        { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } }, "file", name },
    };

    internal static MultipartFormDataContent Extractions(params (string Name, string Text)[] files)
    {
        var form = new MultipartFormDataContent { { new StringContent(ApiTestData.OperationCode), "operation" } };
        foreach (var (name, text) in files)
            form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(text)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } }, "files", name);
        return form;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}, expected {(int)status}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task Reports_Upload_IsAllOrNothing_AndTheSameFileAgainChangesNothing()
    {
        Assert.Equal((4, false), (world.Imported.GetProperty("added").GetInt32(), world.Imported.GetProperty("already_imported").GetBoolean()));
        var again = await ApiFixture.JsonAsync(await _f.Cn.PostAsync(U("/api/v1/reports"), ReportsFile(CaseWorld.ReportsCsv())));
        Assert.True(again.GetProperty("already_imported").GetBoolean());
        Assert.Equal(0, again.GetProperty("added").GetInt32());

        // A card number that fails its check digit refuses the whole file, naming the row and the column.
        const string header = "case_no,bureau,province,reported_at,victim_name,narrative,amount,currency,phone,bank_card\n";
        var bad = header + "API-BAD-1,杭州,浙江,2024-03-01,张三,被骗,100,CNY,170 1234 5678,\n" + "API-BAD-2,杭州,浙江,2024-03-02,李四,被骗,200,CNY,,6222021234567890129\n";
        var refusal = await ProblemAsync(await _f.Cn.PostAsync(U("/api/v1/reports"), ReportsFile(bad, "bad.csv")), HttpStatusCode.BadRequest);
        var problem = Assert.Single(refusal.GetProperty("problems").EnumerateArray());
        Assert.Equal(("bad.csv", 3, "bank_card"), (problem.GetProperty("file").GetString(), problem.GetProperty("row").GetInt32(), problem.GetProperty("column").GetString()));
        await ProblemAsync(await _f.Cn.GetAsync(U("/api/v1/reports/API-BAD-1")), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OneReport_AsJson_IsStoredNormalised_201_ThenTheSameAgainIs200_AndOtherDetailsAreRefused()
    {
        var body = new
        {
            case_no = "API-ONE-1",
            bureau = "杭州市公安局西湖分局",
            province = "浙江",
            reported_at = "2024-03-05 10:00",
            victim_name = "陈静",
            victim_id = "330106199203041234",
            narrative = "对方自称淘宝客服，说商品有质量问题要双倍理赔",
            fraud_type = "customer-service",
            losses = new[] { new { amount = 20000m, currency = "CNY" }, new { amount = 300m, currency = "USDT" } },
            identifiers = new[] { new { kind = "phone", written = "170-1234-5678" }, new { kind = "bank_card", written = "6222 0212 3456 7890 128" } },
        };
        var created = await _f.Cn.PostAsJsonAsync("/api/v1/reports/one", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var report = await ApiFixture.JsonAsync(created);
        Assert.Equal(("API-ONE-1", ApiFixture.China, "customer-service", "陈静"), (report.GetProperty("case_no").GetString(), report.GetProperty("agency").GetString(),
            report.GetProperty("fraud_type").GetString(), report.GetProperty("victim_name").GetString()));
        Assert.StartsWith("V-", report.GetProperty("victim").GetString(), StringComparison.Ordinal);
        var phone = report.GetProperty("identifiers").EnumerateArray().Single(i => i.GetProperty("kind").GetString() == "phone");
        Assert.Equal("170-1234-5678", phone.GetProperty("written").GetString());
        Assert.NotEqual("170-1234-5678", phone.GetProperty("value").GetString());
        Assert.Contains("17012345678", phone.GetProperty("value").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.String, report.GetProperty("identifiers").EnumerateArray().Single(i => i.GetProperty("kind").GetString() == "bank_card").GetProperty("value").ValueKind);
        Assert.Equal(["CNY 20000", "USDT 300"], report.GetProperty("losses").EnumerateArray().Select(l => $"{l.GetProperty("currency").GetString()} {l.GetProperty("amount").GetDecimal()}"));

        var again = await _f.Cn.PostAsJsonAsync("/api/v1/reports/one", body);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(report.GetProperty("id").GetGuid(), (await ApiFixture.JsonAsync(again)).GetProperty("id").GetGuid());

        var changed = await ProblemAsync(await _f.Cn.PostAsJsonAsync("/api/v1/reports/one", body with { narrative = "另一个说法" }), HttpStatusCode.BadRequest);
        Assert.Equal("case_no", changed.GetProperty("problems")[0].GetProperty("column").GetString());

        // The same field readers as a file's: a bad card and an unknown kind, all named at once.
        var bad = await ProblemAsync(await _f.Cn.PostAsJsonAsync("/api/v1/reports/one", new
        {
            case_no = "API-ONE-2",
            identifiers = new[] { new { kind = "bank_card", written = "6222021234567890129" }, new { kind = "fax", written = "1" } },
        }), HttpStatusCode.BadRequest);
        Assert.Equal(["bank_card", "identifiers"], bad.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("column").GetString()).Order(StringComparer.Ordinal));
        await ProblemAsync(await _f.Cn.GetAsync(U("/api/v1/reports/API-ONE-2")), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AKeyWithoutTheRole_Gets403()
    {
        var commander = await _f.ClientForAsync(ApiFixture.China, "cn-cases-commander", Roles.Commander);
        await ProblemAsync(await commander.PostAsJsonAsync("/api/v1/reports/one", new { case_no = "API-403" }), HttpStatusCode.Forbidden);
        await ProblemAsync(await commander.PostAsync(U("/api/v1/reports"), ReportsFile(CaseWorld.ReportsCsv())), HttpStatusCode.Forbidden);
        var clerk = await _f.ClientForAsync(ApiFixture.China, "cn-cases-clerk", Roles.Clerk);
        await ProblemAsync(await clerk.GetAsync(U("/api/v1/reports/ZJ-2024-0001")), HttpStatusCode.Forbidden);
        await ProblemAsync(await clerk.GetAsync(U("/api/v1/freeze-requests")), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AReportOfAnotherAgency_Is404_UntilShared_ThenReadWithTheVictimPseudonymised()
    {
        await ProblemAsync(await _f.Mm.GetAsync(U("/api/v1/reports/ZJ-2024-0004")), HttpStatusCode.NotFound);
        await ProblemAsync(await _f.Mm.PostAsJsonAsync("/api/v1/reports/ZJ-2024-0004/share", new { to = ApiFixture.Myanmar }), HttpStatusCode.NotFound);

        var shared = await ApiFixture.JsonAsync(await _f.Cn.PostAsJsonAsync("/api/v1/reports/ZJ-2024-0004/share", new { to = ApiFixture.Myanmar }));
        Assert.True(shared.GetProperty("shared").GetBoolean());
        Assert.False((await ApiFixture.JsonAsync(await _f.Cn.PostAsJsonAsync("/api/v1/reports/ZJ-2024-0004/share", new { to = ApiFixture.Myanmar }))).GetProperty("shared").GetBoolean());

        var commander = await _f.ClientForAsync(ApiFixture.Myanmar, "mm-cases-commander", Roles.Commander);
        var seen = await ApiFixture.JsonAsync(await commander.GetAsync(U("/api/v1/reports/ZJ-2024-0004")));
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("victim_name").ValueKind);
        Assert.StartsWith("V-", seen.GetProperty("victim").GetString(), StringComparison.Ordinal);
        // China's investigators see the victim.
        var own = await ApiFixture.JsonAsync(await _f.Cn.GetAsync(U("/api/v1/reports/ZJ-2024-0004")));
        Assert.Equal("赵敏", own.GetProperty("victim_name").GetString());
        Assert.Equal(seen.GetProperty("victim").GetString(), own.GetProperty("victim").GetString());
    }

    [Fact]
    public async Task Links_AreRead_Confirmed_Rejected_AndAddUpToTheDensLosses()
    {
        var report = await ApiFixture.JsonAsync(await _f.Cn.GetAsync(U("/api/v1/reports/ZJ-2024-0001")));
        Assert.True(report.GetProperty("links").GetArrayLength() > 0);
        Assert.False(string.IsNullOrEmpty(report.GetProperty("fraud_type_suggested").GetString()));
        var links = await ApiFixture.JsonAsync(await _f.Cn.GetAsync(U("/api/v1/reports/ZJ-2024-0001/links")));
        Assert.Equal(report.GetProperty("links").GetArrayLength(), links.GetArrayLength());
        Assert.All(links.EnumerateArray(), l => Assert.True(l.GetProperty("evidence").GetArrayLength() > 0));

        var den = links.EnumerateArray().First(l => l.GetProperty("subject").GetString() == "den");
        var confirmed = await ApiFixture.JsonAsync(await _f.Cn.PostAsync(U($"/api/v1/links/{den.GetProperty("id").GetGuid()}/confirm"), null));
        Assert.Equal("confirmed", confirmed.GetProperty("status").GetString());
        var redecide = await ProblemAsync(await _f.Cn.PostAsync(U($"/api/v1/links/{den.GetProperty("id").GetGuid()}/reject"), null), HttpStatusCode.BadRequest);
        Assert.Equal("reason", redecide.GetProperty("problems")[0].GetProperty("column").GetString());
        // Myanmar holds the extraction but not the report: the link is not Myanmar's to decide.
        await ProblemAsync(await _f.Mm.PostAsync(U($"/api/v1/links/{den.GetProperty("id").GetGuid()}/confirm"), null), HttpStatusCode.NotFound);

        var losses = await ApiFixture.JsonAsync(await _f.Cn.GetAsync(U($"/api/v1/losses/den/{den.GetProperty("subject_id").GetGuid()}")));
        Assert.Equal("den", losses.GetProperty("subject").GetString());
        Assert.True(losses.GetProperty("confirmed").GetInt32() >= 1);
        Assert.Contains(losses.GetProperty("confirmed_losses").EnumerateArray(), m => m.GetProperty("currency").GetString() == "CNY" && m.GetProperty("amount").GetDecimal() >= 50000m);
        await ProblemAsync(await _f.Mm.GetAsync(U($"/api/v1/losses/den/{den.GetProperty("subject_id").GetGuid()}")), HttpStatusCode.NotFound);

        var person = links.EnumerateArray().FirstOrDefault(l => l.GetProperty("subject").GetString() == "person");
        if (person.ValueKind == JsonValueKind.Object)
        {
            var rejected = await ApiFixture.JsonAsync(await _f.Cn.PostAsJsonAsync($"/api/v1/links/{person.GetProperty("id").GetGuid()}/reject", new { reason = "the number was resold" }));
            Assert.Equal(("rejected", "the number was resold"), (rejected.GetProperty("status").GetString(), rejected.GetProperty("reason").GetString()));
        }
        // Linking again keeps every decision.
        var run = await ApiFixture.JsonAsync(await _f.Cn.PostAsync(U("/api/v1/cases/link"), null));
        Assert.True(run.GetProperty("kept_decided").GetInt32() >= 1);
    }

    [Fact]
    public async Task FraudType_IsConfirmedOrCorrected_AndAnUnknownTypeIsRefused()
    {
        var set = await ApiFixture.JsonAsync(await _f.Cn.PutAsJsonAsync("/api/v1/reports/ZJ-2024-0003/fraud-type", new { fraud_type = "customer-service" }));
        Assert.Equal("customer-service", set.GetProperty("fraud_type").GetString());
        var refused = await ProblemAsync(await _f.Cn.PutAsJsonAsync("/api/v1/reports/ZJ-2024-0003/fraud-type", new { fraud_type = "lottery-of-doom" }), HttpStatusCode.BadRequest);
        Assert.Equal("fraud_type", refused.GetProperty("problems")[0].GetProperty("column").GetString());
    }

    [Fact]
    public async Task Extractions_UploadedAgain_ChangeNothing_AndOnlyTheHolderImports()
    {
        Assert.All(world.Extractions.EnumerateArray(), e => Assert.False(e.GetProperty("already_imported").GetBoolean()));
        var again = await ApiFixture.JsonAsync(await _f.Mm.PostAsync(U("/api/v1/extractions"), Extractions(("S1.json", CaseWorld.PhoneExtraction()))));
        Assert.True(Assert.Single(again.EnumerateArray()).GetProperty("already_imported").GetBoolean());
        await ProblemAsync(await _f.Cn.PostAsync(U("/api/v1/extractions"), Extractions(("S1.json", CaseWorld.PhoneExtraction()))), HttpStatusCode.NotFound);

        // The CSV layout: extraction.csv and a CSV per table, as one extraction.
        var form = new MultipartFormDataContent { { new StringContent(ApiTestData.OperationCode), "operation" } };
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes("item_no,image_sha256\nS3,6cc4823be1341dbe91c2295de86fbdd4cc1e56f197f180f9732de1f765bc6647\n")), "files", "extraction.csv");
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes("msisdn,imsi,iccid\n+86 172 0000 3333,,\n")), "files", "sims.csv");
        // Shared with China on the way in (share_with): sharing it again changes nothing.
        form.Add(new StringContent(ApiFixture.China), "share_with");
        var csv = Assert.Single((await ApiFixture.JsonAsync(await _f.Mm.PostAsync(U("/api/v1/extractions"), form))).EnumerateArray());
        Assert.Equal(1, csv.GetProperty("rows").GetInt32());
        var again2 = await ApiFixture.JsonAsync(await _f.Mm.PostAsJsonAsync($"/api/v1/extractions/{csv.GetProperty("id").GetGuid()}/share", new { to = ApiFixture.China }));
        Assert.False(again2.GetProperty("shared").GetBoolean());
    }

    [Fact]
    public async Task FreezeRequests_AreMade_AnsweredOnce_Listed_AndTotalledPerOperation()
    {
        var made = await ApiFixture.JsonAsync(await _f.Cn.PostAsJsonAsync("/api/v1/freeze-requests", new
        {
            account_kind = "bank_card",
            account = "6222 0212 3456 7890 128",
            institution = "ICBC Hangzhou",
            amount = "50000",
            currency = "CNY",
            legal_basis = "刑事诉讼法第一百四十四条",
            deadline = "2099-01-01 18:00",
        }));
        var no = made.GetProperty("request_no").GetString()!;
        Assert.Equal(("sent", false), (made.GetProperty("status").GetString(), made.GetProperty("overdue").GetBoolean()));
        Assert.Contains("ZJ-2024-0001", made.GetProperty("reports").EnumerateArray().Select(r => r.GetString()));

        var answered = await ApiFixture.JsonAsync(await _f.Cn.PostAsJsonAsync($"/api/v1/freeze-requests/{no}/answer", new { outcome = "partly_frozen", frozen = "20000", note = "ICBC-2099-1" }));
        Assert.Equal(("answered", "partly_frozen", 20000m), (answered.GetProperty("status").GetString(), answered.GetProperty("outcome").GetString(), answered.GetProperty("frozen_amount").GetDecimal()));
        await ProblemAsync(await _f.Cn.PostAsJsonAsync($"/api/v1/freeze-requests/{no}/answer", new { outcome = "refused" }), HttpStatusCode.BadRequest);
        await ProblemAsync(await _f.Mm.PostAsJsonAsync($"/api/v1/freeze-requests/{no}/answer", new { outcome = "refused" }), HttpStatusCode.NotFound);

        var list = await ApiFixture.JsonAsync(await _f.Cn.GetAsync(U("/api/v1/freeze-requests")));
        Assert.Contains(list.EnumerateArray(), r => r.GetProperty("request_no").GetString() == no && r.TryGetProperty("overdue", out _));
        var totals = await ApiFixture.JsonAsync(await _f.Cn.GetAsync(U("/api/v1/freeze-requests/totals")));
        var total = Assert.Single(totals.EnumerateArray(), t => t.GetProperty("operation").GetString() == made.GetProperty("operation").GetString());
        Assert.Contains(total.GetProperty("frozen").EnumerateArray(), m => m.GetProperty("currency").GetString() == "CNY" && m.GetProperty("amount").GetDecimal() == 20000m);
    }
}
