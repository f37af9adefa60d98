using System.Net.Http.Headers;
using System.Security.Cryptography;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Concord.Core.Features.Federation;

/// <summary>
/// The online link between two nodes. One exchange is one HTTPS request: the calling node posts a bundle signed by its
/// key to the partner's <c>/federation/v1/inbox</c> (its packets for the partner and what it made of the partner's), and
/// the partner answers with a bundle signed by its own key (the same, the other way). Both sides are authenticated by
/// their node keys, each exchange only once: a bundle must be fresh (made within <see cref="Freshness"/>) and newer than
/// the last one heard from that partner over the link, so a captured request cannot be replayed to draw the answer out.
/// The answer names the request's digest, so an old answer cannot stand in for a new one. A failed exchange is retried with exponential backoff; what did not go stays in the outbox for the next one or a
/// bundle on removable media.
/// </summary>
public static class Links
{
    public const string InboxPath = "/federation/v1/inbox";
    public const string MediaType = "application/vnd.concord.bundle+json";
    public static readonly TimeSpan Freshness = TimeSpan.FromMinutes(5);
    /// <summary>How far back an answer reports what became of the partner's packets; an older one is reported when the partner sends it again.</summary>
    public static readonly TimeSpan Recall = TimeSpan.FromDays(1);
    /// <summary>The most packets one request or answer carries; an exchange goes on while either side has more.</summary>
    public const int MostPerBundle = 500;
    /// <summary>The most round trips one exchange makes before it leaves the rest to the next.</summary>
    public const int MostRoundTrips = 200;

    // One exchange at a time on a node: two at once (both partners calling together) must not take in one packet twice.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    private static SemaphoreSlim Gate(NoteKey self) => Gates.GetOrAdd(self.Name, _ => new SemaphoreSlim(1, 1));

    /// <summary>What one exchange did: this node's packets that went, and the partner's answer as applied here.</summary>
    public sealed record Exchange(string Node, int Sent, Bundles.Summary Answer);

    /// <summary>
    /// The partner's side of an exchange: checks the request bundle (signature, addressed here, fresh, not heard before),
    /// takes it in, and answers with a bundle of this node's own.
    /// </summary>
    public static async Task<(byte[] Answer, Bundles.Summary Summary)> AnswerAsync(ConcordDbContext db, NoteKey self, byte[] request, string source,
        CancellationToken ct)
    {
        var name = $"link:{source}";
        await Gate(self).WaitAsync(ct);
        try
        {
            var content = await Bundles.OpenAsync(db, self, request, name, ct);
            await HearAsync(db, content, name, request: true, ct);
            var sha = Convert.ToHexStringLower(SHA256.HashData(request));
            var summary = await Bundles.ApplyAsync(db, self, content, sha, name, ct);
            var (answer, _) = await Bundles.ExportAsync(db, Actor.Operator(name), self, content.FromNode, ct, DateTime.UtcNow - Recall, replyTo: sha, most: MostPerBundle);
            return (answer, summary);
        }
        finally
        {
            Gate(self).Release();
        }
    }

    /// <summary>
    /// This node's side: one exchange with <paramref name="node"/> at its registered address, retried with backoff by
    /// <paramref name="retry"/> (each try a new bundle, so a try the partner did take is never replayed). The outcome,
    /// good or bad, is kept on the partner for the outbox page.
    /// </summary>
    /// <param name="most">The most packets each request carries (<see cref="MostPerBundle"/>).</param>
    public static async Task<Exchange> ExchangeAsync(ConcordDbContext db, Actor actor, NoteKey self, string node, HttpClient http,
        ResiliencePipeline? retry, CancellationToken ct, int most = MostPerBundle)
    {
        if (!actor.IsNodeOperator) throw new ConcordException(new ForbiddenError("only the node exchanges packets with its partners"));
        var partner = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Node == node, ct)
            ?? throw new ConcordException(new NotFoundError("partner node", node));
        if (partner.Url is not { } url)
            throw new ConcordException(new ConflictError($"{node} has no address (concord partner add --url); exchange bundles on removable media instead"));
        var inbox = new Uri(new Uri(url.EndsWith('/') ? url : url + "/"), InboxPath.TrimStart('/'));
        try
        {
            // Round trips of bounded bundles, while either side had a full one to give and the last one moved something
            // (a full bundle of packets that only wait would otherwise go round to no end).
            var trips = new List<Exchange>();
            Exchange trip;
            do
            {
                trip = await (retry ?? ResiliencePipeline.Empty).ExecuteAsync(async token => await OnceAsync(db, actor, self, node, inbox, http, most, token), ct);
                trips.Add(trip);
            }
            while (((trip.Sent >= most && trip.Answer.Acknowledged > 0)
                    || (trip.Answer.Packets >= MostPerBundle && trip.Answer.Applied + trip.Answer.Refused + trip.Answer.Duplicates > 0))
                && trips.Count < MostRoundTrips);
            await NoteAsync(db, node, null, ct);
            return Combine(node, trips);
        }
        catch (Exception e) when (e is HttpRequestException or LinkException or ConcordException or TimeoutRejectedException
            || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            var problem = e is TaskCanceledException or TimeoutRejectedException ? "no answer in time" : e.Message;
            db.ChangeTracker.Clear();
            db.Record(actor, "link.fail", nameof(Domain.Partner), partner.Id, $"node={node} url={inbox} reason={problem}");
            await NoteAsync(db, node, problem, ct);
            throw new ConcordException(new ConflictError($"{node} at {inbox}: {problem}; the packets stay in the outbox"));
        }
    }

    // The node's gate is held while it reads and writes its own database, never while it waits for the partner: two
    // nodes calling each other at once must not wait on each other.
    private static async Task<T> GatedAsync<T>(NoteKey self, Func<Task<T>> act, CancellationToken ct)
    {
        await Gate(self).WaitAsync(ct);
        try
        {
            return await act();
        }
        finally
        {
            Gate(self).Release();
        }
    }

    private static Exchange Combine(string node, List<Exchange> trips)
    {
        if (trips.Count == 1) return trips[0];
        var answers = trips.Select(t => t.Answer).ToList();
        return new Exchange(node, trips.Sum(t => t.Sent), new Bundles.Summary(answers[^1].From, answers.Sum(a => a.Packets), answers.Sum(a => a.Applied),
            answers.Sum(a => a.Waiting), answers.Sum(a => a.Refused), answers.Sum(a => a.Duplicates), answers.Sum(a => a.Acknowledged), answers[^1].Sha256,
            [.. answers.SelectMany(a => a.Outcomes)]));
    }

    private static async Task<Exchange> OnceAsync(ConcordDbContext db, Actor actor, NoteKey self, string node, Uri inbox, HttpClient http, int most,
        CancellationToken ct)
    {
        var (request, sent) = await GatedAsync(self, () => Bundles.ExportAsync(db, actor, self, node, ct, DateTime.UtcNow - Recall, most: most), ct);
        using var content = new ByteArrayContent(request);
        content.Headers.ContentType = new MediaTypeHeaderValue(MediaType);
        using var response = await http.PostAsync(inbox, content, ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            var text = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 400)).Trim();
            var status = (int)response.StatusCode;
            throw new LinkException(status is 408 or 429 or >= 500, $"{node} answered {(int)response.StatusCode} {response.ReasonPhrase}{(text.Length > 0 ? ": " + text : "")}");
        }
        var name = $"link:{node}";
        return await GatedAsync(self, async () =>
        {
            var answer = await Bundles.OpenAsync(db, self, body, name, ct);
            if (answer.FromNode != node) throw new LinkException(false, $"the answer is signed by {answer.FromNode}, not by {node}");
            if (answer.ReplyTo != Convert.ToHexStringLower(SHA256.HashData(request))) throw new LinkException(false, $"the answer from {node} is not the answer to this request");
            await HearAsync(db, answer, name, request: false, ct);
            var summary = await Bundles.ApplyAsync(db, self, answer, Convert.ToHexStringLower(SHA256.HashData(body)), name, ct);
            db.Record(actor, "link.exchange", details: $"node={node} sent={sent} received={summary.Packets} applied={summary.Applied} acknowledged={summary.Acknowledged}");
            await db.SaveChangesAsync(ct);
            return new Exchange(node, sent, summary);
        }, ct);
    }

    /// <summary>
    /// Refuses a bundle over the link that is stale, or a request not newer than the last one heard from its sender (an
    /// answer is bound to its request instead); remembers the request otherwise.
    /// </summary>
    private static async Task HearAsync(ConcordDbContext db, Bundles.Content content, string name, bool request, CancellationToken ct)
    {
        var now = DateTime.UtcNow;
        var partner = await db.Partners.FirstAsync(p => p.Node == content.FromNode, ct);
        var problem = content.Created < now - Freshness || content.Created > now + Freshness
            ? $"it was made at {content.Created:O}, not within {Freshness.TotalMinutes:0} minutes of this node's clock ({now:O}): check both clocks"
            : request && partner.HeardUntil is { } heard && content.Created <= heard ? $"it is not newer than the last exchange heard from {content.FromNode}: a replay" : null;
        if (problem is not null)
        {
            db.Record(Actor.Operator(name), "bundle.refuse", nameof(Domain.Partner), partner.Id, $"file={name} node={content.FromNode} reason={problem}");
            await db.SaveChangesAsync(ct);
            throw new LinkException(false, problem + "; nothing in it was applied");
        }
        if (!request) return;
        partner.HeardUntil = content.Created;
        await db.SaveChangesAsync(ct);
    }

    private static async Task NoteAsync(ConcordDbContext db, string node, string? problem, CancellationToken ct)
    {
        var partner = await db.Partners.FirstAsync(p => p.Node == node, ct);
        (partner.LinkAt, partner.LinkProblem) = (DateTime.UtcNow, problem);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The partners with an address that an exchanging node should call now, given when it last called each
    /// (<paramref name="last"/>): at once one with packets queued for it; after <paramref name="resend"/> one whose packets
    /// went but are not acknowledged yet; after <paramref name="pull"/> any other.
    /// </summary>
    public static async Task<IReadOnlyList<string>> DueAsync(ConcordDbContext db, IReadOnlyDictionary<string, DateTime> last, DateTime now, TimeSpan pull,
        TimeSpan resend, CancellationToken ct)
    {
        var partners = await db.Partners.AsNoTracking().Where(p => p.Url != null).Select(p => p.Node).ToListAsync(ct);
        var waiting = (await db.Packets.AsNoTracking().Where(p => p.Direction == PacketDirection.Out && (p.State == PacketState.Queued || p.State == PacketState.Sent))
            .Select(p => new { p.Node, p.State }).Distinct().ToListAsync(ct))
            .GroupBy(w => w.Node, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Any(w => w.State == PacketState.Queued), StringComparer.Ordinal);
        return [.. partners.Where(partner =>
        {
            var since = last.TryGetValue(partner, out var at) ? now - at : TimeSpan.MaxValue;
            var wait = !waiting.TryGetValue(partner, out var queued) ? pull : queued ? TimeSpan.Zero : resend;
            return since >= wait;
        })];
    }

    /// <summary>
    /// The retries of an exchange: on a network failure, no answer in time, or an answer that says the partner is busy or
    /// failing (408, 429, 5xx), up to <paramref name="attempts"/> more tries with exponential backoff and jitter from
    /// <paramref name="first"/>. A refusal (a bad signature, a replay, an unknown node) is not retried.
    /// </summary>
    public static ResiliencePipeline Retry(int attempts, TimeSpan first, TimeSpan timeout) => attempts <= 0
        ? new ResiliencePipelineBuilder().AddTimeout(timeout).Build()
        : new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>()
                .Handle<LinkException>(e => e.Transient).Handle<TaskCanceledException>(),
            MaxRetryAttempts = attempts,
            Delay = first,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .AddTimeout(timeout)
        .Build();

    /// <summary>An exchange the partner answered with an error, or whose bundle was not right; transient when trying again may help.</summary>
    public sealed class LinkException(bool transient, string message) : Exception(message)
    {
        public bool Transient { get; } = transient;
    }
}
