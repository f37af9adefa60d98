using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Concord.Core.Domain;
using Concord.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
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
        var calls = (await WorldAsync(f)).Calls;

        // No route is left out: the walk knows every route the app maps, and no other.
        var routes = f.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? $"(unnamed) {e.RoutePattern.RawText}")
            .ToHashSet(StringComparer.Ordinal);
        Assert.Empty(routes.Except(calls.Keys));
        Assert.Empty(calls.Keys.Except(routes));

        var keyRoles = Roles.All.Where(r => r != Roles.Admin).ToList();
        var clients = new Dictionary<(string Agency, string Role), HttpClient>();
        var agencyIds = await AgencyIdsAsync(f);
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

                    if (await OneEntryAfterAsync(f, before, what, failures) is not { } e) continue;
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
    /// The same walk over the pages: every page of the app's route table (and the download beside them), loaded by a
    /// signed-in user of every role of each of the three agencies, and by a visitor not signed in. A page the user's roles
    /// do not take answers 403, a record their agency may not see 404 (the status page, naming nothing of the record),
    /// the page otherwise; a visitor is sent to sign in. Each load leaves exactly one audit entry, the user's, from the
    /// address they signed in from.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_page_answers_every_role_of_every_agency_as_the_tables_say_with_one_audit_entry(string provider)
    {
        // Twenty-four officers sign in from this one address within seconds.
        await using var f = await ApiFixture.CreateAsync(provider, b => b.Configuration["Concord:RateLimits:SignInBurst"] = "1000");
        var pages = (await WorldAsync(f)).Pages;

        // No page is left out: those the app maps behind a sign-in, no other; each asks for the roles the table names.
        var mapped = f.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && !raw.StartsWith("/api/", StringComparison.Ordinal)
                && e.Metadata.GetMetadata<IAuthorizeData>() is not null && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .ToDictionary(e => e.RoutePattern.RawText!, e => string.Join(',', e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Roles).Where(r => !string.IsNullOrEmpty(r))));
        Assert.Equal(RoleTable.Pages.Keys.Order(StringComparer.Ordinal), mapped.Keys.Order(StringComparer.Ordinal));
        Assert.All(mapped, m => Assert.Equal(RoleTable.Pages[m.Key], m.Value));
        Assert.Equal(RoleTable.Pages.Keys.Order(StringComparer.Ordinal), pages.Keys.Order(StringComparer.Ordinal));

        var agencyIds = await AgencyIdsAsync(f);
        var users = new List<(string Agency, string Role, string Name, Web.Browserless Browser)>();
        foreach (var agency in Everyone)
            foreach (var role in Roles.All)
            {
                var (name, password) = await f.UserAsync(agency, role);
                var browser = f.Browser();
                await browser.SignInAsync(name, password);
                users.Add((agency, role, name, browser));
            }
        using var visitor = f.Browser();

        var failures = new List<string>();
        var answered = 0;
        foreach (var (route, (path, sees)) in pages.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            foreach (var (agency, role, name, browser) in users.Append((Cn, "", "", visitor)))
            {
                var signedIn = name.Length > 0;
                var allowed = RoleTable.Allows(RoleTable.Pages[route], [role]);
                var expected = !signedIn ? HttpStatusCode.Redirect : !allowed ? HttpStatusCode.Forbidden
                    : !sees.Contains(agency) ? HttpStatusCode.NotFound : HttpStatusCode.OK;
                long before;
                await using (var db = f.Open()) before = await db.AuditEntries.LongCountAsync();
                using var response = await browser.GetAsync(path);
                var what = $"{route} {path} by {(signedIn ? $"{agency} {role}" : "a visitor")}";
                answered++;
                if (response.StatusCode != expected)
                    failures.Add($"{what}: {(int)response.StatusCode} {Web.Browserless.Target(response)}, expected {(int)expected}");
                else if (expected == HttpStatusCode.Redirect && Web.Browserless.Target(response)?.StartsWith("/?", StringComparison.Ordinal) != true)
                    failures.Add($"{what}: sent to {Web.Browserless.Target(response)}, not to sign in");
                else if (expected == HttpStatusCode.NotFound && (await response.Content.ReadAsStringAsync()).Contains(Op, StringComparison.Ordinal) && route is not ("/operations/{code}/report.csv" or "/operations/{code}/report.xlsx"))
                    failures.Add($"{what}: the 404 names the operation");

                if (await OneEntryAfterAsync(f, before, what, failures) is not { } e) continue;
                var outcome = expected == HttpStatusCode.OK ? AuditOutcome.Done : AuditOutcome.Denied;
                var actor = signedIn ? $"user:{name}" : "source:127.0.0.1";
                var agencyId = signedIn ? agencyIds[agency] : Agency.NodeId;
                if (e.Actor != actor || e.AgencyId != agencyId || string.IsNullOrEmpty(e.Action) || e.Source != "127.0.0.1" || e.Outcome != outcome || e.At == default)
                    failures.Add($"{what}: entry {e.Actor} {e.AgencyId} {e.Action} {e.Source} {e.Outcome} {e.At:O} for {(int)response.StatusCode}");
            }
        }
        foreach (var u in users) u.Browser.Dispose();
        Assert.True(failures.Count == 0, $"{failures.Count} of {answered} answers wrong:\n" + string.Join('\n', failures.Take(60)));
        Assert.Equal(pages.Count * (Everyone.Length * Roles.All.Count + 1), answered);
    }

    private static async Task<Dictionary<string, Guid>> AgencyIdsAsync(ApiFixture f)
    {
        await using var db = f.Open();
        return await db.Agencies.Where(a => Everyone.Contains(a.Code)).ToDictionaryAsync(a => a.Code, a => a.Id, StringComparer.Ordinal);
    }

    /// <summary>The one audit entry an answer left after entry <paramref name="before"/>; none, with a failure, when it left another number.</summary>
    private static async Task<AuditEntry?> OneEntryAfterAsync(ApiFixture f, long before, string what, List<string> failures)
    {
        await using var check = f.Open();
        var entries = await check.AuditEntries.AsNoTracking().Where(e => e.Sequence > before).ToListAsync();
        if (entries.Count == 1) return entries[0];
        failures.Add($"{what}: {entries.Count} audit entries ({string.Join(", ", entries.Select(e => e.Action))})");
        return null;
    }

    /// <summary>
    /// China's lead to Myanmar (H2), Myanmar's operation on it with 70 roster rows matched and sorted, a handover to China
    /// received and assigned to bureaus, a second one planned; Thailand party to an agreement with China only; Myanmar's
    /// request for China's consent to pass the lead on to Thailand. Then one call per route, naming these records.
    /// </summary>
    private static async Task<World> WorldAsync(ApiFixture f)
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

        // Cases: the SIM bag's extraction (Myanmar's, shared with China), Zhejiang's reports (China's) linked, one freeze request.
        await ApiFixture.JsonAsync(await f.Mm.PostAsync(U($"/api/v1/operations/{Op}/seizures"), ApiFixture.Csv(string.Join('\n', Cases.CaseWorld.Seizures) + "\n")));
        var extraction = (await ApiFixture.JsonAsync(await f.Mm.PostAsync(U("/api/v1/extractions"), CasesApiTests.Extractions(("S2.json", Cases.CaseWorld.SimBagExtraction)))))[0]
            .GetProperty("id").GetGuid();
        await ApiFixture.JsonAsync(await f.Mm.PostAsJsonAsync($"/api/v1/extractions/{extraction}/share", new { to = Cn }));
        await ApiFixture.JsonAsync(await f.Cn.PostAsync(U("/api/v1/reports"), CasesApiTests.ReportsFile(Cases.CaseWorld.ReportsCsv())));
        await ApiFixture.JsonAsync(await f.Cn.PostAsync(U("/api/v1/cases/link"), null));
        var caseLink = (await ApiFixture.JsonAsync(await f.Cn.GetAsync(U("/api/v1/reports/ZJ-2024-0003/links"))))[0];
        var freeze = new { account_kind = "tron", account = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", institution = "Tether", amount = "1200 USDT", legal_basis = "walk", deadline = "2099-01-01" };
        var freezeNo = (await ApiFixture.JsonAsync(await f.Cn.PostAsJsonAsync("/api/v1/freeze-requests", freeze))).GetProperty("request_no").GetString();

        HttpRequestMessage Get(string path) => new(HttpMethod.Get, U(path));
        HttpRequestMessage Post(string path, object? body = null) => new(HttpMethod.Post, U(path)) { Content = body is null ? null : JsonContent.Create(body) };
        HttpRequestMessage Put(string path, object body) => new(HttpMethod.Put, U(path)) { Content = JsonContent.Create(body) };
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

        // A victim's report China's ministry took down: its page is China's alone.
        Guid report;
        await using (var db = f.Open())
        {
            var ministry = await Scenario.ActorOfAsync(db, Cn);
            report = (await Core.Features.Cases.ImportReports.AddAsync(db, ministry, new(new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["case_no"] = "CN-WALK-0001",
                ["narrative"] = "对方自称客服，要求转账",
                ["phone"] = "170 1234 5678",
                ["amount"] = "5000",
            }), default)).Report.Id;
        }

        string[] both = [Cn, Mm], china = [Cn], myanmar = [Mm];
        var pages = new Dictionary<string, (string Path, string[] Sees)>(StringComparer.Ordinal)
        {
            ["/dashboard"] = ("/dashboard", Everyone),
            ["/leads"] = ("/leads", Everyone),
            ["/leads/{Id:guid}"] = ($"/leads/{lead}", both),
            ["/agreements"] = ("/agreements", Everyone),
            ["/operations"] = ("/operations", Everyone),
            ["/operations/{Code}"] = ($"/operations/{Op}", both),
            ["/operations/{Code}/custody"] = ($"/operations/{Op}/custody", myanmar),
            ["/operations/{Code}/review"] = ($"/operations/{Op}/review", myanmar),
            ["/operations/{Code}/persons"] = ($"/operations/{Op}/persons", both),
            ["/persons"] = ("/persons", Everyone),
            ["/persons/{Id:guid}"] = ($"/persons/{person}", both),
            ["/persons/export.xlsx"] = ($"/persons/export.xlsx?operation={Op}&nationality=CHN", both),
            ["/operations/{Code}/report"] = ($"/operations/{Op}/report", both),
            ["/operations/{code}/report.csv"] = ($"/operations/{Op}/report.csv", both),
            ["/operations/{code}/report.xlsx"] = ($"/operations/{Op}/report.xlsx", both),
            ["/handovers"] = ("/handovers", Everyone),
            ["/handovers/{Id:guid}"] = ($"/handovers/{handover}", both),
            ["/handovers/{Id:guid}/port"] = ($"/handovers/{handover}/port", both),
            ["/handovers/{id:guid}/manifest.pdf"] = ($"/handovers/{handover}/manifest.pdf", both),
            ["/handovers/{id:guid}/receipt.pdf"] = ($"/handovers/{handover}/receipt.pdf", both),
            ["/handovers/{id:guid}/manifest.xlsx"] = ($"/handovers/{handover}/manifest.xlsx", both),
            ["/handovers/{id:guid}/receipt.xlsx"] = ($"/handovers/{handover}/receipt.xlsx", both),
            ["/assignments"] = ("/assignments", Everyone),
            ["/assignments/export.xlsx"] = ("/assignments/export.xlsx", Everyone),
            ["/cases"] = ("/cases", Everyone),
            ["/cases/new"] = ("/cases/new", Everyone),
            ["/cases/reports/{Id:guid}"] = ($"/cases/reports/{report}", china),
            ["/cases/losses"] = ("/cases/losses", Everyone),
            ["/cases/graph"] = ($"/cases/graph?kind=report&key={report}", china),
            ["/cases/freeze"] = ("/cases/freeze", Everyone),
            ["/cases/subjects/{subject}/export.pdf"] = ($"/cases/subjects/{caseLink.GetProperty("subject_ref").GetString()}/export.pdf", china),
            ["/cases/subjects/{subject}/export.xlsx"] = ($"/cases/subjects/{caseLink.GetProperty("subject_ref").GetString()}/export.xlsx", china),
            ["/audit"] = ("/audit", Everyone),
            ["/packets"] = ("/packets", Everyone),
            ["/admin/users"] = ("/admin/users", Everyone),
        };
        return new World(pages, new Dictionary<string, Call>(StringComparer.Ordinal)
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
            ["ListPersons"] = new(() => Get($"/api/v1/persons?operation={Op}&q=MUSE-00&nationality=CHN"), both),
            ["GetPerson"] = new(() => Get($"/api/v1/persons/{person}"), both),
            ["OperationReport"] = new(() => Get($"/api/v1/operations/{Op}/report"), both),
            ["OperationReportText"] = new(() => Get($"/api/v1/operations/{Op}/report.txt"), both),
            ["CumulativeReport"] = new(() => Get("/api/v1/reports/cumulative"), Everyone),
            ["CumulativeReportText"] = new(() => Get("/api/v1/reports/cumulative.txt"), Everyone),
            ["PlanHandover"] = new(() => Post($"/api/v1/operations/{Op}/handovers", new { to = Cn, port = "Ruili", date = "2024-04-01" }), myanmar),
            ["GetHandover"] = new(() => Get($"/api/v1/handovers/{handover}"), both),
            ["PrintManifest"] = new(() => Get($"/api/v1/handovers/{handover}/manifest.pdf"), both),
            ["PrintReceipt"] = new(() => Get($"/api/v1/handovers/{handover}/receipt.pdf"), both),
            ["DispatchHandover"] = new(() => Post($"/api/v1/handovers/{handover}/dispatch"), both),
            ["ReceiveHandover"] = new(() => Post($"/api/v1/handovers/{handover}/receipt", new { lines = Array.Empty<object>(), rest_received = true }), both),
            ["ResolveDiscrepancy"] = new(() => Post($"/api/v1/handovers/{handover}/resolve", new { @ref = "MUSE-0001", note = "walk" }), both),
            ["AssignReceived"] = new(() => Post($"/api/v1/handovers/{handover}/assignments"), both),
            ["ListAssignments"] = new(() => Get($"/api/v1/handovers/{handover}/assignments"), china),
            ["AssignBureau"] = new(() => Post($"/api/v1/assignments/{assignment}/bureau", new { bureau = "CN-GD" }), china),
            ["SetEscort"] = new(() => Post($"/api/v1/assignments/{assignment}/escort", new { status = "escorting" }), china),
            ["ImportReports"] = new(() => new HttpRequestMessage(HttpMethod.Post, U("/api/v1/reports"))
            { Content = CasesApiTests.ReportsFile("case_no,province,reported_at,amount,currency,phone\nREF-1,浙江,2024-02-01,100,CNY,+86 170 1234 5678\n") }, Everyone),
            ["AddReport"] = new(() => Post("/api/v1/reports/one", new { case_no = "REF-ONE", losses = new[] { new { amount = 100m, currency = "CNY" } } }), Everyone),
            ["GetReport"] = new(() => Get("/api/v1/reports/ZJ-2024-0003"), china),
            ["ListReportLinks"] = new(() => Get("/api/v1/reports/ZJ-2024-0003/links"), china),
            ["SetFraudType"] = new(() => Put("/api/v1/reports/ZJ-2024-0003/fraud-type", new { fraud_type = "investment" }), china),
            ["ShareReport"] = new(() => Post("/api/v1/reports/ZJ-2024-0003/share", new { to = Th }), china),
            ["ImportExtraction"] = new(() => new HttpRequestMessage(HttpMethod.Post, U("/api/v1/extractions"))
            { Content = CasesApiTests.Extractions(("S2.json", Cases.CaseWorld.SimBagExtraction)) }, myanmar),
            ["ShareExtraction"] = new(() => Post($"/api/v1/extractions/{extraction}/share", new { to = Cn }), myanmar),
            ["LinkCases"] = new(() => Post("/api/v1/cases/link"), Everyone),
            ["ConfirmCaseLink"] = new(() => Post($"/api/v1/links/{caseLink.GetProperty("id").GetGuid()}/confirm", new { reason = "walk" }), china),
            ["RejectCaseLink"] = new(() => Post($"/api/v1/links/{caseLink.GetProperty("id").GetGuid()}/reject", new { reason = "walk" }), china),
            ["SubjectLosses"] = new(() => Get($"/api/v1/losses/{caseLink.GetProperty("subject").GetString()}/{caseLink.GetProperty("subject_id").GetGuid()}"), china),
            // Thailand's cases name no such account: refused as input, not as a record it may not see.
            ["RequestFreeze"] = new(() => Post("/api/v1/freeze-requests", freeze), Everyone),
            ["AnswerFreeze"] = new(() => Post($"/api/v1/freeze-requests/{freezeNo}/answer", new { outcome = "no_funds" }), china),
            ["ListFreezeRequests"] = new(() => Get("/api/v1/freeze-requests"), Everyone),
            ["FreezeTotals"] = new(() => Get("/api/v1/freeze-requests/totals"), Everyone),
        });
    }

    /// <summary>The records of the walk: every page by its route with a path naming them, and one call per API route.</summary>
    private sealed record World(Dictionary<string, (string Path, string[] Sees)> Pages, Dictionary<string, Call> Calls);

    private static Uri U(string path) => new(path, UriKind.Relative);
}
