using Concord.Cli.Web.Text;
using Concord.Core.Domain;
using Concord.Core.Features.Operations;
using Concord.Core.Features.Seizures;
using Concord.Core.Features.Intake;
using Concord.Core.Features.Custody;
using Concord.Core.Features.Handover;
using Concord.Core.Features.Assignment;
using System.Globalization;
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

    /// <summary>Each main page, the side whose officers work it, and its file name in docs/screenshots ({0}: the handover, {1}: the lead, {2}: a person on it).</summary>
    private static readonly (string Agency, string Path, string Shot)[] Pages =
    [
        ("CN-MPS", "/dashboard", "dashboard"),
        ("CN-MPS", "/agreements", "agreements"),
        ("CN-MPS", "/leads", "leads"),
        ("CN-MPS", "/leads/{1}", "lead"),
        ("MM-MPF", "/operations", "operations"),
        ("MM-MPF", $"/operations/{Operation}", "intake"),
        ("MM-MPF", $"/operations/{Operation}/review", "review"),
        ("MM-MPF", $"/operations/{Operation}/custody", "custody"),
        ("MM-MPF", $"/operations/{Operation}/persons", "persons"),
        ("MM-MPF", "/persons/{2}", "person"),
        ("MM-MPF", "/handovers", "handovers"),
        ("MM-MPF", "/handovers/{0}", "manifest"),
        ("CN-MPS", "/handovers/{0}/port", "port"),
        ("CN-MPS", "/assignments", "assignments"),
        ("CN-MPS", $"/operations/{Operation}/report", "report"),
        ("CN-MPS", "/cases", "cases"),
        ("CN-MPS", "/cases/new", "case-new"),
        ("CN-MPS", "/cases/losses", "case-losses"),
        ("CN-MPS", "/cases/freeze", "freeze"),
        ("CN-MPS", "/audit", "audit"),
        ("CN-MPS", "/packets", "packets"),
        ("MM-MPF", "/admin/users", "users"),
    ];

    [Fact]
    public async Task EveryPage_InEveryLanguage_ShowsOnlyThatLanguage()
    {
        await using var f = await BrowserFixture.CreateAsync(SeedMuseAsync);
        Guid leadId, handoverId, personId;
        await using (var db = f.Open())
        {
            leadId = await db.Leads.Select(l => l.Id).FirstAsync();
            handoverId = await db.Handovers.Select(h => h.Id).FirstAsync();
            // A fugitive on the manifest: their page has a match, custody, the handover and history to show.
            var onManifest = await db.HandoverPersons.Where(p => p.HandoverId == handoverId).Select(p => p.PersonId).ToListAsync();
            personId = (await db.PersonLinks.Where(l => l.Kind == LinkKind.Wanted).Select(l => l.PersonId).ToListAsync()).Intersect(onManifest).Order().First();
        }
        var problems = new List<string>();
        var layout = new List<string>();
        foreach (var language in UiText.Languages)
        {
            var locale = language switch { "zh" => "zh-CN", "my" => "my-MM", _ => "en-GB" };
            var pages = new Dictionary<string, IPage>(StringComparer.Ordinal);
            foreach (var agency in new[] { "CN-MPS", "MM-MPF" })
            {
                var (user, password) = await f.UserAsync($"{agency.ToLowerInvariant()}.all.{language}", agency, language, [.. Roles.All]);
                pages[agency] = await f.PageAsync(locale);
                await BrowserFixture.SignInAsync(pages[agency], user, password, atCodePage: async p =>
                {
                    if (language != "en") problems.AddRange((await EnglishTextsAsync(p, language)).Select(t => $"{language} /account/totp: shows '{t}' in English"));
                    if (agency == "CN-MPS") await BrowserFixture.ScreenshotAsync(p, $"enrol-{language}");
                }, atEnrolmentPage: async p =>
                {
                    if (language != "en") problems.AddRange((await EnglishTextsAsync(p, language)).Select(t => $"{language} /account/totp (enrolment code): shows '{t}' in English"));
                    if (agency == "CN-MPS") await BrowserFixture.ScreenshotAsync(p, $"enrolment-code-{language}");
                });
            }
            UiText.Missed.Clear();
            foreach (var (agency, template, shot) in Pages)
            {
                var page = pages[agency];
                var path = string.Format(CultureInfo.InvariantCulture, template, handoverId, leadId, personId);
                await BrowserFixture.GoAsync(page, path);
                await page.WaitForTimeoutAsync(500);
                Assert.True(await page.QuerySelectorAsync("#not-found") is null, $"{path} answered not found for {agency}");
                if (language != "en") problems.AddRange((await EnglishTextsAsync(page, language)).Select(t => $"{language} {path}: shows '{t}' in English"));
                // On a 1366×768 laptop nothing runs off to the side, and axe finds nothing critical.
                var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
                var (scroll, client) = (widths[0], widths[1]);
                if (scroll > client)
                {
                    // The outermost elements that reach past the window, to say where to look.
                    var wide = await page.EvaluateAsync<string[]>("""
                        (w) => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1
                                && !(e.parentElement && e.parentElement.getBoundingClientRect().right > w + 1))
                            .slice(0, 3).map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${[...e.classList].slice(0, 2).join('.')} (right ${Math.round(e.getBoundingClientRect().right)})`)
                        """, client);
                    layout.Add($"{language} {path}: {scroll - client} px wider than the window (scrollWidth {scroll}, clientWidth {client}): {string.Join("; ", wide)}");
                }
                layout.AddRange((await CriticalAccessibilityAsync(page)).Select(v => $"{language} {path}: {v}"));
                await BrowserFixture.ScreenshotAsync(page, $"{shot}-{language}");
            }
            problems.AddRange(UiText.Missed.Keys.Where(k => k.StartsWith(language + ":", StringComparison.Ordinal)).Select(k => $"no translation for {k}"));
            if (language == "my")
            {
                // The node serves the Burmese font itself: an officer's machine needs nothing installed.
                var page = pages["MM-MPF"];
                Assert.True(await page.EvaluateAsync<bool>("async () => { await document.fonts.ready; return document.fonts.check('16px \"Noto Sans Myanmar\"', 'မြန်မာ'); }"));
                Assert.True((await page.APIRequest.GetAsync("/fonts/noto-sans-myanmar/noto-sans-myanmar-myanmar-400-normal.woff2")).Ok);
            }
            foreach (var page in pages.Values) await page.Context.CloseAsync();
        }
        output.WriteLine($"{problems.Count} untranslated texts; {layout.Count} pages too wide or with critical accessibility violations");
        foreach (var l in layout) output.WriteLine(l);
        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.True(layout.Count == 0, string.Join('\n', layout));

        // Each page was opened once by each user: each read of personal data is in the trail once, not once for the
        // prerender and again for the circuit.
        await using (var db = f.Open())
        {
            var reads = await db.AuditEntries.Where(a => a.Action == "page.read" || a.Action == "audit.read").Select(a => new { a.Actor, a.Action, a.Details }).ToListAsync();
            var twice = reads.GroupBy(r => (r.Actor, r.Action, Page: (r.Details ?? "").Split(' ')[0])).Where(g => g.Count() > 1)
                .Select(g => $"{g.Key.Actor} {g.Key.Action} {g.Key.Page} ×{g.Count()}").ToList();
            Assert.True(twice.Count == 0, "read more than once for one view: " + string.Join(", ", twice));
            foreach (var language in UiText.Languages)
                Assert.Contains(reads, r => r.Actor == $"user:cn-mps.all.{language}" && r.Details == "lead");
        }
        Assert.True(f.CspViolations.IsEmpty, "blocked by the Content-Security-Policy:\n" + string.Join('\n', f.CspViolations.Distinct()));
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

    private static readonly Lazy<string> Axe = new(() => File.ReadAllText(Path.Combine(Repo.Root, "tests", "Concord.Tests", "Browser", "axe", "axe.min.js")));

    /// <summary>axe-core's violations of impact "critical" on the page as it stands, each with the elements it found.</summary>
    internal static async Task<List<string>> CriticalAccessibilityAsync(IPage page)
    {
        // Evaluated through the debugging protocol, which the page's Content-Security-Policy does not govern (a script tag it would block).
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'")) await page.EvaluateAsync(Axe.Value);
        var found = await page.EvaluateAsync<string[]>("""
            async () => {
              const r = await window.axe.run(document, { resultTypes: ['violations'] });
              return r.violations.filter(v => v.impact === 'critical')
                .map(v => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join('; ')})`);
            }
            """);
        return [.. found];
    }

    /// <summary>Text nodes on the page that are an English UI string, match finding, import problem or refusal whose translation differs: a string that escaped the tables.</summary>
    internal static async Task<List<string>> EnglishTextsAsync(IPage page, string language)
    {
        var english = UiTextTests.KeysInSource().Concat(Concord.Matching.Findings.All).Concat(Concord.Core.ProblemTexts.All).Concat(Concord.Core.ErrorTexts.All).Where(k => !k.Contains('{', StringComparison.Ordinal) && UiText.Translate(k, language) != k).ToHashSet(StringComparer.Ordinal);
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

    /// <summary>The Muse sample as the demo workspace has it: imported and matched, the queue open.</summary>
    internal static async Task SeedMuseAsync(Concord.Core.Storage.ConcordDbContext db, Concord.Core.Auditing.Actor actor)
    {
        await MuseInTheBrowserTests.SeedLeadAndWantedAsync(db, actor);
        await ImportRoster.RunAsync(db, actor, Repo.Muse("roster.csv"), Operation, CancellationToken.None);
        await ImportSeizures.RunAsync(db, actor, Repo.Muse("seizures.csv"), Operation, CancellationToken.None);
        await MatchOperation.RunAsync(db, actor, Operation, null, CancellationToken.None);
        await DecideCustody.RunAsync(db, actor, Operation, CancellationToken.None);
        var handover = await Handovers.PlanAsync(db, actor, Operation, "CN-MPS", "Ruili", new DateOnly(2024, 3, 31), CancellationToken.None);
        await Handovers.DispatchAsync(db, actor, handover.Id, CancellationToken.None);
        // Part of the manifest checked in and assigned, the rest still at the gate: every page has something to show.
        var onManifest = handover.Persons.Select(p => p.PersonId).ToList();
        var rosterNos = await db.RosterRecords.Where(r => onManifest.Contains(r.PersonId)).GroupBy(r => r.PersonId)
            .Select(g => g.Min(r => r.RosterNo)).ToListAsync();
        var lines = rosterNos.Order(StringComparer.Ordinal).Skip(40).Select((no, i) => new Handovers.ReceiptLine("person", no!, "received", null, null, i + 2)).ToList();
        await Handovers.ReceiveAsync(db, actor, handover.Id, lines, restReceived: false, "receipt.csv", CancellationToken.None);
        await Assignments.RunAsync(db, actor, handover.Id, CancellationToken.None);
    }
}

/// <summary>Browser tests share the machine's two cores: one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection
{
    public const string Name = "browser";
}
