using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Api;

/// <summary>One person checked against the wanted lists over HTTP: hits only from lists the caller's agency sees, audited, refusals naming the field.</summary>
public sealed class CheckApiTests
{
    private static Uri U(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task A_fugitive_is_found_by_the_list_owner_in_any_script_and_never_by_another_agency()
    {
        await using var f = await ApiFixture.CreateAsync();
        await ApiFixture.JsonAsync(await f.Cn.PostAsync(U("/api/v1/wanted?file=wanted.csv"), ApiFixture.CsvFile("wanted.csv")));
        var line = File.ReadLines(Infrastructure.Repo.Muse("wanted.csv")).Skip(1).First().Split(',');
        // W0000001,曹龙云,CAO LONGYUN,,M,1977-08-11,CHN,CN-RIC,511919197708118533,...: the Han name alone, then the
        // pinyin with the birth date, then the document.
        foreach (var request in new object[]
        {
            new { name = line[1] },
            new { name_latin = line[2].ToLowerInvariant(), birth_date = line[5], sex = line[4] },
            new { id_type = line[7], id_number = line[8] },
        })
        {
            var hits = await ApiFixture.JsonAsync(await f.Cn.PostAsJsonAsync("/api/v1/check", request));
            Assert.Contains(hits.EnumerateArray(), h => h.GetProperty("wanted_id").GetString() == line[0] && h.GetProperty("agency").GetString() == "CN-MPS");
        }
        var strong = await ApiFixture.JsonAsync(await f.Cn.PostAsJsonAsync("/api/v1/check", new { name = line[1], name_latin = line[2], birth_date = line[5], id_type = line[7], id_number = line[8] }));
        Assert.Equal("accept", strong[0].GetProperty("decision").GetString());
        Assert.NotEmpty(strong[0].GetProperty("evidence").EnumerateArray());

        // Myanmar's key is answered from no list it may not see.
        var other = await ApiFixture.JsonAsync(await f.Mm.PostAsJsonAsync("/api/v1/check", new { name = line[1], id_type = line[7], id_number = line[8] }));
        Assert.Empty(other.EnumerateArray());

        await using var db = f.Open();
        for (var i = 0; i < 50 && await db.AuditEntries.CountAsync(a => a.Action == "wanted.check") < 5; i++) await Task.Delay(100);
        Assert.Equal(5, await db.AuditEntries.CountAsync(a => a.Action == "wanted.check"));
    }

    [Fact]
    public async Task A_check_with_nothing_to_compare_or_a_bad_date_is_refused_naming_the_field()
    {
        await using var f = await ApiFixture.CreateAsync();
        var none = await f.Cn.PostAsJsonAsync("/api/v1/check", new { sex = "M" });
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("name", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var date = await f.Cn.PostAsJsonAsync("/api/v1/check", new { name = "张伟", birth_date = "1990-13-45" });
        Assert.Equal(HttpStatusCode.BadRequest, date.StatusCode);
        Assert.Contains("birth_date", await date.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
