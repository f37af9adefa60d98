using System.Text.RegularExpressions;
using Concord.Cli.Web.Text;
using Concord.Tests.Infrastructure;

namespace Concord.Tests.Web;

/// <summary>Every string the UI asks for has a Chinese and a Burmese text; the browser walk checks what pages actually show.</summary>
public sealed partial class UiTextTests
{
    [GeneratedRegex("""\b[Tt]\["((?:[^"\\]|\\.)+)"[\],]""")]
    private static partial Regex Lookup();

    internal static SortedSet<string> KeysInSource()
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        var root = Path.Combine(Repo.Root, "src", "Concord.Cli", "Web");
        foreach (var file in Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories).Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal)))
            foreach (Match m in Lookup().Matches(File.ReadAllText(file)))
                keys.Add(Regex.Unescape(m.Groups[1].Value));
        return keys;
    }

    [Theory]
    [InlineData("zh")]
    [InlineData("my")]
    public void EveryUiString_HasATranslation(string language)
    {
        var table = UiText.Table(language);
        var missing = KeysInSource().Where(k => !table.TryGetValue(k, out var t) || string.IsNullOrWhiteSpace(t)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} UI strings have no {language} text:\n" + string.Join('\n', missing));
    }

    [Theory]
    [InlineData("zh")]
    [InlineData("my")]
    public void Translations_KeepTheirPlaceholders(string language)
    {
        foreach (var (english, text) in UiText.Table(language))
        {
            var wanted = Regex.Matches(english, @"\{\d+\}").Select(m => m.Value).Order(StringComparer.Ordinal);
            var got = Regex.Matches(text, @"\{\d+\}").Select(m => m.Value).Order(StringComparer.Ordinal);
            Assert.True(wanted.SequenceEqual(got), $"'{english}' → '{text}' ({language}) changes the placeholders");
        }
    }

    /// <summary>The sentences kept as templates with their values, which pages say in their reader's language.</summary>
    public static TheoryData<string, string> TemplateSets => new()
    {
        { "zh", "match findings" }, { "my", "match findings" },
        { "zh", "import problems" }, { "my", "import problems" },
        { "zh", "workflow refusals" }, { "my", "workflow refusals" },
        { "zh", "packet refusals" }, { "my", "packet refusals" },
    };

    [Theory]
    [MemberData(nameof(TemplateSets))]
    public void EveryTemplate_HasATranslation(string language, string set)
    {
        var templates = set switch
        {
            "match findings" => Concord.Matching.Findings.All,
            "import problems" => Concord.Core.ProblemTexts.All,
            "packet refusals" => Concord.Core.Features.Federation.PacketTexts.All,
            _ => Concord.Core.ErrorTexts.All,
        };
        var table = UiText.Table(language);
        var missing = templates.Where(k => !table.TryGetValue(k, out var t) || string.IsNullOrWhiteSpace(t)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} {set} have no {language} text:\n" + string.Join('\n', missing));
    }

    /// <summary>What a page shows a reader of <paramref name="language"/>.</summary>
    private static string In(string language, Func<UiText, string> say)
    {
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = UiText.CultureOf(language);
        try
        {
            return say(new UiText());
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void AnImportProblem_IsSaidInTheReadersLanguage_WithTheCellAsWritten()
    {
        var problem = new Concord.Core.InputProblem("roster.csv", 6, "birth_date", new Concord.Matching.Phrase(Concord.Core.ProblemTexts.NotABirthDate, "1990-13-45"));
        Assert.Equal("“1990-13-45”不是有效日期（YYYY-MM-DD、YYYY-MM 或 YYYY）", In("zh", t => t[problem]));
        Assert.StartsWith("'1990-13-45' သည် ရက်စွဲ မဟုတ်ပါ", In("my", t => t[problem]), StringComparison.Ordinal);
        Assert.Equal("'1990-13-45' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)", In("en", t => t[problem]));
        // A problem whose text came from elsewhere shows as written.
        Assert.Equal("as written", In("en", t => t[new Concord.Core.InputProblem("roster.csv", null, null, "as written")]));
        // A workflow's refusal likewise.
        Assert.Equal("移交 H1 的状态为 received，不是草稿", In("zh", t => t[new Concord.Core.ConflictError(new Concord.Matching.Phrase(Concord.Core.ErrorTexts.NotADraft, "H1", "received"))]));
        Assert.Equal("only in English", In("zh", t => t[new Concord.Core.ConflictError("only in English")]));
    }

    [Fact]
    public void AFinding_IsSaidInTheReadersLanguage_WithItsValuesAsWritten()
    {
        var evidence = new Concord.Core.Features.Review.ReviewQueue.EvidenceView("name", "name 张小明 equals 张小明; sex equal", 0.6,
            [new(Concord.Matching.Findings.NameEquals, ["张小明", "ဇော်ဇော်"]), new(Concord.Matching.Findings.SexEqual, [])]);
        Assert.Equal("姓名 张小明 与 ဇော်ဇော် 一致；性别一致", In("zh", t => Concord.Cli.Web.App.Pages.Review.ReviewWords.Finding(t, evidence)));
        Assert.Equal("name 张小明 equals ဇော်ဇော်; sex equal", In("en", t => Concord.Cli.Web.App.Pages.Review.ReviewWords.Finding(t, evidence)));
        // A proposal stored before findings kept their templates still shows its text.
        Assert.Equal("older text", In("en", t => Concord.Cli.Web.App.Pages.Review.ReviewWords.Finding(t, evidence with { Text = "older text", Phrases = null })));
    }

    [Fact]
    public void NoTwoFiles_TranslateATextDifferently()
    {
        _ = UiText.Table("zh");
        Assert.True(UiText.Disagreements.Count == 0, string.Join('\n', UiText.Disagreements));
    }

    [Fact]
    public void BurmeseTexts_AreUnicodeNotZawgyi()
    {
        // Zawgyi puts its stacked and reordered forms where Unicode keeps the letters of Mon, Shan and Karen; UI Burmese needs none of them.
        foreach (var (english, text) in UiText.Table("my"))
            Assert.False(text.Any(c => c is >= '\u1060' and <= '\u1097'), $"'{english}': the Burmese text '{text}' has Zawgyi forms");
    }
}
