using System.Net;
using System.Net.Http.Json;
using Concord.Core.Domain;
using Concord.Tests.Infrastructure;
using Concord.Tests.Review;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Api;

/// <summary>The review tasks over HTTP: read, decided as a list all or none, and a roster correction that matches the person again.</summary>
public sealed class ApiReviewTests
{
    private static Uri U(string path) => new(path, UriKind.Relative);

    private static async Task<System.Text.Json.JsonElement> ProblemAsync(HttpResponseMessage response) =>
        System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    private const string Review = $"/api/v1/operations/{Scenario.Operation}/review";

    [Fact]
    public async Task ReviewTasks_DecidedAsAList_AllOrNone_AndACorrectionMatchesAgain()
    {
        await using var f = await ApiFixture.CreateAsync();
        await using (var db = f.Open())
            await ReviewScenario.SeedAsync(db);

        var tasks = await ApiFixture.JsonAsync(await f.Mm.GetAsync(U(Review)));
        var identify = tasks.EnumerateArray().Single(t => t.GetProperty("kind").GetString() == "needs-identification");
        Assert.Equal(4, identify.GetProperty("namesakes").GetInt32());
        Assert.Equal("CN-MPS", identify.GetProperty("namesake_lists")[0].GetProperty("agency").GetString());
        var two = tasks.EnumerateArray().Single(t => t.GetProperty("roster_nos")[0].GetString() == ReviewScenario.TwoCandidates);
        Assert.Equal(2, two.GetProperty("candidates").GetArrayLength());
        Assert.Contains(two.GetProperty("settle").EnumerateArray(), s => s.GetProperty("field").GetString() == "birth_date");
        var year = tasks.EnumerateArray().Single(t => t.GetProperty("roster_nos")[0].GetString() == ReviewScenario.YearOnly && t.GetProperty("kind").GetString() == "identity");

        // The other side may not decide the queue of an operation it does not run.
        Assert.Equal(HttpStatusCode.NotFound, (await f.Cn.PostAsJsonAsync(Review + "/decisions", new { decisions = new[] { new { id = two.GetProperty("id").GetString(), decision = "reject", reason = "x" } } })).StatusCode);

        // A list with one bad decision changes nothing and names it by position and field.
        string state;
        await using (var db = f.Open()) state = await ReviewScenario.StateAsync(db);
        var bad = await f.Mm.PostAsJsonAsync(Review + "/decisions", new
        {
            decisions = new object[]
            {
                new { id = two.GetProperty("id").GetString(), decision = "confirm", candidate = "W-SM-2", reason = "photo" },
                new { id = year.GetProperty("id").GetString(), decision = "confirm", candidate = "W-OY-4", reason = "wrong candidate" },
            },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = Assert.Single((await ProblemAsync(bad)).GetProperty("problems").EnumerateArray());
        Assert.Equal((2, "candidate"), (problem.GetProperty("row").GetInt32(), problem.GetProperty("column").GetString()));
        await using (var db = f.Open()) Assert.Equal(state, await ReviewScenario.StateAsync(db));

        var good = await ApiFixture.JsonAsync(await f.Mm.PostAsJsonAsync(Review + "/decisions", new
        {
            decisions = new object[]
            {
                new { id = two.GetProperty("id").GetString(), decision = "confirm", candidate = "W-SM-2", reason = "photo" },
                new { id = year.GetProperty("id").GetString(), decision = "needs-identification", candidate = (string?)null, reason = "ask for the passport" },
            },
        }));
        Assert.Equal((2, 1, 1), (good.GetProperty("decisions").GetInt32(), good.GetProperty("confirmed").GetInt32(), good.GetProperty("needs_identification").GetInt32()));

        // The field finds the person's ID card: a roster correction, and the person is that namesake.
        var corrected = await ApiFixture.JsonAsync(await f.Mm.PostAsJsonAsync($"/api/v1/operations/{Scenario.Operation}/roster/{ReviewScenario.YearOnly}/correction",
            new { id_number = ReviewScenario.Namesakes[1].Ric, reason = "card found in the den" }));
        Assert.Contains("wanted " + ReviewScenario.Namesakes[1].Id, corrected.GetProperty("links").EnumerateArray().Select(l => l.GetString()));
        var refused = await f.Mm.PostAsJsonAsync($"/api/v1/operations/{Scenario.Operation}/roster/{ReviewScenario.NameOnly}/correction", new { birth_date = "31/12/1990" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("birth_date", (await ProblemAsync(refused)).GetProperty("problems")[0].GetProperty("column").GetString());
        await using (var db = f.Open())
        {
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "roster.correct" && a.Actor == "api:mm-test"));
            Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "review.task.confirm" || a.Action == "review.task.needs-identification"));
            var task = await db.ReviewTasks.SingleAsync(t => t.Id == year.GetProperty("id").GetGuid());
            Assert.Equal("withdrawn", task.Outcome);
        }
    }
}
