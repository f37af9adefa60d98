using Concord.Cli.Web.Text;
using Concord.Core.Domain;
using Concord.Core.Features.Leads;
using Concord.Core.Features.Operations;
using Concord.Core.Features.Seizures;
using Concord.Core.Features.Wanted;
using Concord.Core.Features.Intake;
using Concord.Tests.Infrastructure;
using Concord.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Concord.Tests.Browser;

/// <summary>
/// Every page in English, Chinese and Burmese: no UI text left in English where a translation should stand, a Burmese
/// font served by the node itself, and a screenshot of each main page in each language for docs/screenshots.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PagesInEveryLanguageTests(ITestOutputHelper output)
{
    private const string Operation = "MUSE-2024-03";

    /// <summary>Each main page, the role that works it, and its file name in docs/screenshots.</summary>
    private static readonly (string Path, string Shot)[] CnPages =
    [
        ("/dashboard", "dashboard"),
        ("/agreements", "agreements"),
        ("/leads", "leads"),
        ($"/operations/{Operation}/report", "report"),
        ("/audit", "audit"),
        ("/admin/users", "users"),
    ];

    [Fact]
    public async Task EveryPage_InEveryLanguage_ShowsOnlyThatLanguage()
    {
        await using var f = await BrowserFixture.CreateAsync(SeedMuseAsync);
        var leadId = await LeadIdAsync(f);
        var problems = new List<string>();
        foreach (var language in UiText.Languages)
        {
            var (user, password) = await f.UserAsync($"cn.all.{language}", "CN-MPS", language, [.. Roles.All]);
            var page = await f.PageAsync(language switch { "zh" => "zh-CN", "my" => "my-MM", _ => "en-GB" });
            await BrowserFixture.SignInAsync(page, user, password);
            UiText.Missed.Clear();
            foreach (var (path, shot) in CnPages.Append(($"/leads/{leadId}", "lead")))
            {
                await BrowserFixture.GoAsync(page, path);
                await page.WaitForTimeoutAsync(300);
                Assert.Null(await page.QuerySelectorAsync("#not-found"));
                if (language != "en") problems.AddRange((await EnglishTextsAsync(page, language)).Select(t => $"{language} {path}: shows '{t}' in English"));
                await BrowserFixture.ScreenshotAsync(page, $"{shot}-{language}");
            }
            problems.AddRange(UiText.Missed.Keys.Where(k => k.StartsWith(language + ":", StringComparison.Ordinal)).Select(k => $"no translation for {k}"));
            if (language == "my")
            {
                // The node serves the Burmese font itself: an officer's machine needs nothing installed.
                Assert.True(await page.EvaluateAsync<bool>("async () => { await document.fonts.ready; return document.fonts.check('16px \"Noto Sans Myanmar\"', 'မြန်မာ'); }"));
                Assert.True((await page.APIRequest.GetAsync("/fonts/noto-sans-myanmar/noto-sans-myanmar-myanmar-400-normal.woff2")).Ok);
            }
            await page.Context.CloseAsync();
        }
        output.WriteLine($"{problems.Count} untranslated texts");
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public async Task SignInPage_FollowsTheBrowsersLanguage_BeforeSignIn()
    {
        await using var f = await BrowserFixture.CreateAsync();
        foreach (var (locale, text) in new[] { ("zh-CN", UiText.Translate("Sign in", "zh")), ("my-MM", UiText.Translate("Sign in", "my")), ("en-US", "Sign in") })
        {
            var page = await f.PageAsync(locale);
            await page.GotoAsync("/");
            Assert.Equal(text, (await page.InnerTextAsync("h1")).Trim());
            await BrowserFixture.ScreenshotAsync(page, $"sign-in-{locale[..2]}");
            await page.Context.CloseAsync();
        }
    }

    /// <summary>Text nodes on the page that are an English UI string whose translation differs: a string that escaped the tables.</summary>
    private static async Task<List<string>> EnglishTextsAsync(IPage page, string language)
    {
        var english = UiTextTests.KeysInSource().Where(k => !k.Contains('{', StringComparison.Ordinal) && UiText.Translate(k, language) != k).ToHashSet(StringComparer.Ordinal);
        var texts = await page.EvaluateAsync<string[]>("""
            () => {
              const out = [];
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                const t = n.textContent.trim();
                if (t && n.parentElement && n.parentElement.offsetParent !== null) out.push(t);
              }
              document.querySelectorAll('[placeholder],[aria-label],[title]').forEach(e => ['placeholder','aria-label','title'].forEach(a => { const v = e.getAttribute(a); if (v) out.push(v.trim()); }));
              return out;
            }
            """);
        return texts.Where(english.Contains).Distinct(StringComparer.Ordinal).ToList();
    }

    private static async Task<Guid> LeadIdAsync(BrowserFixture f)
    {
        await using var db = f.Open();
        return await db.Leads.Select(l => l.Id).FirstAsync();
    }

    /// <summary>The Muse sample as the demo workspace has it: imported and matched, the queue open.</summary>
    internal static async Task SeedMuseAsync(Concord.Core.Storage.ConcordDbContext db, Concord.Core.Auditing.Actor actor)
    {
        await ImportLead.RunAsync(db, actor, new ImportLead.Request("CN-LEAD-2024-017", "CN-MPS", "MM-MPF", "H3-NO-ONWARD", Repo.Muse("dens.csv"), Repo.Muse("lead-targets.csv")), CancellationToken.None);
        await ImportWantedList.RunAsync(db, actor, Repo.Muse("wanted.csv"), "CN-MPS", CancellationToken.None);
        await CreateOperation.RunAsync(db, actor, Operation, "CN-LEAD-2024-017", "MM-MPF", CancellationToken.None);
        await ImportRoster.RunAsync(db, actor, Repo.Muse("roster.csv"), Operation, CancellationToken.None);
        await ImportSeizures.RunAsync(db, actor, Repo.Muse("seizures.csv"), Operation, CancellationToken.None);
        await MatchOperation.RunAsync(db, actor, Operation, null, CancellationToken.None);
    }
}

/// <summary>Browser tests share the machine's two cores: one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection
{
    public const string Name = "browser";
}
