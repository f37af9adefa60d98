using System.Net.Http.Json;
using System.Text.Json;
using Concord.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Api;

/// <summary>The Muse operation taken through every workflow over HTTP, each agency with its own key.</summary>
public sealed class ApiWorkflowTests
{
    private static Uri U(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task MuseOperation_ThroughApi_FromLeadToReport_MissingPersonStaysWithSender()
    {
        await using var f = await ApiFixture.CreateAsync();
        const string op = ApiTestData.OperationCode;

        // Agreement: already on the node; the same document again changes nothing.
        var again = await ApiFixture.JsonAsync(await f.Mm.PostAsync(U("/api/v1/agreements"),
            new ByteArrayContent(File.ReadAllBytes(Infrastructure.Repo.Muse("agreement.json")))));
        Assert.True(again.GetProperty("already_imported").GetBoolean());
        var agreement = await ApiFixture.JsonAsync(await f.Mm.GetAsync(U("/api/v1/agreements/CN-MM-TF-2023")));
        Assert.Equal(3, agreement.GetProperty("custody").GetArrayLength());

        // Lead and wanted list from China.
        var lead = await ApiTestData.SendLeadAsync(f.Cn, ApiTestData.LeadCode, ApiFixture.Myanmar);
        var wanted = await ApiFixture.JsonAsync(await f.Cn.PostAsync(U("/api/v1/wanted?file=wanted.csv"), ApiFixture.CsvFile("wanted.csv")));
        Assert.Equal(20000, wanted.GetProperty("added").GetInt32());

        // Myanmar acknowledges, opens the operation, uploads roster and seizures, matches.
        var leads = await ApiFixture.JsonAsync(await f.Mm.GetAsync(U("/api/v1/leads")));
        Assert.Equal(lead, leads[0].GetProperty("id").GetGuid());
        await ApiFixture.JsonAsync(await f.Mm.PostAsync(U($"/api/v1/leads/{lead}/acknowledge"), null));
        await ApiFixture.JsonAsync(await f.Mm.PostAsJsonAsync("/api/v1/operations", new { code = op, lead = ApiTestData.LeadCode }));
        var roster = await ApiFixture.JsonAsync(await f.Mm.PostAsync(U($"/api/v1/operations/{op}/roster"), ApiFixture.CsvFile("roster.csv")));
        Assert.True(roster.GetProperty("added").GetInt32() > 800);
        var seizures = await ApiFixture.JsonAsync(await f.Mm.PostAsync(U($"/api/v1/operations/{op}/seizures"), ApiFixture.CsvFile("seizures.csv")));
        Assert.True(seizures.GetProperty("added").GetInt32() > 0);
        var match = await ApiFixture.JsonAsync(await f.Mm.PostAsync(U($"/api/v1/operations/{op}/match"), null));
        Assert.True(match.GetProperty("accepted").GetInt32() > 0);

        // Review: the task shape of the workflow, in snake_case; one decision.
        var review = await ApiFixture.JsonAsync(await f.Mm.GetAsync(U($"/api/v1/operations/{op}/review")));
        if (review.GetArrayLength() > 0)
        {
            var task = review[0];
            Assert.True(task.GetProperty("roster_nos").GetArrayLength() > 0);
            Assert.False(string.IsNullOrEmpty(task.GetProperty("kind").GetString()));
            var item = task.GetProperty("candidates")[0];
            Assert.False(string.IsNullOrEmpty(item.GetProperty("candidate").GetProperty("list").GetString()));
            Assert.False(string.IsNullOrEmpty(item.GetProperty("candidate").GetProperty("id").GetString()));
            Assert.True(item.GetProperty("score").GetDouble() > 0);
            Assert.Equal(JsonValueKind.Array, item.GetProperty("evidence").ValueKind);
            var decided = await ApiFixture.JsonAsync(await f.Mm.PostAsJsonAsync($"/api/v1/review/{task.GetProperty("id").GetGuid()}/decision",
                new { decision = "reject", reason = "different person: birth date and photo disagree" }));
            Assert.Equal("decided", decided.GetProperty("status").GetString());
            Assert.Equal(task.GetProperty("candidates").GetArrayLength(), decided.GetProperty("rejected").GetInt32());
        }

        // Custody by the agreement; one exception decided by hand.
        var custody = await ApiFixture.JsonAsync(await f.Mm.PostAsync(U($"/api/v1/operations/{op}/custody"), null));
        Assert.True(custody.GetProperty("by_agency").GetProperty("CN-MPS").GetInt32() > 300);
        Guid? exception;
        await using (var db = f.Open())
            exception = await db.Persons.Where(p => p.CustodyState == CustodyState.AwaitingReview).Select(p => (Guid?)p.Id).FirstOrDefaultAsync();
        if (exception is { } undecided)
        {
            var resolved = await ApiFixture.JsonAsync(await f.Mm.PostAsJsonAsync($"/api/v1/persons/{undecided}/custody",
                new { to = "MM-MPF", port = (string?)null, reason = "nationality unknown; stays with the arresting force" }));
            Assert.Equal("decided", resolved.GetProperty("custody_state").GetString());
        }

        // Handover at Ruili: one person missing at the port stays with Myanmar.
        var plan = await ApiTestData.PlanHandoverAsync(f);
        var handover = plan.GetProperty("summary").GetProperty("id").GetGuid();
        var missing = plan.GetProperty("persons")[0];
        var missingRef = missing.GetProperty("roster_nos")[0].GetString()!;
        var received = plan.GetProperty("persons")[1].GetProperty("person_id").GetGuid();
        await ApiFixture.JsonAsync(await f.Mm.PostAsync(U($"/api/v1/handovers/{handover}/dispatch"), null));
        var receipt = await ApiFixture.JsonAsync(await f.Cn.PostAsJsonAsync($"/api/v1/handovers/{handover}/receipt", new
        {
            lines = new[] { new { kind = "person", @ref = missingRef, status = "missing", sha256 = (string?)null, note = "not on the bus" } },
            rest_received = true,
        }));
        // "Rest received" leaves every item with a recorded hash pending, named; each is received with the hash read at the port.
        var awaiting = receipt.GetProperty("summary").GetProperty("awaiting_hash").EnumerateArray().Select(x => x.GetString()!).ToList();
        var hashedItems = plan.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("sha256").ValueKind == JsonValueKind.String).ToList();
        Assert.Equal(hashedItems.Select(i => i.GetProperty("item_no").GetString()!).Order(StringComparer.Ordinal), awaiting);
        Assert.NotEmpty(awaiting);
        Assert.Equal("dispatched", receipt.GetProperty("summary").GetProperty("state").GetString());
        receipt = await ApiFixture.JsonAsync(await f.Cn.PostAsJsonAsync($"/api/v1/handovers/{handover}/receipt", new
        {
            lines = hashedItems.Select(i => new { kind = "item", @ref = i.GetProperty("item_no").GetString(), status = "received", sha256 = i.GetProperty("sha256").GetString(), note = (string?)null }).ToArray(),
            rest_received = false,
        }));
        var summary = receipt.GetProperty("summary");
        Assert.Equal("received", summary.GetProperty("state").GetString());
        Assert.Equal(1, summary.GetProperty("persons_missing").GetInt32());
        Assert.Equal(summary.GetProperty("persons").GetInt32() - 1, summary.GetProperty("persons_received").GetInt32());

        var stayed = await ApiFixture.JsonAsync(await f.Mm.GetAsync(U($"/api/v1/persons/{missing.GetProperty("person_id").GetGuid()}")));
        Assert.Equal("MM-MPF", stayed.GetProperty("custody_agency").GetString());
        var moved = await ApiFixture.JsonAsync(await f.Cn.GetAsync(U($"/api/v1/persons/{received}")));
        Assert.Equal("CN-MPS", moved.GetProperty("custody_agency").GetString());

        var resolvedMissing = await ApiFixture.JsonAsync(await f.Cn.PostAsJsonAsync($"/api/v1/handovers/{handover}/resolve",
            new { @ref = missingRef, note = "to follow in the next handover" }));
        Assert.Equal(0, resolvedMissing.GetProperty("summary").GetProperty("open_discrepancies").GetInt32());

        // Assignment to provincial bureaus, escort.
        var assigned = await ApiFixture.JsonAsync(await f.Cn.PostAsync(U($"/api/v1/handovers/{handover}/assignments"), null));
        Assert.True(assigned.GetProperty("assigned").GetInt32() > 0);
        var assignments = await ApiFixture.JsonAsync(await f.Cn.GetAsync(U($"/api/v1/handovers/{handover}/assignments")));
        var withBureau = assignments.EnumerateArray().First(a => a.GetProperty("bureau").ValueKind == JsonValueKind.String);
        var escort = await ApiFixture.JsonAsync(await f.Cn.PostAsJsonAsync($"/api/v1/assignments/{withBureau.GetProperty("id").GetGuid()}/escort",
            new { status = "escorting" }));
        Assert.Equal("escorting", escort.GetProperty("escort").GetString());
        var unknown = assignments.EnumerateArray().FirstOrDefault(a => a.GetProperty("bureau").ValueKind == JsonValueKind.Null);
        if (unknown.ValueKind == JsonValueKind.Object)
        {
            var manual = await ApiFixture.JsonAsync(await f.Cn.PostAsJsonAsync($"/api/v1/assignments/{unknown.GetProperty("id").GetGuid()}/bureau",
                new { bureau = withBureau.GetProperty("bureau").GetString() }));
            Assert.Equal("manual", manual.GetProperty("method").GetString());
        }

        // Report, as JSON and as Chinese text; the lead's sender reads it too.
        var report = await ApiFixture.JsonAsync(await f.Cn.GetAsync(U($"/api/v1/operations/{op}/report")));
        Assert.Equal(match.GetProperty("persons").GetInt32(), report.GetProperty("arrested").GetProperty("persons").GetInt32());
        Assert.Equal(1, report.GetProperty("handovers").GetArrayLength());
        var text = await f.Mm.GetAsync(U($"/api/v1/operations/{op}/report.txt?lang=zh"));
        Assert.Equal("text/plain", text.Content.Headers.ContentType?.MediaType);
        Assert.Contains(op, await text.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using (var db = f.Open())
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "review.read" && a.Actor == "api:mm-test"));
    }
}
