using System.Text.Json;
using Concord.Core.Features.Federation;

namespace Concord.Tests.Federation;

/// <summary>RFC 8785's rules, with the examples its text gives: what both nodes sign must be one byte sequence.</summary>
public sealed class CanonicalJsonTests
{
    [Theory]
    // RFC 8785 appendix B and section 3.2.2.3: ECMAScript's number form.
    [InlineData(0.0, "0")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(123456789012345680000.0, "123456789012345680000")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(9007199254740992.0, "9007199254740992")]
    [InlineData(333333333.3333333, "333333333.3333333")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(1e23, "1e+23")]
    [InlineData(24.01699, "24.01699")]
    [InlineData(97.88511, "97.88511")]
    public void Numbers_AreWrittenAsECMAScriptWritesThem(double value, string expected) => Assert.Equal(expected, CanonicalJson.Number(value));

    [Fact]
    public void MinusZero_IsWrittenAsZero() => Assert.Equal("0", CanonicalJson.Number(-0.0));

    [Fact]
    public void Members_AreSortedByUtf16CodeUnits_WithoutWhitespace_AndOnlyRequiredEscapes()
    {
        // RFC 8785 section 3.2.3's sorting example, and its string example.
        var sorting = """{ "\u20ac": "Euro Sign", "\r": "Carriage Return", "\ufb33": "Hebrew Letter Dalet With Dagesh", "1": "One", "\ud83d\ude00": "Emoji: Grinning Face", "\u0080": "Control", "\u00f6": "Latin Small Letter O With Diaeresis" }""";
        Assert.Equal("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}",
            CanonicalJson.Text(JsonDocument.Parse(sorting).RootElement));
        var strings = """{ "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/", "literals": [null, true, false], "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001] }""";
        Assert.Equal("{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}",
            CanonicalJson.Text(JsonDocument.Parse(strings).RootElement));
    }

    [Fact]
    public void NamesInEveryScript_StayAsTheyAre()
    {
        var text = CanonicalJson.Text(JsonDocument.Parse("""{"name":"胡敏刚","my":"မောင်မောင်","zawgyi":"ေမာင္ေမာင္"}""").RootElement);
        Assert.Equal("""{"my":"မောင်မောင်","name":"胡敏刚","zawgyi":"ေမာင္ေမာင္"}""", text);
    }
}
