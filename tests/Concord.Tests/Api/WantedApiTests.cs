using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Concord.Tests.Api;

/// <summary>The wanted list over HTTP: a first list, then changes to it (update=true), then the whole list (full=true).</summary>
public sealed class WantedApiTests
{
    private const string Header = "wanted_id,name,name_latin,aliases,sex,birth_date,nationality,id_type,id_number,agency,offence,listed_on";

    private static Uri U(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task WantedUpdate_ReportsWhatChanged_AndFullGoesWithUpdate()
    {
        await using var f = await ApiFixture.CreateAsync();
        var first = await ApiFixture.JsonAsync(await f.Cn.PostAsync(U("/api/v1/wanted?file=list.csv"), ApiFixture.Csv(
            $"{Header}\nA-1,张伟,ZHANG WEI,,M,1990,CHN,,,,fraud,2023\nA-2,李娜,LI NA,,F,1991,CHN,,,,fraud,2023\nA-3,ကိုကို,Ko Ko,,M,1995,MMR,,,,fraud,2024\n")));
        Assert.Equal(3, first.GetProperty("added").GetInt32());

        var changes = $"{Header},withdrawn\nA-1,张伟,ZHANG WEI,,M,1990,CHN,,,,telecom fraud,2023,\nA-2,李娜,LI NA,,F,1991,CHN,,,,fraud,2023,是\nA-4,王五,WANG WU,,M,1985,CHN,,,,fraud,2024,\n";
        var lone = await f.Cn.PostAsync(U("/api/v1/wanted?file=changes.csv&full=true"), ApiFixture.Csv(changes));
        Assert.Equal(HttpStatusCode.BadRequest, lone.StatusCode);
        var refusal = await lone.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("full", refusal.GetProperty("problems")[0].GetProperty("column").GetString());

        var updated = await ApiFixture.JsonAsync(await f.Cn.PostAsync(U("/api/v1/wanted?file=changes.csv&update=true"), ApiFixture.Csv(changes)));
        Assert.Equal(("wanted-update", 1, 1, 1, 0), (updated.GetProperty("kind").GetString(), updated.GetProperty("added").GetInt32(),
            updated.GetProperty("changed").GetInt32(), updated.GetProperty("withdrawn").GetInt32(), updated.GetProperty("unchanged").GetInt32()));

        var full = await ApiFixture.JsonAsync(await f.Cn.PostAsync(U("/api/v1/wanted?file=full.csv&update=true&full=true"), ApiFixture.Csv(
            $"{Header}\nA-1,张伟,ZHANG WEI,,M,1990,CHN,,,,telecom fraud,2023\nA-4,王五,WANG WU,,M,1985,CHN,,,,fraud,2024\n")));
        // A-3 is left out and withdrawn; A-2 was withdrawn already.
        Assert.Equal((0, 0, 1, 2), (full.GetProperty("added").GetInt32(), full.GetProperty("changed").GetInt32(),
            full.GetProperty("withdrawn").GetInt32(), full.GetProperty("unchanged").GetInt32()));
    }
}
