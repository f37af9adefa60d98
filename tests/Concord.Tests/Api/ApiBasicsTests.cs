using System.Net;
using System.Net.Http.Json;

namespace Concord.Tests.Api;

public sealed class ApiBasicsTests
{
    [Fact]
    public async Task OpenApiDocument_IsServedWithoutKey()
    {
        await using var f = await ApiFixture.CreateAsync();
        var doc = await ApiFixture.JsonAsync(await f.Anonymous.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/leads", out _));
        Assert.True(paths.TryGetProperty("/api/v1/handovers/{id}/receipt", out _));
    }

    [Fact]
    public async Task HomeAndHealth_AnswerWithoutKey()
    {
        await using var f = await ApiFixture.CreateAsync();
        var home = await f.Anonymous.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.Contains("id=\"sign-in\"", home, StringComparison.Ordinal);
        Assert.Contains("/openapi/v1.json", home, StringComparison.Ordinal);
        var health = await f.Anonymous.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Api_WithoutKeyOrWithUnknownKey_Returns401()
    {
        await using var f = await ApiFixture.CreateAsync();
        var none = await f.Anonymous.GetAsync(new Uri("/api/v1/leads", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/leads", UriKind.Relative));
        request.Headers.Add("X-Api-Key", "ck_not-a-key");
        var unknown = await f.Anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
    }

    [Fact]
    public async Task ImportRoster_BadRow_Returns400NamingRowAndColumn()
    {
        await using var f = await ApiFixture.CreateAsync();
        await ApiTestData.SendLeadAsync(f.Cn, ApiTestData.LeadCode, ApiFixture.Myanmar);
        await ApiFixture.JsonAsync(await f.Mm.PostAsJsonAsync("/api/v1/operations", new { code = ApiTestData.OperationCode, lead = ApiTestData.LeadCode }));
        var roster = ApiTestData.RosterHeader
            + "B-0001,王伟,Wang Wei,,M,1990-01-01,CHN,,,,MUSE-D01,2024-03-24T10:00:00+06:30,Task Unit A,\n"
            + "B-0002,李强,Li Qiang,,M,1991-02-02,CHN,,,,MUSE-D01,yesterday evening,Task Unit A,\n";

        var response = await f.Mm.PostAsync(new Uri($"/api/v1/operations/{ApiTestData.OperationCode}/roster?file=field.csv", UriKind.Relative), ApiFixture.Csv(roster));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var first = problem.GetProperty("problems")[0];
        Assert.Equal("field.csv", first.GetProperty("file").GetString());
        Assert.Equal(3, first.GetProperty("row").GetInt32());
        Assert.Equal("arrested_at", first.GetProperty("column").GetString());
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task ImportAgreement_CallerNotParty_Returns400()
    {
        await using var f = await ApiFixture.CreateAsync();
        var content = new StringContent(ApiTestData.ThaiAgreement, System.Text.Encoding.UTF8, "application/json");
        var response = await f.Mm.PostAsync(new Uri("/api/v1/agreements", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        var list = await ApiFixture.JsonAsync(await f.Mm.GetAsync(new Uri("/api/v1/agreements", UriKind.Relative)));
        Assert.Equal("CN-MM-TF-2023", list[0].GetProperty("code").GetString());
    }
}
