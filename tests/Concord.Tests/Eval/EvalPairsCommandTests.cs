using System.Text;
using Concord.Tests.Infrastructure;

namespace Concord.Tests.Eval;

/// <summary>`concord eval pairs` as a script runs it: the built executable, a small labelled CSV, JSON out. No database is touched.</summary>
public sealed class EvalPairsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("concord-eval-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private ConcordCli Cli => new(Path.Combine(_dir, "unused.db"));

    private string WriteCsv(string text)
    {
        var path = Path.Combine(_dir, "pairs.csv");
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    // Clear-cut pairs, so the counts do not hang on the calibration: three found, one false alarm (the labels say
    // two people share a name), one miss (the labels say two different names are one person), two rejections.
    private const string Pairs = """
        case_group,name1,name2,is_match,notes
        people,Olaf Scholz,Olaf Scholz,true,same
        people,Сергей Лавров,Sergey Lavrov,yes,transliterated
        people,"Smith, John",John Smith,1,comma form
        people,John Smith,Jane Doe,TRUE,an alias the matcher cannot know
        namesakes,Mark Smith,Mark Smith,false,two people of one name
        companies,Angela Merkel,Donald Duck,no,unrelated
        companies,Volkswagen AG,Siemens AG,0,shared legal form only
        """;

    [Fact]
    public async Task Pairs_Json_CountsEveryOutcome()
    {
        var r = await Cli.OkAsync("eval", "pairs", WriteCsv(Pairs), "--json");
        var j = r.Json;
        Assert.Equal(7, j.GetProperty("pairs").GetInt32());
        Assert.Equal(3, j.GetProperty("tp").GetInt32());
        Assert.Equal(1, j.GetProperty("fp").GetInt32());
        Assert.Equal(1, j.GetProperty("fn").GetInt32());
        Assert.Equal(2, j.GetProperty("tn").GetInt32());
        Assert.Equal(0.75, j.GetProperty("precision").GetDouble(), 3);
        Assert.Equal(0.75, j.GetProperty("recall").GetDouble(), 3);
        Assert.Equal(0.75, j.GetProperty("f1").GetDouble(), 3);
    }

    [Fact]
    public async Task Pairs_ByGroup_CountsEachGroup()
    {
        var r = await Cli.OkAsync("eval", "pairs", WriteCsv(Pairs), "--json", "--by", "case_group", "--threshold", "0.7");
        var groups = r.Json.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("group").GetString()!);
        Assert.Equal(["companies", "namesakes", "people"], groups.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(4, groups["people"].GetProperty("pairs").GetInt32());
        Assert.Equal(3, groups["people"].GetProperty("tp").GetInt32());
        Assert.Equal(1, groups["people"].GetProperty("fn").GetInt32());
        Assert.Equal(1, groups["namesakes"].GetProperty("fp").GetInt32());
        Assert.Equal(2, groups["companies"].GetProperty("tn").GetInt32());
    }

    [Fact]
    public async Task Pairs_Text_PrintsTheFigures()
    {
        var r = await Cli.OkAsync("eval", "pairs", WriteCsv(Pairs));
        Assert.Contains("tp    3", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("f1 0.750", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pairs_BadLabel_IsRefusedWithItsRow()
    {
        var r = await Cli.RunAsync("eval", "pairs", WriteCsv("name1,name2,is_match\nA B,A B,maybe\n"), "--json");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("maybe", r.Json.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pairs_MissingColumn_IsRefused()
    {
        var r = await Cli.RunAsync("eval", "pairs", WriteCsv("name1,name2\nA B,A B\n"), "--json");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("is_match", r.Stderr + r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Name_ExplainsTheScore()
    {
        var r = await Cli.OkAsync("eval", "name", "Olaf Scholze", "Olaf Scholz", "--json");
        Assert.True(r.Json.GetProperty("match").GetBoolean());
        Assert.Contains(r.Json.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("text").GetString()!.StartsWith("token 'scholze' ~ 'scholz'", StringComparison.Ordinal));
    }
}
