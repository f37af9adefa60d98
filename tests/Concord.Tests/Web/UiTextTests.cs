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

    [Theory]
    [InlineData("zh")]
    [InlineData("my")]
    public void EveryMatchFinding_HasATranslation(string language)
    {
        var table = UiText.Table(language);
        var missing = Concord.Matching.Findings.All.Where(k => !table.TryGetValue(k, out var t) || string.IsNullOrWhiteSpace(t)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} match findings have no {language} text:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void AFinding_IsSaidInTheReadersLanguage_WithItsValuesAsWritten()
    {
        var evidence = new Concord.Core.Features.Review.ReviewQueue.EvidenceView("name", "name 张小明 equals 张小明; sex equal", 0.6,
            [new(Concord.Matching.Findings.NameEquals, ["张小明", "ဇော်ဇော်"]), new(Concord.Matching.Findings.SexEqual, [])]);
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = UiText.CultureOf("zh");
            Assert.Equal("姓名 张小明 与 ဇော်ဇော် 一致；性别一致", Concord.Cli.Web.App.Pages.Review.ReviewWords.Finding(new UiText(), evidence));
            System.Globalization.CultureInfo.CurrentUICulture = UiText.CultureOf("en");
            Assert.Equal("name 张小明 equals ဇော်ဇော်; sex equal", Concord.Cli.Web.App.Pages.Review.ReviewWords.Finding(new UiText(), evidence));
            // A proposal stored before findings kept their templates still shows its text.
            Assert.Equal("older text", Concord.Cli.Web.App.Pages.Review.ReviewWords.Finding(new UiText(), evidence with { Text = "older text", Phrases = null }));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
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
