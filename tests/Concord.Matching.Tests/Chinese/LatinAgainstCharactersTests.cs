namespace Concord.Matching.Tests.Chinese;

/// <summary>
/// A Latin-only record against one that writes the name in characters and in its own Latin form: when the two Latin
/// forms do not meet, the characters' readings (every spelling of that surname) still do.
/// </summary>
public sealed class LatinAgainstCharactersTests
{
    private static readonly IdentityMatcher Matcher = new();

    private static IdentityRecord R(string key, string[] names, string birth) =>
        new() { Key = key, Names = names, Sex = Sex.Female, Nationality = "CHN", BirthDate = PartialDate.TryParse(birth, out var d) ? d : null };

    [Theory]
    [InlineData("Chang Hsiao-ming", "张小明", "Zhang Xiaoming")]
    [InlineData("Tsou Hsiang-chiu", "邹祥秋", "ZOU XIANGQIU")]
    public void A_Wade_Giles_name_meets_the_characters_when_the_pinyin_does_not(string arrested, string han, string latin)
    {
        var p = Matcher.Score(R("a", [arrested], "1996-09-24"), R("b", [han, latin], "1996-09-24"));
        Assert.Equal(MatchDecision.Review, p.Decision);
        Assert.Contains(p.Evidence, e => e.Phrases.Any(x => x.Template == Findings.HanNameReads));
        // Without the characters, the two Latin forms are two names.
        Assert.Equal(MatchDecision.NoMatch, Matcher.Score(R("a", [arrested], "1996-09-24"), R("b", [latin], "1996-09-24")).Decision);
    }

    [Theory]
    [InlineData("HOYULAN", "He Yulan", "ho = he")]
    [InlineData("CHAUXIANGQIU", "ZOU XIANGQIU", "chau = zou")]
    public void A_name_written_as_one_word_is_read_with_the_surname_spelling_it_begins_with(string arrested, string listed, string via)
    {
        var p = Matcher.Score(R("a", [arrested], "1996"), R("b", [listed], "1996-09-24"));
        Assert.Equal(MatchDecision.Review, p.Decision);
        Assert.Contains(p.Evidence, e => e.Phrases.Any(x => x.Template == Findings.LatinNameMatchesViaSurname && x.Args.Contains(via)));
        // The rest of the word must be a given name in pinyin: "LUOLONG" is no "lu" and "olong".
        Assert.DoesNotContain(NameText.LatinKeys("LUOLONG"), k => k.EndsWith("olong", StringComparison.Ordinal) && k != "luolong");
    }

    [Fact]
    public void A_surname_spelled_a_letter_off_one_of_the_characters_spellings_is_nearly_the_name()
    {
        // 朱 is Zhu in pinyin and Chu in Wade–Giles; a clerk wrote Chue.
        var p = Matcher.Score(R("a", ["Chue Guilan"], "1992-01-02"), R("b", ["朱桂兰", "Zhu Guilan"], "1992"));
        Assert.Equal(MatchDecision.Review, p.Decision);
        Assert.Contains(p.Evidence, e => e.Phrases.Any(x => x.Template == Findings.LatinNameSurnameSpelling && x.Args.SequenceEqual(["Chue Guilan", "朱桂兰", "chue", "chu"])));
        // Nearly the name is not enough without the birth date.
        Assert.Equal(MatchDecision.NoMatch, Matcher.Score(R("a", ["Chue Guilan"], ""), R("b", ["朱桂兰", "Zhu Guilan"], "1992")).Decision);
    }
}
