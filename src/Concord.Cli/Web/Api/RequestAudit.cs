using Concord.Core.Auditing;

namespace Concord.Cli.Web.Api;

/// <summary>
/// Every API call leaves one entry in the audit trail: the one its Core function wrote (a change, an audited read, a
/// denial), or, for a call that wrote none (a list of codes, a refused request, a record that does not exist), one written
/// here with the answer's outcome: done below 400, denied for 401, 403 and 404, failed for any other refusal.
/// </summary>
internal static class RequestAudit
{
    public static async Task Middleware(HttpContext http, RequestDelegate next)
    {
        if (!http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await next(http);
            return;
        }
        var count = AuditTrail.CountEntries();
        await next(http);
        if (count.Value > 0) return;
        var status = http.Response.StatusCode;
        var source = http.Connection.RemoteIpAddress?.ToString();
        var actor = http.Items[typeof(Actor)] as Actor ?? new Actor($"source:{source ?? "unknown"}", null) { Source = source };
        var action = status switch
        {
            < 400 => HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) ? "api.read" : "api.call",
            StatusCodes.Status401Unauthorized => "api.unauthenticated",
            StatusCodes.Status403Forbidden => "access.denied",
            StatusCodes.Status404NotFound => "api.not-found",
            _ => "api.call-failed",
        };
        var audit = http.RequestServices.GetRequiredService<AuditQueue>();
        // The answer is already on its way: the entry is written whether or not the caller is still there.
        await audit.RecordAsync(actor, action, null, null, $"{http.Request.Method} {http.Request.Path} {status}", CancellationToken.None);
    }
}
