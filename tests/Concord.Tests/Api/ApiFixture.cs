using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Concord.Cli.Web;
using Concord.Core.Auditing;
using Concord.Core.Features.Agreements;
using Concord.Core.Features.ApiKeys;
using Concord.Core.Storage;
using Concord.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Tests.Api;

/// <summary>
/// The real web host on a TestServer over a fresh SQLite file of its own, with the Muse agreement imported by the node
/// operator (as `concord` would) and one key each for CN-MPS and MM-MPF. All database set-up for API tests is here.
/// </summary>
public sealed class ApiFixture : IAsyncDisposable
{
    public const string China = "CN-MPS";
    public const string Myanmar = "MM-MPF";

    private readonly string _dir;
    private readonly WebApplication _app;
    private TestDatabase? _database;

    public DatabaseTarget Target { get; }
    public HttpClient Anonymous { get; }
    public HttpClient Cn { get; private set; } = null!;
    public HttpClient Mm { get; private set; } = null!;

    private ApiFixture(string dir, DatabaseTarget target, WebApplication app)
    {
        _dir = dir;
        Target = target;
        _app = app;
        Anonymous = app.GetTestClient();
    }

    public static async Task<ApiFixture> CreateAsync(string provider = "sqlite", Action<WebApplicationBuilder>? configure = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "concord-api-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        TestDatabase? database = null;
        DatabaseTarget target;
        if (provider == "sqlite")
        {
            target = DatabaseTarget.Parse(Path.Combine(dir, "concord.db"));
            await using var db = Database.Open(target);
            await db.Database.EnsureCreatedAsync();
        }
        else
        {
            database = await TestDatabase.CreateAsync(provider);
            target = database.Target;
        }
        var app = WebHost.Create([], target, b =>
        {
            b.WebHost.UseTestServer();
            b.Services.AddSingleton<IStartupFilter, LoopbackCaller>();
            configure?.Invoke(b);
        });
        await app.StartAsync();
        var fixture = new ApiFixture(dir, target, app) { _database = database };
        await using (var db = fixture.Open())
            await Scenario.MuseAgreementAsync(db);
        fixture.Cn = await fixture.ClientForAsync(China, "cn-test");
        fixture.Mm = await fixture.ClientForAsync(Myanmar, "mm-test");
        return fixture;
    }

    public ConcordDbContext Open() => Database.Open(Target);

    /// <summary>The node's services: its route table among them.</summary>
    public IServiceProvider Services => _app.Services;

    public async Task<HttpClient> ClientForAsync(string agencyCode, string keyName, params string[] roles)
    {
        await using var db = Open();
        var (_, secret) = await ApiKeys.CreateAsync(db, Actor.Operator("test"), agencyCode, keyName, CancellationToken.None, roles.Length == 0 ? null : roles);
        var client = _app.GetTestClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        return client;
    }

    /// <summary>A client that calls with the given key's secret.</summary>
    public HttpClient ClientWithSecret(string secret)
    {
        var client = _app.GetTestClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        return client;
    }

    /// <summary>The enrolment code of each user made here, as the administrator hands it over with the password.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _enrolmentCodes = new(StringComparer.Ordinal);

    /// <summary>A user of <paramref name="agency"/> with <paramref name="roles"/>, made by the node's operator.</summary>
    public Task<(string Name, string Password)> UserAsync(string agency, params string[] roles) =>
        Web.WebFixture.UserAsync(Target, _enrolmentCodes, agency, roles);

    /// <summary>A browser without a browser: signs in through the forms and loads pages (<see cref="Web.Browserless"/>).</summary>
    public Web.Browserless Browser() => Web.Browserless.On(_app, TimeProvider.System, _enrolmentCodes);

    public static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    public static ByteArrayContent CsvFile(string museFile)
    {
        var content = new ByteArrayContent(File.ReadAllBytes(Repo.Muse(museFile)));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return content;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Anonymous.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        // Only this node's pool: other tests' nodes run beside this one and keep theirs.
        Target.Pooled().ReleasePool();
        if (_database is not null) await _database.DisposeAsync();
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { /* a file still held open on a slow machine is left for the OS's temp cleaning */ }
    }
}

/// <summary>The test server has no connection: its calls come from loopback, as a local client's would, so that every audit entry has its source.</summary>
internal sealed class LoopbackCaller : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((http, nextMiddleware) =>
        {
            http.Connection.RemoteIpAddress ??= System.Net.IPAddress.Loopback;
            return nextMiddleware(http);
        });
        next(app);
    };
}

