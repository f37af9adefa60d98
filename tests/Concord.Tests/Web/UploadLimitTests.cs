using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Concord.Cli.Web.Api;
using Concord.Cli.Web.Text;
using Concord.Core.Auditing;
using Concord.Core.Features.ApiKeys;

namespace Concord.Tests.Web;

/// <summary>A body over the node's limit is refused as 413 ProblemDetails in the caller's language, never a 500; the test never holds the body in memory.</summary>
public sealed class UploadLimitTests
{
    /// <summary>A body of zeros produced as it is read: seekable (a Content-Length) or not (sent chunked).</summary>
    private sealed class Zeros(long length, bool seekable) : Stream
    {
        private long _position;
        public override bool CanRead => true;
        public override bool CanSeek => seekable;
        public override bool CanWrite => false;
        public override long Length => seekable ? length : throw new NotSupportedException();
        public override long Position { get => _position; set => _position = value; }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            Array.Clear(buffer, offset, n);
            _position += n;
            return n;
        }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => _position = offset;
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static async Task<HttpResponseMessage> PostAsync(WebFixture web, Stream body, string language)
    {
        var client = web.Client();
        await using (var db = web.Open())
        {
            var (_, key) = await ApiKeys.CreateAsync(db, Actor.Operator("test"), "CN-MPS", "test", default);
            client.Http.DefaultRequestHeaders.Add("X-Api-Key", key);
        }
        client.Http.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        var content = new StreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return await client.Http.PostAsync(new Uri("/api/v1/wanted", UriKind.Relative), content);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage r, string language)
    {
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        Assert.Equal(413, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(UiText.Translate("Upload too large", language), problem.RootElement.GetProperty("title").GetString());
        if (language != "en") Assert.NotEqual("Upload too large", problem.RootElement.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh")]
    [InlineData("my")]
    public async Task Upload_Of200MB_Answers413InTheCallersLanguage(string language)
    {
        await using var web = await WebFixture.CreateAsync();
        using var r = await PostAsync(web, new Zeros(200L * 1024 * 1024, seekable: true), language);
        await AssertRefusedAsync(r, language);
    }

    [Fact]
    public async Task ChunkedUpload_PastAConfiguredLimit_Answers413()
    {
        await using var web = await WebFixture.CreateAsync(b => b.Configuration[UploadLimit.Key] = "1048576");
        using var r = await PostAsync(web, new Zeros(3L * 1024 * 1024, seekable: false), "zh");
        await AssertRefusedAsync(r, "zh");
    }
}
