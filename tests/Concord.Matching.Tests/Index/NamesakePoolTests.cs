namespace Concord.Matching.Tests.Index;

/// <summary>
/// Name, full birth date and sex settle a pair alone only where the list does not hold several records agreeing on all
/// three, or many of that name born the same year: at a national list's size such a namesake is a matter of time.
/// </summary>
public sealed class NamesakePoolTests
{
    private static IdentityRecord R(string key, string[] names, string birth, Sex sex = Sex.Male, string? ric = null) => new()
    {
        Key = key,
        Names = names,
        Sex = sex,
        BirthDate = PartialDate.TryParse(birth, out var d) ? d : null,
        Nationality = "CHN",
        Documents = ric is null ? [] : [new IdentityDocument("CN-RIC", ric)],
    };

    private static CompactIdentityIndex Index(params IdentityRecord[] records)
    {
        var index = new CompactIdentityIndex();
        index.AddRange(records);
        index.Freeze();
        return index;
    }

    private static readonly IdentityRecord Arrested = R("roster:1", ["王祥", "WANG XIANG"], "1973-06-03");

    [Fact]
    public void A_single_namesake_of_that_year_does_not_stop_the_accept()
    {
        var index = Index(R("w1", ["王祥", "WANG XIANG"], "1973-06-03"), R("w2", ["王祥", "WANG XIANG"], "1973-11-20"), R("w3", ["王祥", "WANG XIANG"], "1981-02-14"));
        var best = new IdentityMatcher().Match(Arrested, index).First();
        Assert.Equal(("w1", MatchDecision.Accept), (best.Candidate.Key, best.Decision));
    }

    [Fact]
    public void Two_records_agreeing_on_name_date_and_sex_are_both_queued()
    {
        var index = Index(R("w1", ["王祥", "WANG XIANG"], "1973-06-03"), R("w2", ["王祥", "WANG XIANG"], "1973-06-03"));
        var found = new IdentityMatcher().Match(Arrested, index);
        Assert.Equal(2, found.Count);
        Assert.All(found, p => Assert.Equal(MatchDecision.Review, p.Decision));
        Assert.All(found, p => Assert.Contains(p.Evidence[^1].Phrases, x => x.Template == Findings.RuleSeveralAgree && x.Args[0] == "2"));
    }

    [Fact]
    public void Many_namesakes_born_that_year_queue_the_one_agreeing_on_the_day()
    {
        var records = new List<IdentityRecord> { R("w1", ["王祥", "WANG XIANG"], "1973-06-03") };
        for (var i = 0; i < 8; i++) records.Add(R($"w{i + 2}", ["王祥", "WANG XIANG"], $"1973-0{i + 1}-1{i}"));
        // Born another year, a woman of that name, or a different name: not namesakes of that year.
        records.Add(R("o1", ["王祥", "WANG XIANG"], "1974-06-03"));
        records.Add(R("o2", ["王祥", "WANG XIANG"], "1973-08-08", Sex.Female));
        records.Add(R("o3", ["王翔", "WANG XIANG"], "1973-09-09"));
        var matcher = new IdentityMatcher();
        var best = matcher.Match(Arrested, Index([.. records])).Single();
        Assert.Equal(("w1", MatchDecision.Review), (best.Candidate.Key, best.Decision));
        Assert.Contains(best.Evidence[^1].Phrases, x => x.Template == Findings.RuleCommonNameSameYear && x.Args[0] == "8");

        // One namesake fewer, the accept stands; a higher limit lets the same list accept.
        Assert.Equal(MatchDecision.Accept, matcher.Match(Arrested, Index([.. records.Where(r => r.Key != "w4")])).Single().Decision);
        Assert.Equal(MatchDecision.Accept, new IdentityMatcher(new MatchThresholds { NamesakesSameYear = 9 }).Match(Arrested, Index([.. records])).Single().Decision);
    }

    [Fact]
    public void A_name_met_through_a_regional_spelling_keeps_the_stricter_limit()
    {
        // "Lew Si" is 刘思 only as Lew = Liu reads it; three namesakes of that year are enough to hold the day's match.
        var lew = R("roster:2", ["Lew Si"], "2004-10-17");
        var records = new List<IdentityRecord> { R("w1", ["刘思", "LIU SI"], "2004-10-17") };
        for (var i = 0; i < 3; i++) records.Add(R($"w{i + 2}", ["刘思", "LIU SI"], $"2004-0{i + 1}-1{i}"));
        var best = new IdentityMatcher().Match(lew, Index([.. records])).First(p => p.Candidate.Key == "w1");
        Assert.Equal(MatchDecision.Review, best.Decision);
        Assert.Contains(best.Evidence[^1].Phrases, x => x.Template == Findings.RuleCommonNameSameYear && x.Args[0] == "3");
        // The same list accepts the name as it is spelt in pinyin: 3 is below the limit for an exact spelling.
        Assert.Equal(MatchDecision.Accept, new IdentityMatcher().Match(R("roster:3", ["LIU SI"], "2004-10-17"), Index([.. records])).First(p => p.Candidate.Key == "w1").Decision);
    }

    [Fact]
    public void An_accept_on_a_document_stands_among_namesakes()
    {
        var records = new List<IdentityRecord> { R("w1", ["王祥", "WANG XIANG"], "1973-06-03", ric: "351420197306033738"), R("w2", ["王祥", "WANG XIANG"], "1973-06-03") };
        for (var i = 0; i < 4; i++) records.Add(R($"w{i + 3}", ["王祥", "WANG XIANG"], $"1973-0{i + 1}-1{i}"));
        var arrested = R("roster:1", ["王祥", "WANG XIANG"], "1973-06-03", ric: "351420197306033738");
        var found = new IdentityMatcher().Match(arrested, Index([.. records]));
        Assert.Equal(("w1", MatchDecision.Accept), (found[0].Candidate.Key, found[0].Decision));
    }
}
