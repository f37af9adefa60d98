using System.Data.Common;
using Concord.Cli.Web.Text;
using Microsoft.EntityFrameworkCore;

namespace Concord.Cli.Web.Api;

/// <summary>
/// Fail closed: a change and its audit entry are saved in one transaction, so when the database refuses either (the
/// audit table will not take the entry, the disk is full, the server is gone) nothing was saved. The caller is told so
/// as 503 ProblemDetails in their language, with a time to try again, rather than a bare error page.
/// </summary>
internal static class StorageRefusal
{
    public const int RetryAfterSeconds = 30;

    public static async Task Middleware(HttpContext http, RequestDelegate next)
    {
        try
        {
            await next(http);
        }
        catch (Exception e) when (e is DbUpdateException or DbException && !http.Response.HasStarted)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StorageRefusal))
                .LogError(e, "{Method} {Path}: the database refused the change; nothing was saved", http.Request.Method, http.Request.Path);
            var T = http.RequestServices.GetRequiredService<UiText>();
            http.Response.Clear();
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: T["Not saved"],
                detail: T["The node could not write the change or its audit entry, so nothing was changed. Try again in a moment; if it happens again, tell the node's operator."])
                .ExecuteAsync(http);
        }
    }
}
