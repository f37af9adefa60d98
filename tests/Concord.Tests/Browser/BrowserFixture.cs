using Concord.Cli.Web;
using Concord.Core.Auditing;
using Concord.Core.Features.Agreements;
using Concord.Core.Features.Users;
using Concord.Core.Storage;
using Concord.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Concord.Tests.Browser;

/// <summary>
/// Concord on a real port (Kestrel on loopback) over a fresh SQLite file, and Debian's Chromium driven by Playwright. The
/// browser is the one the machines install (/usr/bin/chromium): nothing is downloaded, and a machine without it fails the
/// tests rather than skipping them.
/// </summary>
public sealed class BrowserFixture : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private static readonly string[] ChromiumArgs =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic", "--disable-dev-shm-usage"];

    private readonly string _dir;
    private readonly WebApplication _app;
    private readonly IPlaywright _playwright;

    public DatabaseTarget Target { get; }
    public Uri BaseUrl { get; }
    public IBrowser Browser { get; }

    private BrowserFixture(string dir, DatabaseTarget target, WebApplication app, Uri baseUrl, IPlaywright playwright, IBrowser browser)
    {
        _dir = dir;
        Target = target;
        _app = app;
        BaseUrl = baseUrl;
        _playwright = playwright;
        Browser = browser;
    }

    /// <param name="seed">Records the test starts from, made by the node operator (the agreement is always there).</param>
    /// <param name="configure">The web host's own settings (a node's identity key, its exchanger with partners).</param>
    public static async Task<BrowserFixture> CreateAsync(Func<ConcordDbContext, Actor, Task>? seed = null, Action<WebApplicationBuilder>? configure = null)
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install chromium (.ci/run does)");
        var dir = Path.Combine(Path.GetTempPath(), "concord-browser-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var target = DatabaseTarget.Parse(Path.Combine(dir, "concord.db"));
        await Database.MigrateAsync(target, CancellationToken.None);
        await using (var db = Database.Open(target))
        {
            var actor = Actor.Operator("test");
            await Scenario.MuseAgreementAsync(db);
            if (seed is not null) await seed(db, actor);
        }
        var app = WebHost.Create(["--urls", "http://127.0.0.1:0"], target, configure);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
        return new BrowserFixture(dir, target, app, new Uri(address.Replace("127.0.0.1", "localhost", StringComparison.Ordinal) + "/"), playwright, browser);
    }

    public ConcordDbContext Open() => Database.Open(Target);

    /// <summary>What the node's Content-Security-Policy blocked in any page this fixture opened: the pages must need nothing it forbids.</summary>
    public System.Collections.Concurrent.ConcurrentBag<string> CspViolations { get; } = [];

    public async Task<(string Name, string Password)> UserAsync(string name, string agency, string language, params string[] roles)
    {
        await using var identity = IdentityServices.Open(Target);
        var created = await UserAdmin.CreateByOperatorAsync(identity.Db, identity.Users, Actor.Operator("test"), agency, name, null, roles, language, CancellationToken.None);
        EnrolmentCodes[created.UserName] = created.EnrolmentCode;
        return (created.UserName, created.Password);
    }

    /// <summary>A new browser window for one officer, on a laptop-sized screen, with the browser's language set.</summary>
    public async Task<IPage> PageAsync(string locale = "en-GB", int width = 1366, int height = 768)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        // Generous: CI runs these beside the storage tests on two cores.
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        // Whatever the node's Content-Security-Policy blocks, the browser says on its console.
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) CspViolations.Add(message.Text);
        };
        return page;
    }

    /// <summary>The enrolment code each user was given with the password, as an administrator hands it over.</summary>
    public static System.Collections.Concurrent.ConcurrentDictionary<string, string> EnrolmentCodes { get; } = new(StringComparer.Ordinal);

    /// <summary>Signs in through the sign-in page and the authenticator step (enrolling on first use with the enrolment code); returns the authenticator key.</summary>
    public static async Task<string> SignInAsync(IPage page, string user, string password, string? key = null, Func<IPage, Task>? atCodePage = null,
        Func<IPage, Task>? atEnrolmentPage = null)
    {
        await page.GotoAsync("/");
        await page.FillAsync("#user", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
        await page.WaitForSelectorAsync("#code, #enrolment-code");
        if (await page.QuerySelectorAsync("#enrolment-code") is not null)
        {
            if (atEnrolmentPage is not null) await atEnrolmentPage(page);
            await page.FillAsync("#enrolment-code", EnrolmentCodes[user]);
            await page.ClickAsync("#enrol-continue");
            await page.WaitForSelectorAsync("#code");
        }
        if (atCodePage is not null) await atCodePage(page);
        if (await page.QuerySelectorAsync("#authenticator-key") is { } shown)
            key = (await shown.TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (key is null) throw new InvalidOperationException($"{user} is enrolled and no authenticator key was given");
        await page.FillAsync("#code", TotpTokenProvider.CodeAt(key, DateTimeOffset.UtcNow));
        await page.ClickAsync("#verify");
        await page.WaitForURLAsync("**/dashboard");
        await WaitForCircuitAsync(page);
        return key;
    }

    /// <summary>An interactive page answers clicks only once its circuit is up; Blazor marks that by starting.</summary>
    public static Task WaitForCircuitAsync(IPage page) =>
        page.WaitForFunctionAsync("() => window.Blazor && document.querySelector('.mud-layout') !== null && window.__concordReady === true");

    /// <summary>Goes to a page of the app and waits until it is live.</summary>
    public static async Task GoAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await WaitForCircuitAsync(page);
    }

    /// <summary>
    /// Where the screenshots go: <c>artifacts/screenshots/</c> (ignored by git), so that a test run leaves the checkout
    /// as it found it; <c>CONCORD_SCREENSHOTS=docs</c> writes them over <c>docs/screenshots/</c> when the documentation's
    /// pictures are to be taken again, and any other value names a folder.
    /// </summary>
    public static string ScreenshotDirectory
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("CONCORD_SCREENSHOTS") switch
            {
                null or "" => Path.Combine(Repo.Root, "artifacts", "screenshots"),
                "docs" => Path.Combine(Repo.Root, "docs", "screenshots"),
                var named => Path.GetFullPath(named),
            };
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = false });

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        // Only this node's pool: other tests' nodes run beside this one and keep theirs.
        Target.Pooled().ReleasePool();
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { /* a file still held open on a slow machine is left for the OS's temp cleaning */ }
    }
}
