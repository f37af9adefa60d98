using System.Globalization;
using System.Threading.RateLimiting;
using Concord.Cli.Web.Text;
using Concord.Core.Auditing;
using Concord.Core.Features.ApiKeys;
using Concord.Core.Storage;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Concord.Cli.Web.Security;

/// <summary>
/// How fast the node lets anyone knock (ASP.NET Core's rate limiter, one table for the whole node): sign-in form posts
/// per source address and, in the sign-in form itself, per account; API calls per key (searches, the identity check,
/// by a tighter limit of their own); API calls without a key per source address; a partner node's exchanges per address. A caller over a limit gets 429
/// ProblemDetails in its language with <c>Retry-After</c>, and the first refusal of each window is audited. The numbers
/// are set under <c>Concord:RateLimits</c> (e.g. <c>Concord__RateLimits__SignInBurst</c> in the environment).
/// </summary>
internal static class RateLimits
{
    public const string Section = "Concord:RateLimits";

    public sealed class Settings
    {
        /// <summary>Sign-in and code posts one address may make at once; then one more every <see cref="SignInEverySeconds"/>.</summary>
        public int SignInBurst { get; set; } = 20;
        public int SignInEverySeconds { get; set; } = 3;
        /// <summary>Attempts on one account, from anywhere, per minute.</summary>
        public int SignInPerAccountPerMinute { get; set; } = 10;
        public int ApiPerKeyPerMinute { get; set; } = 1200;
        public int SearchPerKeyPerMinute { get; set; } = 600;
        public int ApiWithoutKeyPerMinute { get; set; } = 60;
        /// <summary>Exchanges a partner node (by address) may post to the federation inbox per minute.</summary>
        public int FederationPerMinute { get; set; } = 120;
    }

    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<Settings>().BindConfiguration(Section);
        builder.Services.AddSingleton<AccountLimiter>();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                Partition(http, http.RequestServices.GetRequiredService<IOptions<Settings>>().Value));
            o.OnRejected = (context, ct) => new ValueTask(RefuseAsync(context.HttpContext, KeyOf(context.HttpContext).Key, context.Lease));
        });
    }

    /// <summary>Which limit a request falls under, and its partition: never the API key itself, only its hash.</summary>
    internal static (string Kind, string Key) KeyOf(HttpContext http)
    {
        var path = http.Request.Path;
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (HttpMethods.IsPost(http.Request.Method) && (path == "/" || path.StartsWithSegments("/account/totp", StringComparison.OrdinalIgnoreCase)))
            return ("sign-in", $"sign-in:{address}");
        if (path.StartsWithSegments("/federation", StringComparison.OrdinalIgnoreCase)) return ("federation", $"federation:{address}");
        if (!path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)) return ("none", "");
        var secret = http.Request.Headers[ApiKeyAuthentication.Header].ToString();
        if (secret.Length == 0) return ("api-without-key", $"api-without-key:{address}");
        var key = ApiKeys.HashOf(secret)[..16];
        return IsSearch(path) ? ("search", $"search:{key}") : ("api", $"api:{key}");
    }

    /// <summary>The routes that search the node's people: the identity check and the wanted-list search.</summary>
    private static bool IsSearch(PathString path) =>
        path.StartsWithSegments("/api/v1/check", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/api/v1/wanted", StringComparison.OrdinalIgnoreCase);

    private static RateLimitPartition<string> Partition(HttpContext http, Settings s)
    {
        var (kind, key) = KeyOf(http);
        return kind switch
        {
            "sign-in" => RateLimitPartition.GetTokenBucketLimiter(key, _ => Bucket(s.SignInBurst, TimeSpan.FromSeconds(s.SignInEverySeconds), 1)),
            "api-without-key" => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = s.ApiWithoutKeyPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            }),
            "federation" => RateLimitPartition.GetTokenBucketLimiter(key, _ => PerMinute(s.FederationPerMinute)),
            "search" => RateLimitPartition.GetTokenBucketLimiter(key, _ => PerMinute(s.SearchPerKeyPerMinute)),
            "api" => RateLimitPartition.GetTokenBucketLimiter(key, _ => PerMinute(s.ApiPerKeyPerMinute)),
            _ => RateLimitPartition.GetNoLimiter(""),
        };
    }

    private static TokenBucketRateLimiterOptions PerMinute(int perMinute) =>
        perMinute >= 60 ? Bucket(perMinute, TimeSpan.FromSeconds(1), perMinute / 60) : Bucket(perMinute, TimeSpan.FromSeconds(60.0 / Math.Max(1, perMinute)), 1);

    private static TokenBucketRateLimiterOptions Bucket(int limit, TimeSpan every, int tokens) => new()
    {
        TokenLimit = Math.Max(1, limit),
        ReplenishmentPeriod = every,
        TokensPerPeriod = Math.Max(1, tokens),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>429 in the caller's language, with when to try again; the first refusal of a partition in its window is audited.</summary>
    internal static async Task RefuseAsync(HttpContext http, string partition, RateLimitLease? lease)
    {
        var wait = lease is not null && lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(60);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var services = http.RequestServices;
        var cache = services.GetRequiredService<IMemoryCache>();
        if (!cache.TryGetValue((typeof(RateLimits), partition), out _))
        {
            cache.Set((typeof(RateLimits), partition), true, TimeSpan.FromSeconds(seconds));
            var source = http.Connection.RemoteIpAddress?.ToString();
            var db = services.GetRequiredService<ConcordDbContext>();
            db.Record(new Actor($"source:{source ?? "unknown"}", null) { Source = source }, "auth.rate-limited", null, null,
                $"{http.Request.Method} {http.Request.Path}: {partition.Split(':')[0]} limit; retry after {seconds} s");
            await db.SaveChangesAsync(http.RequestAborted);
        }
        var T = services.GetRequiredService<UiText>();
        http.Response.Clear();
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: T["Too many requests"],
            detail: T["Too many attempts from here. Wait {0} seconds and try again.", seconds]).ExecuteAsync(http);
    }
}

/// <summary>Sign-in attempts per account, from any address: read from the form, so counted by the sign-in form itself.</summary>
internal sealed class AccountLimiter(IOptions<RateLimits.Settings> settings) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(account =>
        RateLimitPartition.GetFixedWindowLimiter(account, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = settings.Value.SignInPerAccountPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>Null when the attempt may go ahead; otherwise the refused lease, which says when to try again.</summary>
    public RateLimitLease? Refused(string account)
    {
        var lease = _limiter.AttemptAcquire(account.ToUpperInvariant());
        if (lease.IsAcquired)
        {
            lease.Dispose();
            return null;
        }
        return lease;
    }

    public void Dispose() => _limiter.Dispose();
}
