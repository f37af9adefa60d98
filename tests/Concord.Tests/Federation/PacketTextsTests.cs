using Concord.Cli.Web.Text;
using Concord.Core;
using Concord.Core.Features.Federation;
using Concord.Matching;

namespace Concord.Tests.Federation;

/// <summary>A refusal kept in English reads back into its template and values, and so into the reader's language.</summary>
public sealed class PacketTextsTests
{
    [Theory]
    [InlineData(PacketTexts.NoAgreement, new[] { "TH-RTP", "CN-MPS" })]
    [InlineData(PacketTexts.AgreementAwaits, new[] { "TH-RTP", "CN-MPS", "TH-CN-2025", "CN-MPS" })]
    [InlineData(PacketTexts.UnknownKey, new[] { "CN-MPS-NODE+1a2b3c4d", "CN-MPS-NODE" })]
    [InlineData(PacketTexts.UnknownType, new[] { "roster-share" })]
    [InlineData(ErrorTexts.LeadExists, new[] { "CN-LEAD-2024-017" })]
    public void AStoredReason_ReadsBackToItsPhrase(string template, string[] values)
    {
        var english = new Phrase(template, values).English;
        var read = PacketTexts.Read(english);
        Assert.NotNull(read);
        Assert.Equal(template, read.Template);
        Assert.Equal(values, read.Args);
        Assert.Equal(english, read.English);
        Assert.NotEqual(english, string.Format(System.Globalization.CultureInfo.InvariantCulture, UiText.Translate(template, "zh"), [.. values]));
    }

    [Fact]
    public void AReasonInNoTemplatesForm_IsLeftAsItIs() => Assert.Null(PacketTexts.Read("the disk was full"));
}
