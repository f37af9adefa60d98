namespace Concord.Matching.Tests.Chinese;

/// <summary>A regional surname spelling is read on the surname of a Latin name only, whichever end the surname stands at.</summary>
public sealed class SurnameTokenTests
{
    private static readonly IdentityMatcher Matcher = new();

    private static IdentityRecord R(string key, string name, Sex sex = Sex.Male) =>
        new() { Key = key, Names = [name], Sex = sex, Nationality = "CHN" };

    private static IEnumerable<string> Variants(string name)
    {
        var sink = new List<NameText.LatinKey>();
        NameText.AddLatinKeys(name, sink);
        return sink.Where(k => k.Via is not null).Select(k => k.Via!);
    }

    private static bool ViaSurname(string a, string b) =>
        Matcher.Score(R("a", a), R("b", b)).Evidence.Any(e => e.Phrases.Any(p => p.Template == Findings.LatinNameMatchesViaSurname));

    [Theory]
    [InlineData("LI YONG", "LI YANG")]
    [InlineData("YONG LI", "LI YANG")]
    [InlineData("YONG LI", "YANG LI")]
    [InlineData("LI YONG", "YANG LI")]
    public void A_given_name_is_never_read_as_a_surname_spelling(string arrested, string listed)
    {
        Assert.DoesNotContain("yong = yang", Variants(arrested));
        Assert.False(ViaSurname(arrested, listed));
        Assert.False(ViaSurname(listed, arrested));
        Assert.NotEqual(MatchDecision.Accept, Matcher.Score(R("a", arrested), R("b", listed)).Decision);
    }

    [Theory]
    [InlineData("LEE YONG", "LI YONG", "lee = li")]
    [InlineData("YONG LEE", "LI YONG", "lee = li")]
    [InlineData("Lei, Yong", "LI YONG", "lei = li")]
    [InlineData("YEUNG LI", "YANG LI", "yeung = yang")]
    [InlineData("Li Yeung", "YANG LI", "yeung = yang")]
    [InlineData("TAN WEI", "CHEN WEI", "tan = chen")]
    [InlineData("Wei Tan", "CHEN WEI", "tan = chen")]
    [InlineData("CHENG LING", "ZHENG LING", "cheng = zheng")]
    [InlineData("LEI YANG", "LI YANG", "lei = li")]
    public void The_surname_still_meets_its_regional_spellings(string arrested, string listed, string via)
    {
        Assert.Contains(via, Variants(arrested));
        Assert.True(ViaSurname(arrested, listed), $"{arrested} ~ {listed}");
    }

    [Theory]
    [InlineData("LI YONG", "First")]
    [InlineData("YONG LI", "Last")]
    [InlineData("Lee Yong", "First")]
    [InlineData("Xiaoming Wong", "Last")]
    [InlineData("Wong Xiaoming", "First")]
    [InlineData("CHENG LING", "First")]
    [InlineData("Ling Cheng", "Last")]
    [InlineData("Myint Zaw", "None")]
    public void The_surname_end_is_a_spelling_that_is_no_pinyin_else_a_common_surname_else_the_commoner(string name, string end)
    {
        var tokens = NameText.LatinTokens(name);
        Assert.Equal(end, ChineseSurnames.End(tokens[0], tokens[^1]).ToString());
    }

    [Theory]
    [InlineData("Chu, Yuan", "chu = zhu", "ZHU YUAN")]
    [InlineData("Yong, Li", "yong = yang", "YANG LI")]
    public void A_comma_after_the_first_word_makes_it_the_surname(string arrested, string via, string listed)
    {
        // Without the comma the commoner surname (Yuan, Li) would take the surname's place and the spelling go unread.
        Assert.DoesNotContain(via, Variants(arrested.Replace(",", "", StringComparison.Ordinal)));
        Assert.Contains(via, Variants(arrested));
        Assert.True(ViaSurname(arrested, listed), $"{arrested} ~ {listed}");
    }

    [Theory]
    [InlineData("yong", true)]
    [InlineData("xiaoming", true)]
    [InlineData("chan", true)]
    [InlineData("lee", false)]
    [InlineData("wong", false)]
    [InlineData("yeung", false)]
    [InlineData("lim", false)]
    public void A_regional_spelling_that_is_no_pinyin_cannot_be_a_given_name(string token, bool pinyin) =>
        Assert.Equal(pinyin, ChineseSurnames.IsPinyin(token));

    [Fact]
    public void A_surname_spelling_does_not_meet_the_first_syllable_of_a_given_name()
    {
        // "chen = zhen" is a spelling of the surname Chen; in "Zhenxin Yang" zhen begins the given name.
        Assert.False(ViaSurname("Zhenxin Yang", "CHEN XINYANG"));
        Assert.False(ViaSurname("YANG YUANCAI", "WANG CAIYANG"));
        // Written as one word nobody can tell where the surname ends; plain spellings still meet.
        Assert.Equal(MatchDecision.Review, Matcher.Score(R("a", "ZHANGXIAOMING"), R("b", "ZHANG XIAOMING")).Decision);
    }
}
