using System.Globalization;
using Concord.Cli.Web.Text;
using Microsoft.AspNetCore.Http.Features;

namespace Concord.Cli.Web.Api;

/// <summary>
/// The largest request body the node takes (<c>Concord:MaxUploadBytes</c>, default 64 MiB, the size of a browser upload).
/// A larger body is refused as 413 ProblemDetails in the caller's language, before it is read whole: at once when its
/// Content-Length says so, else as soon as it passes the limit.
/// </summary>
internal static class UploadLimit
{
    public const string Key = "Concord:MaxUploadBytes";
    public const long DefaultBytes = 64L * 1024 * 1024;

    public static long Bytes(IConfiguration configuration) => configuration.GetValue(Key, DefaultBytes);

    public static Func<HttpContext, RequestDelegate, Task> Middleware(long limit) => async (http, next) =>
    {
        if (http.Request.ContentLength > limit)
        {
            await RefuseAsync(http, limit);
            return;
        }
        // Kestrel counts the body itself; a host without that feature (the test server) gets a counting stream.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
        else http.Request.Body = new LimitedStream(http.Request.Body, limit);
        try
        {
            await next(http);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !http.Response.HasStarted)
        {
            await RefuseAsync(http, limit);
        }
    };

    private static Task RefuseAsync(HttpContext http, long limit)
    {
        var T = http.RequestServices.GetRequiredService<UiText>();
        var megabytes = (limit / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture);
        http.Response.Clear();
        return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: T["Upload too large"],
            detail: T["The upload is larger than this node accepts ({0} MB at most): split the file and send the parts one by one.", megabytes]).ExecuteAsync(http);
    }

    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int read)
        {
            _read += read;
            if (_read > limit) throw new BadHttpRequestException("the request body is larger than the node accepts", StatusCodes.Status413PayloadTooLarge);
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
