using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace Concord.Cli.Web.Security;

/// <summary>
/// The headers every answer of the node carries (pages, API, static files, errors, 404s), set as the answer starts so that
/// no later middleware (an error page, a status page) can drop them. The Content-Security-Policy allows only the node's own
/// scripts, styles, fonts and its own circuit's connection ('self' covers ws:/wss: to the same host); MudBlazor sets
/// inline styles, hence 'unsafe-inline' for styles only; the one inline script, the page's import map (&lt;ImportMap /&gt;), is
/// allowed by its hash. No page may be framed. Everything but a static file is
/// <c>Cache-Control: no-store</c>: pages and API answers carry personal data.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // The policy of a page, with the hash of the import map its assets make, computed once per asset collection.
    private static readonly ConditionalWeakTable<ResourceAssetCollection, string> PagePolicies = [];

    private static string PolicyFor(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<ResourceAssetCollection>() is { } assets
            ? PagePolicies.GetValue(assets, a => ContentSecurityPolicy.Replace("script-src 'self'",
                "script-src 'self' 'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(ImportMapDefinition.FromResourceCollection(a).ToString()))) + "'",
                StringComparison.Ordinal))
            : ContentSecurityPolicy;

    public static Task Add(HttpContext http, RequestDelegate next)
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = PolicyFor(http);
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            // Over HTTPS to anything but this machine: browsers keep to HTTPS for a year (the demo on localhost is left alone).
            if (http.Request.IsHttps && !IsLoopbackHost(http.Request.Host.Host)) headers.StrictTransportSecurity = HstsValue;
            // A static file keeps the caching its endpoint gave it (fingerprinted, public); nothing else is kept anywhere.
            if (!IsStaticFile(headers)) headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next(http);
    }

    public const string HstsValue = "max-age=31536000; includeSubDomains";

    private static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));

    private static bool IsStaticFile(IHeaderDictionary headers) =>
        headers.CacheControl.ToString() is { Length: > 0 } cache && !cache.Contains("no-store", StringComparison.OrdinalIgnoreCase)
        && (cache.Contains("max-age", StringComparison.OrdinalIgnoreCase) || cache.Contains("immutable", StringComparison.OrdinalIgnoreCase))
        && headers.ContentType.ToString() is var type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) && !type.StartsWith("application/problem", StringComparison.OrdinalIgnoreCase);
}
