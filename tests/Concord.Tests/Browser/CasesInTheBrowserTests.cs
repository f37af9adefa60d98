using System.Globalization;
using Concord.Cli.Web.Text;
using Concord.Core.Domain;
using Concord.Tests.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Concord.Tests.Browser;

/// <summary>
/// A ministry coordinator works the cases in Chinese, as the investigator would after the handover: finds a number across
/// reports and seized devices, opens the report, confirms its link to the suspect who held the phone and sees on the
/// report what the suspect's confirmed links add up to, then on the suspect's page; draws the link graph; asks a bank to
/// freeze the account, enters its answer, and sees a second request overdue once its deadline has passed (the node's
/// clock moved forward). The report, graph and freeze pages are then read in every language.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CasesInTheBrowserTests(ITestOutputHelper output)
{
    /// <summary>The node's clock, running, that a test can move forward.</summary>
    private sealed class MovableClock : TimeProvider
    {
        public TimeSpan Ahead { get; set; }
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Ahead;
    }

    private static async Task SeedAsync(Concord.Core.Storage.ConcordDbContext db, Concord.Core.Auditing.Actor actor)
    {
        var world = await CaseWorld.AfterAgreementAsync(db);
        await CaseWorld.LinkedAsync(db, world);
        var shared = await db.VictimReports.Where(r => r.CaseNo == "ZJ-2024-0001").Select(r => r.Id).SingleAsync();
        await Concord.Core.Features.Cases.CaseLinks.ShareAsync(db, world.Zhejiang, Concord.Core.Features.Cases.CaseAccess.Report, shared, "MM-MPF", default);
    }

    /// <summary>The image hash the seizure list recorded for the den's computer S3 (<see cref="CaseWorld"/>).</summary>
    private const string S3Image = "6cc4823be1341dbe91c2295de86fbdd4cc1e56f197f180f9732de1f765bc6647";

    private static ILocator Input(IPage page, string id) => page.Locator($"input#{id}, #{id} input, textarea#{id}, #{id} textarea").First;

    [Fact]
    public async Task From_a_confirmed_link_to_the_suspects_losses_and_a_freeze_request_answered_and_one_overdue_in_Chinese()
    {
        var clock = new MovableClock();
        await using var f = await BrowserFixture.CreateAsync(SeedAsync, b =>
        {
            b.Services.RemoveAll<TimeProvider>();
            b.Services.AddSingleton<TimeProvider>(clock);
        });
        Guid reportId;
        await using (var db = f.Open()) reportId = await db.VictimReports.Where(r => r.CaseNo == "ZJ-2024-0001").Select(r => r.Id).SingleAsync();

        // A wait that fails says what the page showed instead.
        async Task WaitAsync(IPage p, string selector)
        {
            try
            {
                await p.WaitForSelectorAsync(selector);
            }
            catch (TimeoutException)
            {
                await BrowserFixture.ScreenshotAsync(p, "cases-failure");
                output.WriteLine($"{p.Url}: {await p.InnerTextAsync("body")}");
                throw;
            }
        }

        var (user, password) = await f.UserAsync("cn.cases.zh", "CN-MPS", "zh", [.. Roles.All]);
        var page = await f.PageAsync("zh-CN");
        await BrowserFixture.SignInAsync(page, user, password);

        // The number that called the victim, as the victim wrote it: found in the report and on the phone seized in MUSE-D01.
        await BrowserFixture.GoAsync(page, "/cases");
        await WaitAsync(page, "#reports-table .report-row");
        Assert.Equal(4, await page.Locator("#reports-table .report-row").CountAsync());
        await Input(page, "cases-search").FillAsync("170-1234-5678");
        await page.ClickAsync("#cases-search-go");
        await WaitAsync(page, "#identifier-search .identifier-hit");
        var hits = await page.Locator("#identifier-search .identifier-hit").AllInnerTextsAsync();
        Assert.Contains(hits, h => h.Contains("ZJ-2024-0001", StringComparison.Ordinal) && h.Contains("受害人提供", StringComparison.Ordinal));
        Assert.Contains(hits, h => h.Contains("S1", StringComparison.Ordinal) && h.Contains("本机所有", StringComparison.Ordinal));
        await BrowserFixture.ScreenshotAsync(page, "cases-search-zh");

        // The report: two links proposed (the suspect who held the phone, and its den), each with its evidence.
        await page.Locator("#reports-table a", new() { HasText = "ZJ-2024-0001" }).ClickAsync();
        await WaitAsync(page, "#report-links .case-link");
        var personLink = page.Locator("#report-links .case-link", new() { Has = page.Locator(".case-link-subject", new() { HasText = "MUSE-0003" }) });
        Assert.Equal("MUSE-0003", (await personLink.Locator(".case-link-subject").InnerTextAsync()).Trim());
        // China never held him (Myanmar arrested him and kept him): the link names him, but does not lead to a page China may not open.
        Assert.Equal(0, await personLink.Locator("a.case-link-subject").CountAsync());
        Assert.Contains("已提出", await personLink.Locator(".case-link-status").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("+8617012345678", await personLink.Locator(".case-evidence").InnerTextAsync(), StringComparison.Ordinal);
        var personRow = page.Locator("#subject-losses .subject-person");
        Assert.Equal("—", (await personRow.Locator(".subject-confirmed-losses").InnerTextAsync()).Trim());

        await Input(page, "link-reason").FillAsync("话单与扣押手机 SIM 卡号一致");
        await personLink.Locator(".case-link-confirm").ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('#subject-losses .subject-person .subject-confirmed-losses')?.textContent.includes('50,000 CNY')");
        Assert.Contains("已确认", await personLink.Locator(".case-link-status").InnerTextAsync(), StringComparison.Ordinal);
        // The suspect's figures on the report: both reports linked to MUSE-0003, the one confirmed counting as confirmed.
        var row = await personRow.InnerTextAsync();
        Assert.Contains("80,000 CNY", row, StringComparison.Ordinal);
        Assert.Contains("浙江", row, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "case-report-zh");
        await using (var db = f.Open())
        {
            var link = await db.CaseLinks.SingleAsync(l => l.ReportId == reportId && l.Subject == CaseSubject.Person);
            Assert.Equal(CaseLinkStatus.Confirmed, link.Status);
            Assert.Equal("话单与扣押手机 SIM 卡号一致", link.Reason);
            Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "case-link.confirm" && e.EntityId == link.Id));
        }

        // The suspect stays in Myanmar: the Myanmar force, to which Zhejiang shared this report, sees on the suspect's page
        // the report it shares and what the confirmed link adds up to; the report Zhejiang kept to itself is not there.
        Guid personId;
        await using (var db = f.Open()) personId = await db.CaseLinks.Where(l => l.ReportId == reportId && l.Subject == CaseSubject.Person).Select(l => l.SubjectId).SingleAsync();
        var (mmUser, mmPassword) = await f.UserAsync("mm.cases.zh", "MM-MPF", "zh", [.. Roles.All]);
        var myanmar = await f.PageAsync("zh-CN");
        await BrowserFixture.SignInAsync(myanmar, mmUser, mmPassword);
        await BrowserFixture.GoAsync(myanmar, $"/persons/{personId}");
        await WaitAsync(myanmar, "#subject-cases #subject-confirmed-losses");
        Assert.Equal("50,000 CNY", (await myanmar.Locator("#subject-cases #subject-confirmed-losses").InnerTextAsync()).Trim());
        var seen = await myanmar.Locator("#subject-cases .subject-case-link").AllInnerTextsAsync();
        Assert.Equal("ZJ-2024-0001", Assert.Single(seen).Split('\t')[0].Trim());
        await BrowserFixture.ScreenshotAsync(myanmar, "person-cases-zh");

        // The lab's extraction of the den's computer (S3), in the CSV layout, uploaded on the operation's page and shared
        // with China on the way in.
        await BrowserFixture.GoAsync(myanmar, $"/operations/{Concord.Tests.Infrastructure.Scenario.Operation}");
        await WaitAsync(myanmar, "#extraction-upload");
        await myanmar.Locator("#extraction-upload .mud-select .mud-input").First.ClickAsync();
        await myanmar.ClickAsync(".mud-popover-open .mud-list-item:has-text('CN-MPS')");
        await myanmar.SetInputFilesAsync("#extraction-upload input[type=file]", new[]
        {
            new FilePayload { Name = "extraction.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes($"item_no,image_sha256\nS3,{S3Image}\n") },
            new FilePayload { Name = "sims.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes("msisdn,imsi,iccid\n+86 172 0000 3333,,\n") },
        });
        await WaitAsync(myanmar, "#extraction-result");
        Assert.Contains("CN-MPS", await myanmar.Locator("#extraction-result").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(myanmar, "extraction-upload-zh");
        await using (var db = f.Open())
        {
            var s3 = await db.Extractions.SingleAsync(e => e.ItemNo == "S3");
            Assert.True(await db.CaseShares.AnyAsync(s => s.RecordId == s3.Id && s.RecordType == "extraction"));
        }
        await myanmar.Context.CloseAsync();

        // The graph around the report, drawn by the node's own Cytoscape.js.
        await BrowserFixture.GoAsync(page, $"/cases/graph?kind=report&key={reportId}");
        await WaitAsync(page, "#case-graph[data-nodes]");
        Assert.True(int.Parse(await page.GetAttributeAsync("#case-graph", "data-nodes") ?? "0", CultureInfo.InvariantCulture) >= 5);
        Assert.True(await page.EvaluateAsync<bool>("() => !!document.querySelector('#case-graph canvas')"));
        await BrowserFixture.ScreenshotAsync(page, "case-graph-zh");
        // The den's criminal group, drawn around itself: its den, the den's reports and devices.
        await BrowserFixture.GoAsync(page, "/cases/graph?kind=group&key=GROUP-1");
        await WaitAsync(page, "#case-graph[data-nodes]");
        Assert.True(int.Parse(await page.GetAttributeAsync("#case-graph", "data-nodes") ?? "0", CultureInfo.InvariantCulture) >= 4);
        await BrowserFixture.ScreenshotAsync(page, "group-graph-zh");

        // A freeze request for the card the victim paid into, answered by the bank; a second left unanswered.
        await BrowserFixture.GoAsync(page, "/cases/freeze");
        var china = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        string Local(TimeSpan from) => TimeZoneInfo.ConvertTime(clock.GetUtcNow() + from, china).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        async Task RequestAsync(string account, string amount, string deadline)
        {
            await Input(page, "freeze-account").FillAsync(account);
            await Input(page, "freeze-institution").FillAsync("中国工商银行");
            await Input(page, "freeze-amount").FillAsync(amount);
            await Input(page, "freeze-basis").FillAsync("《刑事诉讼法》第一百四十四条");
            await Input(page, "freeze-deadline").FillAsync(deadline);
            var before = await page.Locator("#freeze-table .freeze-row").CountAsync();
            await page.ClickAsync("#freeze-send");
            await WaitAsync(page, $"#freeze-table .freeze-row:nth-of-type({before + 1})");
        }
        await RequestAsync("6222 0212 3456 7890 128", "50000", Local(TimeSpan.FromDays(2)));
        await page.Locator("#freeze-table .freeze-row .freeze-answer-open").First.ClickAsync();
        await Input(page, "freeze-frozen").FillAsync("30000");
        await Input(page, "freeze-answer-text").FillAsync("已冻结账户余额");
        await page.ClickAsync("#freeze-answer-save");
        await page.WaitForFunctionAsync("() => document.querySelector('#freeze-totals .freeze-total-frozen')?.textContent.includes('30,000 CNY')");
        Assert.Contains("已冻结", await page.Locator("#freeze-table .freeze-row .freeze-outcome").First.InnerTextAsync(), StringComparison.Ordinal);

        // A second request for the same card, with a deadline a few minutes off.
        await RequestAsync("6222021234567890128", "8000", Local(TimeSpan.FromMinutes(3)));
        Assert.Equal(0, await page.Locator("#freeze-table .freeze-overdue").CountAsync());
        // Ten minutes on, the second request is past its deadline without an answer.
        clock.Ahead = TimeSpan.FromMinutes(10);
        await BrowserFixture.GoAsync(page, "/cases/freeze");
        await WaitAsync(page, "#freeze-table .freeze-overdue");
        var overdue = page.Locator("#freeze-table .freeze-overdue");
        Assert.Equal(1, await overdue.CountAsync());
        Assert.Contains("8,000 CNY", await overdue.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("已逾期", await overdue.Locator(".freeze-overdue-chip").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "freeze-zh");
        await page.Context.CloseAsync();

        // Authenticator codes are checked against the node's clock: back to the present for the next sign-ins.
        clock.Ahead = TimeSpan.Zero;

        // The report, its graph and the requests in every language, on a 1366×768 screen: nothing left in English, nothing too wide.
        var problems = new List<string>();
        foreach (var language in UiText.Languages)
        {
            var locale = language switch { "zh" => "zh-CN", "my" => "my-MM", _ => "en-GB" };
            var (name, pass) = await f.UserAsync($"cn.cases.walk.{language}", "CN-MPS", language, [.. Roles.All]);
            var p = await f.PageAsync(locale);
            await BrowserFixture.SignInAsync(p, name, pass);
            foreach (var (path, shot) in new[] { ($"/cases/reports/{reportId}", "case-report"), ($"/cases/graph?kind=report&key={reportId}", "case-graph"), ("/cases/freeze", "freeze"), ("/cases/losses", "case-losses") })
            {
                await BrowserFixture.GoAsync(p, path);
                await p.WaitForTimeoutAsync(700);
                if (language != "en") problems.AddRange((await PagesInEveryLanguageTests.EnglishTextsAsync(p, language)).Select(t => $"{language} {path}: shows '{t}' in English"));
                var widths = await p.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
                if (widths[0] > widths[1]) problems.Add($"{language} {path}: {widths[0] - widths[1]} px wider than the window");
                problems.AddRange((await PagesInEveryLanguageTests.CriticalAccessibilityAsync(p)).Select(v => $"{language} {path}: {v}"));
                await BrowserFixture.ScreenshotAsync(p, $"{shot}-{language}");
            }
            await p.Context.CloseAsync();
        }
        foreach (var problem in problems) output.WriteLine(problem);
        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.Empty(f.CspViolations);
    }
}
