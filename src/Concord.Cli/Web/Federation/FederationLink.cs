using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Federation;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Polly;

namespace Concord.Cli.Web.Federation;

/// <summary>
/// The node's identity as the web host holds it: read from <c>Concord:NodeKeyFile</c>, else where <c>concord node init</c>
/// put it, and read again when the file changes (after <c>concord node rotate</c>). A node without one takes no part in
/// the link (it can still exchange bundles by hand).
/// </summary>
internal sealed class NodeKey(IConfiguration configuration) : IDisposable
{
    public const string FileKey = "Concord:NodeKeyFile";

    private readonly Lock _lock = new();
    private NoteKey? _key;
    private DateTime? _written;
    private bool _loaded;

    public NoteKey? Key
    {
        get
        {
            var file = configuration[FileKey];
            var path = NodeIdentity.Store.PathOf(file);
            DateTime? written = File.Exists(path) ? File.GetLastWriteTimeUtc(path) : null;
            lock (_lock)
            {
                if (_loaded && written == _written) return _key;
                // The previous key is not disposed here: a request may still be signing with it.
                _key = NodeIdentity.Store.Load(file);
                (_written, _loaded) = (written, true);
                return _key;
            }
        }
    }

    public void Dispose() => _key?.Dispose();
}

/// <summary>
/// The link's two ends in the web host: the inbox partners post their signed bundles to (authenticated by the bundle's
/// signature, not a session; answered with this node's own signed bundle), and the background exchange that pushes
/// what is queued for each partner with an address and pulls what it holds, with retries and backoff.
/// </summary>
internal static class FederationLink
{
    public const string Section = "Concord:Federation";

    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<NodeKey>();
        builder.Services.AddHttpClient(nameof(FederationLink), c => c.Timeout = TimeSpan.FromMinutes(2));
        // The client's own lines for every request would bury the exchanges' one line each.
        builder.Logging.AddFilter($"System.Net.Http.HttpClient.{nameof(FederationLink)}", LogLevel.Warning);
        builder.Services.AddHostedService<Exchanger>();
    }

    public static void Map(WebApplication app) =>
        app.MapPost(Links.InboxPath, InboxAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();

    private static async Task<IResult> InboxAsync(HttpContext http, ConcordDbContext db, NodeKey node, CancellationToken ct)
    {
        if (node.Key is not { } key)
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "This node has no identity yet",
                detail: "its operator makes one with: concord node init --name NAME");
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, ct);
        try
        {
            var (answer, _) = await Links.AnswerAsync(db, key, body.ToArray(), http.Connection.RemoteIpAddress?.ToString() ?? "unknown", ct);
            return TypedResults.Bytes(answer, Links.MediaType);
        }
        catch (ConcordException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bundle refused", detail: e.Error.Message);
        }
        catch (Links.LinkException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Bundle refused", detail: e.Message);
        }
    }

    /// <summary>
    /// Every few seconds: an exchange with each partner that has an address and packets waiting to go; with one whose
    /// packets went but are not acknowledged yet, every half minute (the acknowledgement comes back in the answer); and with
    /// every such partner once a pull interval in any case. A failure is kept on the partner (the outbox page shows it) and tried
    /// again at the next turn; the packets stay queued.
    /// </summary>
    private sealed class Exchanger(IServiceScopeFactory scopes, NodeKey node, IHttpClientFactory clients, IConfiguration configuration,
        ILogger<Exchanger> log) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            // A node without an identity takes no part; Concord:Federation:Exchange=false leaves the exchanges to the operator.
            if (node.Key is null || !configuration.GetValue($"{Section}:Exchange", true)) return;
            var every = TimeSpan.FromSeconds(configuration.GetValue($"{Section}:CheckSeconds", 5.0));
            var pull = TimeSpan.FromSeconds(configuration.GetValue($"{Section}:PullSeconds", 300.0));
            var resend = TimeSpan.FromSeconds(configuration.GetValue($"{Section}:ResendSeconds", 30.0));
            var retry = Links.Retry(configuration.GetValue($"{Section}:Retries", 3), TimeSpan.FromSeconds(configuration.GetValue($"{Section}:RetrySeconds", 2.0)),
                TimeSpan.FromMinutes(5));
            var last = new Dictionary<string, DateTime>(StringComparer.Ordinal);
            using var timer = new PeriodicTimer(every);
            do
            {
                try
                {
                    await TurnAsync(retry, pull, resend, last, stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    log.LogWarning(e, "federation link: the exchange failed");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }

        private async Task TurnAsync(ResiliencePipeline retry, TimeSpan pull, TimeSpan resend, Dictionary<string, DateTime> last, CancellationToken ct)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ConcordDbContext>();
            var now = DateTime.UtcNow;
            foreach (var partner in await Links.DueAsync(db, last, now, pull, resend, ct))
            {
                last[partner] = now;
                try
                {
                    var e = await Links.ExchangeAsync(db, Actor.Operator("link"), node.Key!, partner, clients.CreateClient(nameof(FederationLink)), retry, ct);
                    log.Log(e.Sent + e.Answer.Packets > 0 ? LogLevel.Information : LogLevel.Debug,
                        "federation link: {Node}: {Sent} sent, {Received} received, {Applied} applied", partner, e.Sent, e.Answer.Packets, e.Answer.Applied);
                }
                catch (ConcordException e)
                {
                    log.LogWarning("federation link: {Problem}", e.Error.Message);
                }
                db.ChangeTracker.Clear();
            }
        }
    }
}
