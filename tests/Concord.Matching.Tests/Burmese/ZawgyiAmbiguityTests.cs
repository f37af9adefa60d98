namespace Concord.Matching.Tests.Burmese;

// Strings valid in both encodings, where code points alone cannot decide: the reading whose syllables are
// well-formed, attested name syllables wins, and real Unicode names must not be "converted" by that comparison.
public class ZawgyiAmbiguityTests
{
    [Theory]
    [InlineData("အောင်ကျော်")]
    [InlineData("ငြိမ်းချမ်း")]
    [InlineData("မြင့်မြင့်")]
    [InlineData("ရွာ")]
    [InlineData("ရွာသစ်")]
    [InlineData("ရွာမ")]
    [InlineData("ရွာစား")]
    [InlineData("ဘငွေ")]
    [InlineData("ဘဆွေ")]
    [InlineData("လှငွေ")]
    [InlineData("လှမေ")]
    [InlineData("လှဝေ")]
    [InlineData("မေငြိမ်း")]
    [InlineData("ဝေဝေ")]
    public void Unicode_names_stay_Unicode(string unicode)
    {
        Assert.False(Zawgyi.IsZawgyi(unicode));
        Assert.Equal(unicode, Zawgyi.ToUnicode(unicode));
    }

    // Each of these is also well-formed Unicode (ဘေ + ငြ, လွေ + မ); only the syllable statistics tell them apart.
    [Theory]
    [InlineData("\u1018\u1031\u1004\u103C", "\u1018\u1004\u103D\u1031")] // ဘေငြ → ဘငွေ (Ba Ngwe)
    [InlineData("\u1018\u1031\u1006\u103C", "\u1018\u1006\u103D\u1031")] // ဘေဆြ → ဘဆွေ (Ba Swe)
    [InlineData("\u101C\u103D\u1031\u1019", "\u101C\u103E\u1019\u1031")] // လွေမ → လှမေ (Hla May)
    [InlineData("\u101C\u103D\u1031\u1016", "\u101C\u103E\u1016\u1031")] // လွေဖ → လှဖေ (Hla Pe)
    public void Ambiguous_Zawgyi_is_read_as_the_more_plausible_name(string zawgyi, string unicode)
    {
        Assert.True(Zawgyi.IsZawgyi(zawgyi));
        Assert.Equal(unicode, Zawgyi.ToUnicode(zawgyi));
        Assert.False(Zawgyi.IsZawgyi(unicode));
        Assert.Equal(unicode, Zawgyi.ToUnicode(unicode));
    }

    [Fact]
    public void Attested_syllables_are_more_plausible_than_unseen_ones()
    {
        Assert.True(Zawgyi.Plausibility("\u1018\u1004\u103D\u1031") > Zawgyi.Plausibility("\u1018\u1031\u1004\u103C")); // ဘငွေ > ဘေငြ
    }

    [Theory]
    [InlineData("\u1000\u103B\u1031\u102C\u103A", true)] // ကျော်
    [InlineData("\u1019\u103C\u1004\u1037\u103A", true)] // မြင့်
    [InlineData("\u101C\u103E", true)] // လှ
    [InlineData("\u1026\u1038", true)] // ဦး
    [InlineData("\u1031\u1000", false)] // E before its consonant: Zawgyi order
    [InlineData("\u1000\u1031\u103B", false)] // medial after the vowel
    [InlineData("\u1000\u1004\u102C", false)] // a vowel on a final consonant
    [InlineData("\u102C", false)] // no consonant
    public void Units_are_checked_for_Unicode_storage_order(string unit, bool wellFormed)
    {
        Assert.Equal(wellFormed, Zawgyi.IsWellFormedUnit(unit));
    }
}
