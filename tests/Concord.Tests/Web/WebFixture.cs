using System.Net;
using System.Text.RegularExpressions;
using Concord.Cli.Web;
using Concord.Core.Auditing;
using Concord.Core.Features.Agreements;
using Concord.Core.Features.Users;
using Concord.Core.Storage;
using Concord.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Concord.Tests.Web;

/// <summary>
/// The real web host in process over a fresh SQLite file, on a fake clock, with the Muse agreement imported; users are made
/// as the node operator makes them. A <see cref="Browserless"/> client signs in through the same forms a browser posts.
/// </summary>
public sealed partial class WebFixture : IAsyncDisposable
{
    private readonly string _dir;
    private readonly WebApplication _app;

    public DatabaseTarget Target { get; }
    public FakeTimeProvider Clock { get; }

    private WebFixture(string dir, DatabaseTarget target, WebApplication app, FakeTimeProvider clock)
    {
        _dir = dir;
        Target = target;
        _app = app;
        Clock = clock;
    }

    public static async Task<WebFixture> CreateAsync(Action<WebApplicationBuilder>? configure = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "concord-web-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var target = DatabaseTarget.Parse(Path.Combine(dir, "concord.db"));
        await Database.MigrateAsync(target, CancellationToken.None);
        await using (var db = Database.Open(target))
            await Scenario.MuseAgreementAsync(db);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var app = WebHost.Create([], target, b =>
        {
            b.WebHost.UseTestServer();
            b.Services.AddSingleton<TimeProvider>(clock);
            b.Services.AddSingleton<IStartupFilter, TestSources>();
            b.Configuration["Concord:KeyRing"] = Path.Combine(dir, "key-ring");
            configure?.Invoke(b);
        });
        await app.StartAsync();
        return new WebFixture(dir, target, app, clock);
    }

    public ConcordDbContext Open() => Database.Open(Target);

    /// <summary>The folder of this node's cookie keys.</summary>
    public string KeyRing => Path.Combine(_dir, "key-ring");

    /// <summary>The node's services: its route table among them.</summary>
    public IServiceProvider Services => _app.Services;

    public Task<(string Name, string Password)> UserAsync(string agency, params string[] roles) => UserAsync(Target, EnrolmentCodes, agency, roles);

    /// <summary>A user made by the node's operator on <paramref name="target"/>, its enrolment code kept in <paramref name="codes"/>.</summary>
    internal static async Task<(string Name, string Password)> UserAsync(DatabaseTarget target, System.Collections.Concurrent.ConcurrentDictionary<string, string> codes, string agency, string[] roles)
    {
        var name = $"{agency.ToLowerInvariant()}.{string.Join('-', roles)}.{Guid.NewGuid().ToString("N")[..6]}";
        await using var identity = IdentityServices.Open(target);
        var created = await UserAdmin.CreateByOperatorAsync(identity.Db, identity.Users, Actor.Operator("test"), agency, name, null, roles, "en", CancellationToken.None);
        codes[created.UserName] = created.EnrolmentCode;
        return (created.UserName, created.Password);
    }

    /// <summary>The enrolment code each user was given, as the administrator hands it over with the password.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, string> EnrolmentCodes { get; } = new(StringComparer.Ordinal);

    /// <summary>A plain client of the node at another address (a name, a scheme), as a browser elsewhere on the network would reach it.</summary>
    public HttpClient ClientAt(string baseAddress, string? source = null)
    {
        var http = _app.GetTestClient();
        http.BaseAddress = new Uri(baseAddress);
        if (source is not null) http.DefaultRequestHeaders.Add(TestSources.Header, source);
        return http;
    }

    /// <summary>A client with its own cookie jar that does not follow redirects, over HTTPS as a deployed node is; from <paramref name="source"/> when given.</summary>
    public Browserless Client(string? source = null)
    {
        var browser = Browserless.On(_app, Clock, EnrolmentCodes);
        if (source is not null) browser.Http.DefaultRequestHeaders.Add(TestSources.Header, source);
        return browser;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        // Only this node's pool: other tests' nodes run beside this one and keep theirs.
        Target.Pooled().ReleasePool();
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { /* a file still held open on a slow machine is left for the OS's temp cleaning */ }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    internal static partial Regex AntiforgeryField();

    [GeneratedRegex("id=\"authenticator-key\">([^<]+)<")]
    internal static partial Regex KeyField();

    [GeneratedRegex("name=\"Input.EnrolmentCode\" value=\"([^\"]*)\"")]
    internal static partial Regex EnrolmentField();
}

/// <summary>
/// The test server gives no client address; a test names one per client in a header that only this test node reads, as
/// requests from several machines would arrive at a real node.
/// </summary>
internal sealed class TestSources : IStartupFilter
{
    public const string Header = "X-Test-Source";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((http, following) =>
        {
            if (http.Request.Headers.TryGetValue(Header, out var source)) http.Connection.RemoteIpAddress = IPAddress.Parse(source.ToString());
            return following(http);
        });
        next(app);
    };
}

/// <summary>Signs in as a browser would: the sign-in form, then the authenticator code, each with its antiforgery token.</summary>
public sealed class Browserless(HttpClient http, CookieContainer cookies, TimeProvider clock, IReadOnlyDictionary<string, string> enrolmentCodes) : IDisposable
{
    /// <summary>A client of <paramref name="app"/> with its own cookie jar that does not follow redirects, over HTTPS as a deployed node is.</summary>
    public static Browserless On(WebApplication app, TimeProvider clock, IReadOnlyDictionary<string, string> enrolmentCodes)
    {
        var handler = new CookieContainerHandler { InnerHandler = app.GetTestServer().CreateHandler() };
        return new Browserless(new HttpClient(handler) { BaseAddress = new Uri("https://localhost/") }, handler.Container, clock, enrolmentCodes);
    }

    public HttpClient Http { get; } = http;
    public CookieContainer Cookies { get; } = cookies;
    /// <summary>The authenticator key shown at enrolment, kept as the officer's phone keeps it.</summary>
    public string? Key { get; set; }

    /// <summary>Loads the form's page (as a browser would, taking its antiforgery token), then posts the fields.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, string handler, Func<IEnumerable<KeyValuePair<string, string>>> fields, bool withToken = true)
    {
        var page = await Http.GetStringAsync(new Uri(path, UriKind.Relative));
        if (WebFixture.KeyField().Match(page) is { Success: true } key) Key = key.Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var form = new List<KeyValuePair<string, string>>(fields()) { new("_handler", handler) };
        if (withToken) form.Add(new("__RequestVerificationToken", WebFixture.AntiforgeryField().Match(page).Groups[1].Value));
        return await Http.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(form));
    }

    public Task<HttpResponseMessage> PasswordAsync(string user, string password, bool withToken = true) =>
        PostFormAsync("/", "sign-in", () => [new("Input.UserName", user), new("Input.Password", password)], withToken);

    /// <summary>The enrolment code given with the password, while the app is not enrolled: the answer shows the key.</summary>
    public string? EnrolmentCode { get; set; }

    public async Task<HttpResponseMessage> EnrolAsync(string code)
    {
        var response = await PostFormAsync("/account/totp", "enrol", () => [new("Enrol.Code", code)]);
        var page = await response.Content.ReadAsStringAsync();
        if (WebFixture.KeyField().Match(page) is { Success: true } key)
        {
            Key = key.Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
            EnrolmentCode = code;
        }
        return new HttpResponseMessage(response.StatusCode) { Content = new StringContent(page) };
    }

    public Task<HttpResponseMessage> CodeAsync(string? code = null) =>
        PostFormAsync("/account/totp", "totp", () => EnrolmentCode is null
            ? [new("Input.Code", code ?? CurrentCode())]
            : [new("Input.Code", code ?? CurrentCode()), new("Input.EnrolmentCode", EnrolmentCode)]);

    public string CurrentCode() => TotpTokenProvider.CodeAt(Key ?? throw new InvalidOperationException("no authenticator key yet"), clock.GetUtcNow());

    /// <summary>Password, the enrolment code on first sign-in, then the code; asserts that the session cookie was issued.</summary>
    public async Task SignInAsync(string user, string password)
    {
        var first = await PasswordAsync(user, password);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        if (Key is null && enrolmentCodes.TryGetValue(user, out var enrolment)) await EnrolAsync(enrolment);
        var second = await CodeAsync();
        EnrolmentCode = null;
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal("/dashboard", Target(second));
    }

    /// <summary>Where a redirect points, as a path on this node.</summary>
    public static string? Target(HttpResponseMessage response) =>
        response.Headers.Location is not { } l ? null : l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString;

    public Task<HttpResponseMessage> GetAsync(string path) => Http.GetAsync(new Uri(path, UriKind.Relative));

    public void Dispose() => Http.Dispose();
}
