using System.Text.Json;
using Concord.Cli.Web.Api;
using Concord.Core.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Concord.Cli.Web;

/// <summary>The web host: the HTTP API (and later the web UI) over the same workflows as the command line.</summary>
public static class WebHost
{
    public const string DefaultUrl = "http://localhost:5080";

    public static WebApplication Create(string[] args, DatabaseTarget db, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        // "urls" carries both --urls and ASPNETCORE_URLS; only when neither is given does the node pick its own port.
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
            builder.WebHost.UseUrls(DefaultUrl);

        // Personal data must not leak into logs: SQL with its parameters and per-request chatter stay out unless configured.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddDbContext<ConcordDbContext>(o => Database.Configure(o, db));
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DictionaryKeyPolicy = null;
        });
        builder.Services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        builder.Services.AddAuthorization();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        configure?.Invoke(builder);

        var app = builder.Build();
        // Outside Development the handler answers with a bare 500 ProblemDetails: no stack trace leaves the node.
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi();
        app.MapGet("/", () => TypedResults.Content(HomePage, "text/html; charset=utf-8")).ExcludeFromDescription();
        app.MapHealthChecks("/health");
        ApiRoutes.Map(app);
        return app;
    }

    private const string HomePage = """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Concord</title></head>
        <body>
        <h1>Concord is running</h1>
        <p>The API is described in <a href="/openapi/v1.json">/openapi/v1.json</a>; calls to <code>/api/v1</code> need an <code>X-Api-Key</code> header.</p>
        </body>
        </html>
        """;

    private sealed class DatabaseHealthCheck(ConcordDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("the database cannot be reached");
    }
}
