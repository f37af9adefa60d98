using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Concord.Core.Domain;
using Concord.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Tests.Api;

/// <summary>
/// The reference walk: every API route of the app's own route table, called by a key of every role of each of three
/// agencies (China, which sent the lead and receives the suspects; Myanmar, which raided; Thailand, a third force with
/// no part in it). Each answer is what the role table and the sharing rules say (403 for a role the route does not
/// take, 404 where the agency may not see the record, an answer of the route otherwise), and each answer leaves exactly
/// one audit entry with actor, agency, action, source, outcome and time.
/// </summary>
public sealed class RouteReferenceTests
{
    private const string Th = ApiTestData.Thailand, Cn = ApiFixture.China, Mm = ApiFixture.Myanmar;
    private const string Op = ApiTestData.OperationCode;

    /// <summary>One call: how to make it, and which agencies may see what it names (the rest get 404).</summary>
    private sealed record Call(Func<HttpRequestMessage> Request, string[] Sees);

    private static readonly string[] Everyone = [Cn, Mm, Th];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_route_answers_every_role_of_every_agency_as_the_tables_say_with_one_audit_entry(string provider)
    {
        await using var f = await ApiFixture.CreateAsync(provider);
        var calls = await WorldAsync(f);

        // No route is left out: the walk knows every route the app maps, and no other.
        var routes = f.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? $"(unnamed) {e.RoutePattern.RawText}")
            .ToHashSet(StringComparer.Ordinal);
        Assert.Empty(routes.Except(calls.Keys));
        Assert.Empty(calls.Keys.Except(routes));

        var keyRoles = Roles.All.Where(r => r != Roles.Admin).ToList();
        var clients = new Dictionary<(string Agency, string Role), HttpClient>();
        var agencyIds = new Dictionary<string, Guid>(StringComparer.Ordinal);
        await using (var db = f.Open())
            foreach (var a in Everyone) agencyIds[a] = await db.Agencies.Where(x => x.Code == a).Select(x => x.Id).SingleAsync();
        foreach (var agency in Everyone)
            foreach (var role in keyRoles)
                clients[(agency, role)] = await f.ClientForAsync(agency, $"{agency.ToLowerInvariant()}-{role}", role);

        var failures = new List<string>();
        var answered = 0;
        // Reads first, then changes, so that a change made by one caller never decides what a later read answers.
        foreach (var (name, call) in calls.OrderBy(c => c.Value.Request().Method == HttpMethod.Get ? 0 : 1).ThenBy(c => c.Key, StringComparer.Ordinal))
        {
            foreach (var agency in Everyone)
            {
                foreach (var role in keyRoles)
                {
                    var allowed = RoleTable.Split(RoleTable.Api[name]).Contains(role);
                    var sees = call.Sees.Contains(agency);
                    long before;
                    await using (var db = f.Open()) before = await db.AuditEntries.LongCountAsync();
                    using var request = call.Request();
                    var what = $"{name} {request.Method} {request.RequestUri} by {agency} {role}";
                    using var response = await clients[(agency, role)].SendAsync(request);
                    var status = (int)response.StatusCode;
                    answered++;
                    if (!allowed && status != 403) failures.Add($"{what}: {status}, expected 403");
                    else if (allowed && !sees && status != 404) failures.Add($"{what}: {status}, expected 404");
                    else if (allowed && sees && (status is 403 or 404 or >= 500)) failures.Add($"{what}: {status} {await response.Content.ReadAsStringAsync()}");

                    await using var check = f.Open();
                    var entries = await check.AuditEntries.AsNoTracking().Where(e => e.Sequence > before).ToListAsync();
                    if (entries.Count != 1)
                    {
                        failures.Add($"{what}: {entries.Count} audit entries ({string.Join(", ", entries.Select(e => e.Action))})");
                        continue;
                    }
                    var e = entries[0];
                    var outcome = status < 400 ? AuditOutcome.Done : status is 401 or 403 or 404 ? AuditOutcome.Denied : e.Outcome;
                    if (e.Actor != $"api:{agency.ToLowerInvariant()}-{role}" || e.AgencyId != agencyIds[agency] || string.IsNullOrEmpty(e.Action)
                        || e.Source != "127.0.0.1" || e.Outcome != outcome || e.At == default || (status >= 400 && e.Outcome == AuditOutcome.Done))
                        failures.Add($"{what}: entry {e.Actor} {e.AgencyId} {e.Action} {e.Source} {e.Outcome} {e.At:O} for {status}");
                }
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {answered} answers wrong:\n" + string.Join('\n', failures.Take(60)));
        Assert.Equal(calls.Count * Everyone.Length * keyRoles.Count, answered);
    }

    /// <summary>
    /// China's lead to Myanmar (H2), Myanmar's operation on it with 70 roster rows matched and sorted, a handover to China
    /// received and assigned to bureaus, a second one planned; Thailand party to an agreement with China only; Myanmar's
    /// request for China's consent to pass the lead on to Thailand. Then one call per route, naming these records.
    /// </summary>
    private static async Task<Dictionary<string, Call>> WorldAsync(ApiFixture f)
    {
        await ApiTestData.ThailandAsync(f);
        var lead = await ApiTestData.SendLeadAsync(f.Cn, ApiTestData.LeadCode, Mm);
        await ApiFixture.JsonAsync(await f.Mm.PostAsJsonAsync("/api/v1/operations", new { code = Op, lead = ApiTestData.LeadCode }));
        var roster = string.Join('\n', Scenario.RosterLines(70)) + "\n";
        await ApiFixture.JsonAsync(await f.Mm.PostAsync(U($"/api/v1/operations/{Op}/roster"), ApiFixture.Csv(roster)));
        await ApiFixture.JsonAsync(await f.Mm.PostAsync(U($"/api/v1/operations/{Op}/match"), null));
        await ApiFixture.JsonAsync(await f.Mm.PostAsync(U($"/api/v1/operations/{Op}/custody"), null));
        var plan = await ApiTestData.PlanHandoverAsync(f);
        var handover = plan.GetProperty("summary").GetProperty("id").GetGuid();
        var person = plan.GetProperty("persons")[0].GetProperty("person_id").GetGuid();
        await ApiFixture.JsonAsync(await f.Mm.PostAsync(U($"/api/v1/handovers/{handover}/dispatch"), null));
        await ApiFixture.JsonAsync(await f.Cn.PostAsJsonAsync($"/api/v1/handovers/{handover}/receipt", new { lines = Array.Empty<object>(), rest_received = true }));
        await ApiFixture.JsonAsync(await f.Cn.PostAsync(U($"/api/v1/handovers/{handover}/assignments"), null));
        var assignment = (await ApiFixture.JsonAsync(await f.Cn.GetAsync(U($"/api/v1/handovers/{handover}/assignments"))))[0].GetProperty("id").GetGuid();
        var review = await ApiFixture.JsonAsync(await f.Mm.GetAsync(U($"/api/v1/operations/{Op}/review")));
        Assert.True(review.GetArrayLength() > 0, "the 70 rows leave at least one review task");
        var taskId = review[0].GetProperty("id").GetGuid();
        var consent = (await ApiFixture.JsonAsync(await f.Mm.PostAsJsonAsync("/api/v1/consents", new { lead = ApiTestData.LeadCode, to = Th, reason = "Thai warrant" })))
            .GetProperty("id").GetGuid();
        var agreement = (await ApiFixture.JsonAsync(await f.Mm.GetAsync(U("/api/v1/agreements"))))[0].GetProperty("code").GetString()!;
        var museAgreement = await File.ReadAllTextAsync(Repo.Muse("agreement.json"));

        HttpRequestMessage Get(string path) => new(HttpMethod.Get, U(path));
        HttpRequestMessage Post(string path, object? body = null) => new(HttpMethod.Post, U(path)) { Content = body is null ? null : JsonContent.Create(body) };
        HttpRequestMessage PostCsv(string path, string csv) => new(HttpMethod.Post, U(path)) { Content = ApiFixture.Csv(csv) };
        HttpRequestMessage SendLead()
        {
            var form = new MultipartFormDataContent
            {
                { new StringContent("LEAD-REF"), "code" },
                { new StringContent(Mm), "to" },
                { new StringContent("H1"), "handling" },
                { ApiFixture.CsvFile("dens.csv"), "dens", "dens.csv" },
                { ApiFixture.CsvFile("lead-targets.csv"), "targets", "lead-targets.csv" },
            };
            return new HttpRequestMessage(HttpMethod.Post, U("/api/v1/leads")) { Content = form };
        }

        string[] both = [Cn, Mm], china = [Cn], myanmar = [Mm];
        return new Dictionary<string, Call>(StringComparer.Ordinal)
        {
            ["ImportAgreement"] = new(() => new HttpRequestMessage(HttpMethod.Post, U("/api/v1/agreements")) { Content = new StringContent(museAgreement, Encoding.UTF8, "application/json") }, Everyone),
            ["ListAgreements"] = new(() => Get("/api/v1/agreements"), Everyone),
            ["GetAgreement"] = new(() => Get($"/api/v1/agreements/{agreement}"), both),
            ["AcceptAgreement"] = new(() => Post($"/api/v1/agreements/{agreement}/accept"), both),
            ["SendLead"] = new(SendLead, Everyone),
            ["ListLeads"] = new(() => Get("/api/v1/leads"), Everyone),
            ["GetLead"] = new(() => Get($"/api/v1/leads/{lead}"), both),
            ["AcknowledgeLead"] = new(() => Post($"/api/v1/leads/{lead}/acknowledge"), both),
            ["ListConsents"] = new(() => Get("/api/v1/consents"), Everyone),
            ["RequestConsent"] = new(() => Post("/api/v1/consents", new { lead = ApiTestData.LeadCode, to = Th, reason = "again" }), myanmar),
            ["AnswerConsent"] = new(() => Post($"/api/v1/consents/{consent}/answer", new { grant = false, reason = "no" }), both),
            ["ImportWantedList"] = new(() => PostCsv("/api/v1/wanted", "wanted_id,name,sex,birth_date\nW-REF-1,张三,M,1990-01-01\n"), Everyone),
            ["CheckIdentity"] = new(() => Post("/api/v1/check", new { name = "张三" }), Everyone),
            ["CreateOperation"] = new(() => Post("/api/v1/operations", new { code = Op, lead = ApiTestData.LeadCode }), myanmar),
            ["GetOperation"] = new(() => Get($"/api/v1/operations/{Op}"), both),
            ["ImportRoster"] = new(() => PostCsv($"/api/v1/operations/{Op}/roster", roster), myanmar),
            ["ImportSeizures"] = new(() => PostCsv($"/api/v1/operations/{Op}/seizures", "item_no,den,type,description,quantity,seized_at,unit,sha256,holder_roster_no\n"), myanmar),
            ["MatchOperation"] = new(() => Post($"/api/v1/operations/{Op}/match"), myanmar),
            ["CorrectRoster"] = new(() => Post($"/api/v1/operations/{Op}/roster/MUSE-0001/correction", new { reason = "nothing to change" }), myanmar),
            ["ListReview"] = new(() => Get($"/api/v1/operations/{Op}/review"), myanmar),
            ["DecideReview"] = new(() => Post($"/api/v1/operations/{Op}/review/decisions", new { decisions = Array.Empty<object>() }), myanmar),
            ["DecideReviewTask"] = new(() => Post($"/api/v1/review/{taskId}/decision", new { decision = "hold", reason = "walk" }), myanmar),
            ["DecideCustody"] = new(() => Post($"/api/v1/operations/{Op}/custody"), myanmar),
            ["ResolveCustody"] = new(() => Post($"/api/v1/persons/{person}/custody", new { to = Cn, port = "Ruili", reason = "walk" }), myanmar),
            ["GetPerson"] = new(() => Get($"/api/v1/persons/{person}"), both),
            ["OperationReport"] = new(() => Get($"/api/v1/operations/{Op}/report"), both),
            ["OperationReportText"] = new(() => Get($"/api/v1/operations/{Op}/report.txt"), both),
            ["CumulativeReport"] = new(() => Get("/api/v1/reports/cumulative"), Everyone),
            ["CumulativeReportText"] = new(() => Get("/api/v1/reports/cumulative.txt"), Everyone),
            ["PlanHandover"] = new(() => Post($"/api/v1/operations/{Op}/handovers", new { to = Cn, port = "Ruili", date = "2024-04-01" }), myanmar),
            ["GetHandover"] = new(() => Get($"/api/v1/handovers/{handover}"), both),
            ["DispatchHandover"] = new(() => Post($"/api/v1/handovers/{handover}/dispatch"), both),
            ["ReceiveHandover"] = new(() => Post($"/api/v1/handovers/{handover}/receipt", new { lines = Array.Empty<object>(), rest_received = true }), both),
            ["ResolveDiscrepancy"] = new(() => Post($"/api/v1/handovers/{handover}/resolve", new { @ref = "MUSE-0001", note = "walk" }), both),
            ["AssignReceived"] = new(() => Post($"/api/v1/handovers/{handover}/assignments"), both),
            ["ListAssignments"] = new(() => Get($"/api/v1/handovers/{handover}/assignments"), china),
            ["AssignBureau"] = new(() => Post($"/api/v1/assignments/{assignment}/bureau", new { bureau = "CN-GD" }), china),
            ["SetEscort"] = new(() => Post($"/api/v1/assignments/{assignment}/escort", new { status = "escorting" }), china),
        };
    }

    private static Uri U(string path) => new(path, UriKind.Relative);
}
