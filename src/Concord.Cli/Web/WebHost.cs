using Microsoft.AspNetCore.HttpOverrides;
using System.Text.Json;
using Concord.Cli.Web.Api;
using Concord.Cli.Web.App;
using Concord.Cli.Web.Security;
using Concord.Cli.Web.Text;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Intake;
using Concord.Core.Features.Users;
using Concord.Core.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MudBlazor.Services;

namespace Concord.Cli.Web;

/// <summary>The web host: the web app for signed-in officers and the HTTP API for programs, over the same workflows as the command line.</summary>
public static class WebHost
{
    public const string DefaultUrl = "http://localhost:5080";
    public const string ApiPolicy = "api";

    /// <param name="reads">where reports, lists and dashboards read (a standby, with --read-db); the database itself when not given</param>
    public static WebApplication Create(string[] args, DatabaseTarget db, Action<WebApplicationBuilder>? configure = null, DatabaseTarget? reads = null)
    {
        db = db.Pooled();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(WebHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // "urls" carries both --urls and ASPNETCORE_URLS; only when neither is given does the node pick its own port.
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
            builder.WebHost.UseUrls(DefaultUrl);
        // The pages' scripts and styles (MudBlazor's among them) are served from the build output as well as from a publish folder.
        builder.WebHost.UseStaticWebAssets();

        // Personal data must not leak into logs: SQL with its parameters and per-request chatter stay out unless configured.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddDbContextFactory<ConcordDbContext>(o => Database.Configure(o, db));
        builder.Services.AddSingleton(new ReadDatabase(reads ?? db));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DictionaryKeyPolicy = null;
        });

        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null)
            .AddIdentityCookies(c =>
            {
                c.ApplicationCookie?.Configure(SessionCookie.Configure);
                c.TwoFactorUserIdCookie?.Configure(SessionCookie.ConfigureTwoFactor);
            });
        builder.Services.AddConcordIdentity().AddSignInManager<ConcordSignInManager>().AddClaimsPrincipalFactory<UserClaimsFactory>();
        builder.Services.Configure<SecurityStampValidatorOptions>(o =>
        {
            // A lock, a role change or a reset reaches an open session within a minute.
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            o.OnRefreshingPrincipal = SessionCookie.KeepSession;
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireAuthenticatedUser());
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "concord.antiforgery";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<AuthenticationStateProvider, SessionAuthenticationStateProvider>();
        builder.Services.AddScoped<CircuitHandler, SessionCircuitHandler>();
        // Notices appear at the bottom right, away from the buttons at the top of the pages (the review queue's keyboard help among them).
        builder.Services.AddMudServices(c => c.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight);
        builder.Services.AddSingleton<UiText>();
        builder.Services.AddSingleton<AuditQueue>();
        builder.Services.AddSingleton<NodeWantedIndex>();
        builder.Services.AddMemoryCache();
        builder.Services.AddHostedService<WantedIndexLoader>();
        RateLimits.Add(builder);
        Federation.FederationLink.Add(builder);
        SealedKeyRing.Add(builder);
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        configure?.Invoke(builder);

        var app = builder.Build();
        app.Lifetime.ApplicationStopped.Register(db.ReleasePool);
        // Before anything reads the caller's address or scheme: X-Forwarded-For and -Proto count only from the proxies the
        // operator names (Concord:KnownProxies); from anyone else they are ignored.
        app.UseForwardedHeaders(ForwardedHeadersFrom(app.Configuration));
        // First of all, so that every answer carries them: pages, API, static files, errors and 404s.
        app.Use(SecurityHeaders.Add);
        // Outside Development the handler answers with a bare 500 ProblemDetails: no stack trace leaves the node.
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.Use(RequireHttpsOffLoopback);
        // The API answers bare statuses as ProblemDetails; a person in the browser gets the app's own page.
        app.UseWhen(h => h.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase), a => a.UseStatusCodePages());
        // Only a page load is re-run as the status page: a refused form post must stay a plain refusal.
        app.UseWhen(h => HttpMethods.IsGet(h.Request.Method) && !h.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase),
            a => a.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true));
        // Routing after the status pages and the error handler: a refused page load re-run as /status/403 (or /error) is
        // routed again to that page; routed before them, it would find no page and answer an empty 404.
        app.UseRouting();
        app.UseRequestLocalization(o =>
        {
            var cultures = UiText.Languages.Select(UiText.CultureOf).ToList();
            o.DefaultRequestCulture = new RequestCulture(cultures[0]);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new LanguageTagCultureProvider()];
        });
        // After the language is known: a refused upload is said in the caller's language.
        app.Use(UploadLimit.Middleware(UploadLimit.Bytes(app.Configuration)));
        app.Use(StorageRefusal.Middleware);
        app.Use(RequestAudit.Middleware);
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapOpenApi();
        app.MapHealthChecks("/health");
        ApiRoutes.Map(app);
        Federation.FederationLink.Map(app);
        AppRoutes.Map(app);
        // The node's own Content-Security-Policy (SecurityHeaders) forbids framing; Blazor's own header would only repeat a weaker rule.
        app.MapRazorComponents<AppShell>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }

    public const string KnownProxiesKey = "Concord:KnownProxies";

    /// <summary>The reverse proxies whose forwarded headers are believed: addresses separated by commas or spaces; none by default (not even this machine).</summary>
    internal static ForwardedHeadersOptions ForwardedHeadersFrom(IConfiguration configuration)
    {
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, ForwardLimit = 1 };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in (configuration[KnownProxiesKey] ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            options.KnownProxies.Add(System.Net.IPAddress.TryParse(proxy, out var ip) ? ip
                : throw new InvalidOperationException($"{KnownProxiesKey}: '{proxy}' is not an IP address"));
        return options;
    }

    /// <summary>
    /// Cookies are marked Secure whenever the request came over HTTPS. Plain HTTP is served to this machine only (the demo on
    /// localhost); from anywhere else it is refused, so a session cookie never crosses a network in clear.
    /// </summary>
    private static Task RequireHttpsOffLoopback(HttpContext http, RequestDelegate next)
    {
        if (http.Request.IsHttps || http.Connection.RemoteIpAddress is null || System.Net.IPAddress.IsLoopback(http.Connection.RemoteIpAddress))
            return next(http);
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        return http.Response.WriteAsync("Concord answers other machines over HTTPS only.");
    }

    /// <summary>Opens the node's wanted-list index as the node starts, so that the first match does not wait for it.</summary>
    private sealed class WantedIndexLoader(NodeWantedIndex index, Microsoft.EntityFrameworkCore.IDbContextFactory<ConcordDbContext> dbs, ILogger<WantedIndexLoader> log) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await using var db = await dbs.CreateDbContextAsync(stoppingToken);
            var wanted = await index.GetAsync(db, stoppingToken);
            log.LogInformation("wanted-list index ready in {Elapsed} ms: {Records} records, list revision {Covers}, {Folder}{Note}",
                clock.ElapsedMilliseconds, wanted.Records, wanted.Covers, wanted.Folder ?? "in memory", wanted.Note is null ? "" : " (" + wanted.Note + ")");
        }
    }

    private sealed class DatabaseHealthCheck(ConcordDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("the database cannot be reached");
    }

    /// <summary>
    /// Accept-Language, with any regional variant read as its language (zh-TW and zh-HK read as zh; Burmese as my), so a
    /// visitor sees the sign-in page in their own language before they choose.
    /// </summary>
    private sealed class LanguageTagCultureProvider : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            var header = httpContext.Request.GetTypedHeaders().AcceptLanguage;
            foreach (var tag in header.OrderByDescending(h => h.Quality ?? 1))
            {
                var language = tag.Value.Value?.Split('-')[0].ToLowerInvariant();
                if (language is "en" or "zh" or "my")
                {
                    var culture = UiText.CultureOf(language).Name;
                    return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(culture, culture));
                }
            }
            return NullProviderCultureResult;
        }
    }
}
