using System.Net;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.ApiKeys;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Tests.Web;

/// <summary>
/// Every answer of the node carries its security headers: each GET route of its own route table (pages, API, account,
/// downloads, health, OpenAPI), a static file, a 404 and an error, signed in and with an API key.
/// </summary>
public sealed class SecurityHeadersTests
{
    private static string Sample(RoutePatternParameterPart p) =>
        p.ParameterPolicies.Any(c => c.Content == "guid") || p.Name.EndsWith("id", StringComparison.OrdinalIgnoreCase) ? Guid.NewGuid().ToString()
        : p.ParameterPolicies.Any(c => c.Content is "int" or "long") ? "1"
        : p.Name == "documentName" ? "v1"
        : "MUSE-2024-03";

    private static string PathOf(RoutePattern pattern) => "/" + string.Join('/', pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(part => part switch
    {
        RoutePatternLiteralPart l => l.Content,
        RoutePatternSeparatorPart sep => sep.Content,
        RoutePatternParameterPart p => Sample(p),
        _ => "",
    }))));

    private static IEnumerable<string> Missing(HttpResponseMessage r, bool staticFile)
    {
        var headers = r.Headers.Concat(r.Content.Headers).ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        string Get(string name) => headers.TryGetValue(name, out var v) ? v : "";
        var csp = Get("Content-Security-Policy");
        if (!csp.Contains("default-src 'self'", StringComparison.Ordinal) || !csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal)) yield return "Content-Security-Policy: " + csp;
        if (Get("X-Content-Type-Options") != "nosniff") yield return "X-Content-Type-Options";
        if (Get("X-Frame-Options") != "DENY") yield return "X-Frame-Options";
        if (Get("Referrer-Policy") != "no-referrer") yield return "Referrer-Policy";
        if (!staticFile && !Get("Cache-Control").Contains("no-store", StringComparison.Ordinal)) yield return "Cache-Control: " + Get("Cache-Control");
    }

    [Fact]
    public async Task EveryGetRoute_AStaticFile_And404s_CarryTheHeaders()
    {
        await using var web = await WebFixture.CreateAsync();
        var (name, password) = await web.UserAsync("CN-MPS", Roles.Coordinator, Roles.Reviewer);
        using var client = web.Client();
        await client.SignInAsync(name, password);
        await using (var db = web.Open())
        {
            var (_, key) = await ApiKeys.CreateAsync(db, Actor.Operator("test"), "CN-MPS", "test", default);
            client.Http.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        var gets = web.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } m || m.HttpMethods.Contains(HttpMethods.Get))
            .ToLookup(e => e.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor"));
        // Static files are routes too: each of the first few is asked for, the rest are served by the same endpoint kind.
        var statics = gets[true].Select(e => PathOf(e.RoutePattern)).Where(p => !p.EndsWith(".gz", StringComparison.Ordinal)).Take(5).ToList();
        var paths = gets[false].Select(e => e.RoutePattern).Where(r => r.Parameters.All(p => !p.IsCatchAll)).Select(PathOf).Distinct(StringComparer.Ordinal).ToList();
        var listed = string.Join(", ", paths);
        Assert.Contains("/api/v1/agreements", paths);
        Assert.Contains("/openapi/v1.json", paths);
        Assert.Contains("/operations", paths);
        Assert.Contains("/health", paths);
        Assert.True(paths.Count >= 25, $"only {paths.Count} GET routes found: {listed}");
        Assert.NotEmpty(statics);

        var failures = new List<string>();
        foreach (var path in paths.Concat(["/no-such-page", "/api/v1/no-such-thing"]))
        {
            using var r = await client.Http.GetAsync(new Uri(path, UriKind.Relative));
            failures.AddRange(Missing(r, staticFile: false).Select(m => $"GET {path} ({(int)r.StatusCode}): {m}"));
        }
        foreach (var path in statics.Append("/concord.css"))
        {
            using var file = await client.Http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(file.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)file.StatusCode}");
            failures.AddRange(Missing(file, staticFile: true).Select(m => $"GET {path}: {m}"));
        }
        using (var anonymous = web.Client())
        using (var refused = await anonymous.Http.GetAsync(new Uri("/api/v1/agreements", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            failures.AddRange(Missing(refused, staticFile: false).Select(m => $"GET /api/v1/agreements anonymous: {m}"));
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task ThePagesOneInlineScript_TheImportMap_IsAllowedByItsHash()
    {
        await using var web = await WebFixture.CreateAsync();
        using var client = web.Client();
        using var page = await client.Http.GetAsync(new Uri("/", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script(?![^>]*\\bsrc=)[^>]*>(.*?)</script>", System.Text.RegularExpressions.RegexOptions.Singleline);
        var importMap = Assert.Single(scripts);
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(importMap.Groups[1].Value)));
        var csp = string.Join(", ", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains($"script-src 'self' 'sha256-{hash}'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline' 'sha", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hsts_ForAYear_OverHttpsToTheNodesName_NotToLocalhost()
    {
        await using var f = await WebFixture.CreateAsync();
        using var named = f.ClientAt("https://concord.mps.example/", "192.0.2.50");
        var answer = await named.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal("max-age=31536000; includeSubDomains", string.Join(",", answer.Headers.GetValues("Strict-Transport-Security")));
        using var local = f.ClientAt("https://localhost/");
        Assert.False((await local.GetAsync(new Uri("/", UriKind.Relative))).Headers.Contains("Strict-Transport-Security"));
        // Plain HTTP from another machine is refused outright.
        using var plain = f.ClientAt("http://concord.mps.example/", "192.0.2.50");
        Assert.Equal(HttpStatusCode.Forbidden, (await plain.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ForwardedHeaders_AreBelievedOnlyFromTheConfiguredProxy()
    {
        await using var f = await WebFixture.CreateAsync(b => b.Configuration[Concord.Cli.Web.WebHost.KnownProxiesKey] = "10.0.0.5");
        async Task<HttpResponseMessage> ViaAsync(string from)
        {
            using var http = f.ClientAt("http://concord.mps.example/", from);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/leads");
            request.Headers.Add("X-Forwarded-For", "203.0.113.9");
            request.Headers.Add("X-Forwarded-Proto", "https");
            return await http.SendAsync(request);
        }
        var viaProxy = await ViaAsync("10.0.0.5");
        Assert.Equal(HttpStatusCode.Unauthorized, viaProxy.StatusCode);
        Assert.True(viaProxy.Headers.Contains("Strict-Transport-Security"));
        var spoofed = await ViaAsync("10.0.0.6");
        Assert.Equal(HttpStatusCode.Forbidden, spoofed.StatusCode);
        await using var db = f.Open();
        var refused = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.AuditEntries.Where(a => a.Action == "auth.refused"));
        Assert.Equal("203.0.113.9", Assert.Single(refused).Source);
    }
}
