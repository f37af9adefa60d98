using Concord.Cli.Web.Security;
using Concord.Core.Auditing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;

namespace Concord.Cli.Web.Api;

/// <summary>
/// Every API call and every load of a signed-in page leaves one entry in the audit trail: the one its Core function
/// wrote (a change, an audited read, a denial), or, for an answer that wrote none (a list of codes, a refused request, a
/// record that does not exist, a page shown before its circuit reads anything: <c>page.open</c>), one written here with
/// the answer's outcome: done below 400, denied for a caller not signed in and for 401, 403 and 404, failed for any other refusal.
/// The status page a refused page load is re-run as is part of that answer, not one of its own.
/// </summary>
internal static class RequestAudit
{
    public static async Task Middleware(HttpContext http, RequestDelegate next)
    {
        var api = http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
        if (!api && !IsSignedInPage(http))
        {
            await next(http);
            return;
        }
        var count = AuditTrail.CountEntries();
        await next(http);
        if (count.Value > 0) return;
        var status = http.Response.StatusCode;
        var source = http.Connection.RemoteIpAddress?.ToString();
        // The caller as authenticated for this request (the API key's, or the session cookie's user), else its address.
        var actor = http.Items[typeof(Actor)] as Actor
            ?? (http.User.Identity?.IsAuthenticated == true && http.User.AgencyId() is { } agency
                ? new Actor($"user:{http.User.Identity.Name}", agency) { Source = http.User.FindFirst(UserClaimsFactory.Source)?.Value ?? source }
                : null);
        var prefix = api ? "api" : "page";
        var action = actor is null && !api ? "page.unauthenticated" : status switch
        {
            < 400 => !api ? "page.open" : HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) ? "api.read" : "api.call",
            StatusCodes.Status401Unauthorized => $"{prefix}.unauthenticated",
            StatusCodes.Status403Forbidden => "access.denied",
            StatusCodes.Status404NotFound => $"{prefix}.not-found",
            _ => $"{prefix}.call-failed",
        };
        actor ??= new Actor($"source:{source ?? "unknown"}", null) { Source = source };
        var audit = http.RequestServices.GetRequiredService<AuditQueue>();
        // The answer is already on its way: the entry is written whether or not the caller is still there.
        await audit.RecordAsync(actor, action, null, null, $"{http.Request.Method} {http.Request.Path} {status}", CancellationToken.None);
    }

    /// <summary>
    /// A page load (or a download beside the pages) that needs a signed-in user; not the sign-in pages, the status page, the
    /// circuit's own traffic or static files, and not the status page a refused load is re-run as.
    /// </summary>
    private static bool IsSignedInPage(HttpContext http) =>
        (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
        && http.Features.Get<IStatusCodeReExecuteFeature>() is null
        && http.GetEndpoint() is { } endpoint
        && endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null
        && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null;
}
