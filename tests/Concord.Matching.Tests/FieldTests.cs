namespace Concord.Matching.Tests;

public sealed class FieldTests
{
    [Theory]
    [InlineData("1985", 1985, null, null)]
    [InlineData("1985-03", 1985, 3, null)]
    [InlineData("1985-03-27", 1985, 3, 27)]
    [InlineData("၁၉၈၅-၀၃-၂၇", 1985, 3, 27)]
    [InlineData("２０２４-０２-２９", 2024, 2, 29)]
    public void Dates_parse_and_round_trip(string text, int year, int? month, int? day)
    {
        Assert.True(PartialDate.TryParse(text, out var d));
        Assert.Equal(new PartialDate(year, month, day), d);
        Assert.Equal(FieldValues.ToAsciiDigits(text), d.ToString());
        Assert.Equal(day is null ? null : new DateOnly(year, month!.Value, day.Value), d.ToDateOnly());
    }

    [Theory]
    [InlineData("2024-02-30")]
    [InlineData("2023-02-29")]
    [InlineData("1990-13")]
    [InlineData("1990-00-10")]
    [InlineData("90-01-01")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("yesterday")]
    public void Impossible_dates_are_refused(string? text) => Assert.False(PartialDate.TryParse(text, out _));

    [Theory]
    [InlineData("1985-03-27", "1985-03-27", DateAgreement.Exact)]
    [InlineData("1985-03-04", "1985-04-03", DateAgreement.Swapped)]
    [InlineData("1985", "1985-04-03", DateAgreement.Compatible)]
    [InlineData("1985-04", "1985-04-03", DateAgreement.Compatible)]
    [InlineData("1985", "1985", DateAgreement.Compatible)]
    [InlineData("1977", "1978-01-01", DateAgreement.Conflict)]
    [InlineData("1985-03-27", "1985-03-28", DateAgreement.Conflict)]
    [InlineData("1985-05", "1985-04-20", DateAgreement.Conflict)]
    public void Dates_compare(string a, string b, DateAgreement expected)
    {
        Assert.True(PartialDate.TryParse(a, out var x));
        Assert.True(PartialDate.TryParse(b, out var y));
        Assert.Equal(expected, DateComparison.Compare(x, y));
        Assert.Equal(expected, DateComparison.Compare(y, x));
        Assert.Equal(DateAgreement.Unknown, DateComparison.Compare(x, null));
    }

    [Theory]
    [InlineData("M", Sex.Male)]
    [InlineData("male", Sex.Male)]
    [InlineData("男", Sex.Male)]
    [InlineData("F", Sex.Female)]
    [InlineData("FEMALE", Sex.Female)]
    [InlineData("女", Sex.Female)]
    [InlineData("", Sex.Unknown)]
    public void Sex_parses(string text, Sex expected)
    {
        Assert.True(FieldValues.TryParseSex(text, out var sex));
        Assert.Equal(expected, sex);
    }

    [Fact]
    public void Sex_refuses_other() => Assert.False(FieldValues.TryParseSex("X", out _));

    [Theory]
    [InlineData("MMR", "MMR")]
    [InlineData("mmr", "MMR")]
    [InlineData("Myanmar", "MMR")]
    [InlineData("Burma", "MMR")]
    [InlineData("缅甸", "MMR")]
    [InlineData("မြန်မာ", "MMR")]
    [InlineData("CHN", "CHN")]
    [InlineData("China", "CHN")]
    [InlineData("中国", "CHN")]
    [InlineData("တရုတ်", "CHN")]
    [InlineData("Thailand", "THA")]
    [InlineData("老挝", "LAO")]
    [InlineData("France", "FRA")]
    [InlineData("台灣", "TWN")]
    [InlineData("臺灣", "TWN")]
    [InlineData("台湾", "TWN")]
    [InlineData("TWN", "TWN")]
    [InlineData("中國", "CHN")]
    [InlineData("緬甸", "MMR")]
    [InlineData("ထိုင်း", "THA")]
    [InlineData("香港", "HKG")]
    [InlineData("澳門", "MAC")]
    [InlineData("ไทย", "THA")]
    public void Nationality_variants(string text, string iso3)
    {
        Assert.True(FieldValues.TryParseNationality(text, out var code));
        Assert.Equal(iso3, code);
    }

    [Fact]
    public void Nationality_empty_and_unknown()
    {
        Assert.True(FieldValues.TryParseNationality("  ", out var none));
        Assert.Null(none);
        Assert.False(FieldValues.TryParseNationality("Atlantis", out _));
    }

    [Theory]
    [InlineData("USA", "en", "United States")]
    [InlineData("USA", "zh", "美国")]
    [InlineData("TWN", "zh-Hant", "台灣")]
    [InlineData("THA", "my", "ထိုင်း")]
    [InlineData("XYZ", "zh", "XYZ")]
    public void Country_named_in_each_language(string iso3, string language, string name) => Assert.Equal(name, Countries.Name(iso3, language));

    [Fact]
    public void Every_territory_reads_back_from_each_of_its_names()
    {
        // A name that two territories share would read to one of them silently: there must be none.
        var wrong = new List<string>();
        foreach (var t in Countries.All.Values)
        {
            foreach (var name in new[] { t.Iso3, t.Iso2, t.English, t.SimplifiedChinese, t.TraditionalChinese, t.Burmese }.Where(n => n.Length > 0))
            {
                if (!Countries.TryParse(name, out var code) || code != t.Iso3)
                {
                    wrong.Add($"{name} → {code} (expected {t.Iso3})");
                }
            }
        }
        Assert.True(Countries.All.Count >= 249, $"{Countries.All.Count} territories");
        Assert.Empty(wrong);
    }

    [Fact]
    public void Digits_to_ascii() => Assert.Equal("2024-03 12", FieldValues.ToAsciiDigits("၂၀၂၄-０３ 12"));
}
