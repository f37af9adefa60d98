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

    private static IdentityRecord Born(string key, string name, string birth) =>
        new() { Key = key, Names = [name], Sex = Sex.Male, Nationality = "CHN", BirthDate = PartialDate.TryParse(birth, out var d) ? d : null };

    [Theory]
    [InlineData("feng guoze", "GUO ZEFENG")]
    [InlineData("Han Hao-gang", "HAO GANGHAN")]
    [InlineData("LI MINGHUA", "LIMING HUA")]
    public void The_same_letters_split_at_another_surname_are_another_name(string arrested, string listed)
    {
        var p = Matcher.Score(Born("a", arrested, "1980"), Born("b", listed, "1980-07-09"));
        Assert.DoesNotContain(p.Evidence, e => e.Phrases.Any(x => x.Template == Findings.LatinNameMatches));
        Assert.Equal(MatchDecision.NoMatch, p.Decision);
    }

    [Theory]
    [InlineData("OU YANG XIU", "OUYANG XIU")]
    [InlineData("Xiu Ou Yang", "OUYANG XIU")]
    [InlineData("ZHANG SAN FENG", "Zhang Sanfeng")]
    [InlineData("San Feng Zhang", "ZHANG SANFENG")]
    public void The_same_surname_written_in_more_words_still_meets(string arrested, string listed) =>
        Assert.Contains(Matcher.Score(R("a", arrested), R("b", listed)).Evidence, e => e.Phrases.Any(x => x.Template == Findings.LatinNameMatches));

    [Theory]
    [InlineData("Guo, Nan-fang", "GUO NANPING")]
    [InlineData("Ren, Hua-tao", "REN HUIHAO")]
    [InlineData("PENG XUTONG", "XIONG PENG")]
    [InlineData("mo shanfu", "MO SHAN")]
    public void Given_names_a_letter_apart_are_no_surname_spelling(string arrested, string listed)
    {
        var p = Matcher.Score(Born("a", arrested, "1999"), Born("b", listed, "1999-09-06"));
        Assert.DoesNotContain(p.Evidence, e => e.Phrases.Any(x => x.Template == Findings.LatinNameSurnameSpelling));
        Assert.Equal(MatchDecision.NoMatch, p.Decision);
    }

    [Fact]
    public void Surnames_a_letter_apart_still_come_to_a_reviewer_when_the_birth_year_agrees()
    {
        var p = Matcher.Score(Born("a", "yao jiejian", "1998"), Born("b", "YANG JIEJIAN", "1998-01-15"));
        Assert.Contains(p.Evidence, e => e.Phrases.Any(x => x.Template == Findings.LatinNameSurnameSpelling));
        Assert.Equal(MatchDecision.Review, p.Decision);
    }

    [Theory]
    [InlineData("feng guoze", "郭泽峰")]
    [InlineData("Han Hao-gang", "郝刚涵")]
    public void Characters_are_not_read_into_a_name_whose_surname_ends_elsewhere(string arrested, string listed)
    {
        var p = Matcher.Score(Born("a", arrested, "1980"), Born("b", listed, "1980-07-09"));
        Assert.DoesNotContain(p.Evidence, e => e.Phrases.Any(x => x.Template == Findings.HanNameReads));
        Assert.Equal(MatchDecision.NoMatch, p.Decision);
    }

    [Theory]
    [InlineData("GUO ZEFENG", "郭泽峰")]
    [InlineData("Zefeng Guo", "郭泽峰")]
    [InlineData("GUOZEFENG", "郭泽峰")]
    public void Characters_are_still_read_into_the_same_name_in_either_order(string arrested, string listed) =>
        Assert.Contains(Matcher.Score(R("a", arrested), R("b", listed)).Evidence, e => e.Phrases.Any(x => x.Template == Findings.HanNameReads));

    [Fact]
    public void Different_characters_and_a_regional_spelling_are_two_hops_apart()
    {
        var p = Matcher.Score(new IdentityRecord { Key = "a", Names = ["廖瑞斌", "Liao Ruibin"], Sex = Sex.Male, Nationality = "CHN", BirthDate = new PartialDate(1972, null, null) },
            new IdentityRecord { Key = "b", Names = ["刘瑞斌", "LIU RUIBIN"], Sex = Sex.Male, Nationality = "CHN", BirthDate = new PartialDate(1972, 1, 13) });
        Assert.DoesNotContain(p.Evidence, e => e.Phrases.Any(x => x.Template == Findings.LatinNameMatchesHanDiffers));
        Assert.Equal(MatchDecision.NoMatch, p.Decision);
    }

    [Fact]
    public void A_regional_spelling_is_one_hop_and_only_to_a_surname_the_characters_allow()
    {
        // Choi = Xu on one side, Su = Xu on the other: two hops.
        Assert.DoesNotContain(Matcher.Score(R("a", "Choi Ning-tian"), R("b", "SU NINGTIAN")).Evidence, e => e.Phrases.Any(x => x.Template == Findings.LatinNameMatchesViaSurname));
        // 胡 reads hu: its Latin "HU" is never read as Fu, whatever the table allows a spelling "Hu" to be.
        var hu = Profile.Create(new IdentityRecord { Key = "b", Names = ["胡敏琴", "HU MINQIN"], Sex = Sex.Female, Nationality = "CHN" });
        Assert.False(hu.Fits(("fuminqin", "hu = fu", 2, "HU MINQIN")));
        Assert.True(hu.Fits(("huminqin", null, 2, "HU MINQIN")));
        Assert.True(Profile.Create(R("a", "FU MINQIN")).Fits(("huminqin", "fu = hu", 2, "FU MINQIN")));
    }

    [Fact]
    public void A_regional_spelling_still_reaches_the_surname_the_characters_read()
    {
        var record = new IdentityRecord { Key = "b", Names = ["黄小明", "WONG SIU MING"], Sex = Sex.Male, Nationality = "CHN" };
        Assert.NotEqual(MatchDecision.NoMatch, Matcher.Score(R("a", "Huang Xiaoming"), record).Decision);
    }
}
