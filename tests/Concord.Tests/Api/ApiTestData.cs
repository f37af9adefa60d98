using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Concord.Tests.Api;

/// <summary>Small data written by the tests themselves, and the steps several tests take to reach a state.</summary>
internal static class ApiTestData
{
    public const string Thailand = "TH-RTP";
    public const string LeadCode = "LEAD-MUSE";
    public const string OperationCode = "MUSE-2024-03";

    public const string ThaiAgreement = """
        {"code":"CN-TH-2024","title":"China–Thailand police cooperation",
         "parties":[{"code":"CN-MPS","name":"Ministry of Public Security","country":"CHN"},{"code":"TH-RTP","name":"Royal Thai Police","country":"THA"}],
         "custody":[{"nationality":"CHN","to":"CN-MPS"},{"nationality":"*","to":"TH-RTP"}]}
        """;

    public const string RosterHeader = "roster_no,name,name_latin,aliases,sex,birth_date,nationality,id_type,id_number,phone,den,arrested_at,unit,notes\n";

    public const string SmallRoster = RosterHeader
        + "T-0001,董山振,Dong Shanzhen,,M,1995-12-01,CHN,CN-RIC,341828199512018272,,MUSE-D11,2024-03-24T10:00:00+06:30,Task Unit A,\n"
        + "T-0002,အောင်ကျော်,,,M,,MMR,,,,MUSE-D01,2024-03-24T11:00:00+06:30,Task Unit A,\n";

    public static async Task<Guid> SendLeadAsync(HttpClient from, string code, string to)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(code), "code" },
            { new StringContent(to), "to" },
            { new StringContent("H2"), "handling" },
            { ApiFixture.CsvFile("dens.csv"), "dens", "dens.csv" },
            { ApiFixture.CsvFile("lead-targets.csv"), "targets", "lead-targets.csv" },
        };
        var result = await ApiFixture.JsonAsync(await from.PostAsync(new Uri("/api/v1/leads", UriKind.Relative), form));
        return result.GetProperty("id").GetGuid();
    }

    /// <summary>A third agency, Thailand's, made party to an agreement with China through the API, with its own key.</summary>
    public static async Task<HttpClient> ThailandAsync(ApiFixture f)
    {
        var content = new StringContent(ThaiAgreement, Encoding.UTF8, "application/json");
        await ApiFixture.JsonAsync(await f.Cn.PostAsync(new Uri("/api/v1/agreements", UriKind.Relative), content));
        return await f.ClientForAsync(Thailand, "th-test");
    }

    /// <summary>Lead from China to Myanmar, an operation on it with the small roster, custody decided.</summary>
    public static async Task<Guid> SmallOperationAsync(ApiFixture f)
    {
        var lead = await SendLeadAsync(f.Cn, LeadCode, ApiFixture.Myanmar);
        await ApiFixture.JsonAsync(await f.Mm.PostAsJsonAsync("/api/v1/operations", new { code = OperationCode, lead = LeadCode }));
        await ApiFixture.JsonAsync(await f.Mm.PostAsync(new Uri($"/api/v1/operations/{OperationCode}/roster", UriKind.Relative), ApiFixture.Csv(SmallRoster)));
        await ApiFixture.JsonAsync(await f.Mm.PostAsync(new Uri($"/api/v1/operations/{OperationCode}/custody", UriKind.Relative), null));
        return lead;
    }

    public static async Task<JsonElement> PlanHandoverAsync(ApiFixture f) =>
        await ApiFixture.JsonAsync(await f.Mm.PostAsJsonAsync($"/api/v1/operations/{OperationCode}/handovers",
            new { to = ApiFixture.China, port = "Ruili", date = "2024-03-31" }));
}
