using Concord.Cli.Web.Text;
using Concord.Core.Auditing;
using Concord.Tests.Infrastructure;

namespace Concord.Tests.Auditing;

/// <summary>An entry's details read back into named fields, so the audit page names each in the reader's language.</summary>
public sealed class AuditDetailsTests
{
    [Fact]
    public void Fields_AreReadBack_WithValuesThatHoldSpacesAndScripts()
    {
        var fields = AuditDetails.Parse("file=名单 2024.csv rows=807 reason=not at the gate; 缅文 ပါ");
        Assert.Equal([new("file", "名单 2024.csv"), new("rows", "807"), new("reason", "not at the gate; 缅文 ပါ")], fields);
    }

    [Fact]
    public void TextBeforeTheFirstField_IsKeptFirst() =>
        Assert.Equal([new("", "assignments"), new("suspects", "312")], AuditDetails.Parse("assignments suspects=312"));

    [Theory]
    [InlineData("rest of the text", "rest of the text")]
    [InlineData("Rows=3", "Rows=3")]
    [InlineData("x = 1", "x = 1")]
    public void TextNotInFieldForm_ComesBackWhole(string details, string value) =>
        Assert.Equal([new AuditDetails.Field("", value)], AuditDetails.Parse(details));

    [Fact]
    public void NoDetails_NoFields()
    {
        Assert.Empty(AuditDetails.Parse(null));
        Assert.Empty(AuditDetails.Parse(" "));
    }

    [Fact]
    public void EveryFieldName_IsTranslated()
    {
        foreach (var language in UiText.Languages.Where(l => l != "en"))
        {
            var missing = AuditDetails.Labels.Values.Where(l => !UiText.Table(language).ContainsKey(l)).ToList();
            Assert.True(missing.Count == 0, $"{language}: {string.Join(", ", missing)}");
        }
    }

    [Fact]
    public void EveryFieldTheCoreWrites_HasALabel()
    {
        // The names written with a value into details across the Core's features and audit and the web app's pages ("rows={rows}").
        var written = new[] { "src/Concord.Core/Features", "src/Concord.Core/Auditing", "src/Concord.Cli/Web" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(Repo.Root, d), "*.*", SearchOption.AllDirectories)).Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), @"(?<=[\s""])([a-z][a-z0-9_]*)=\{").Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(written.Count > 30, $"{written.Count} names found");
        var unlabelled = written.Where(n => !AuditDetails.Labels.ContainsKey(n)).ToList();
        Assert.True(unlabelled.Count == 0, "no label for " + string.Join(", ", unlabelled));
    }
}
