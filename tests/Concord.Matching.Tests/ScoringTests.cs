namespace Concord.Matching.Tests;

public sealed class ScoringTests
{
    private static readonly IdentityMatcher Matcher = new();

    private static IdentityRecord R(string key, string[] names, Sex sex = Sex.Unknown, string? birth = null, string? ric = null,
        string? passport = null, string? nationality = "CHN", string[]? aliases = null)
    {
        var docs = new List<IdentityDocument>();
        if (ric is not null)
        {
            docs.Add(new IdentityDocument("CN-RIC", DocumentNumbers.Canonical("CN-RIC", ric)));
        }
        if (passport is not null)
        {
            docs.Add(new IdentityDocument("PASSPORT", DocumentNumbers.Canonical("PASSPORT", passport)));
        }
        PartialDate? date = birth is not null && PartialDate.TryParse(birth, out var d) ? d : null;
        return new IdentityRecord { Key = key, Names = names, Sex = sex, BirthDate = date, Nationality = nationality, Documents = docs, Aliases = aliases ?? [] };
    }

    private static readonly IdentityRecord Wanted = R("w", ["李家", "LI JIA"], Sex.Female, "1985-03-27", "510630198503277448");

    [Fact]
    public void Same_id_and_compatible_name_accepts()
    {
        var p = Matcher.Score(R("q", ["Lee Jia"], Sex.Female, ric: "510630198503277448"), Wanted);
        Assert.Equal(MatchDecision.Accept, p.Decision);
        Assert.InRange(p.Score, 0.9, 1.0);
        Assert.Contains(p.Evidence, e => e.Text.Contains("via surname spelling", StringComparison.Ordinal));
    }

    [Fact]
    public void Same_id_accepts_across_scripts_without_converter()
    {
        var a = R("a", ["杨良帅"], Sex.Male, "1993-12-21", "321505199312213431");
        var b = R("b", ["Liangshuai Yang"], Sex.Male, "1993-12-21", "321505199312213431");
        Assert.Equal(MatchDecision.Accept, Matcher.Score(a, b).Decision);
    }

    [Fact]
    public void Two_valid_different_ids_never_match()
    {
        var q = R("q", ["李家", "LI JIA"], Sex.Female, "1985-03-27", "11010519491231002X");
        Assert.Equal(MatchDecision.NoMatch, Matcher.Score(q, Wanted).Decision);
    }

    [Fact]
    public void One_digit_slip_reviews_or_accepts_with_position()
    {
        // Position 9 slipped: the roster number fails its check digit.
        var slipped = R("q", ["DONG YUXIAO"], Sex.Male, "1997-10-10", "370310192710102938");
        var target = R("t", ["董雨小", "DONG YUXIAO"], Sex.Male, "1997-10-10", "370310199710102938");
        var p = Matcher.Score(slipped, target);
        Assert.Equal(MatchDecision.Accept, p.Decision);
        Assert.Contains(p.Evidence, e => e.Text.StartsWith("ID number equal but for one digit at position 9", StringComparison.Ordinal));

        var noDate = R("q", ["HU ZI"], Sex.Male, null, "611422198504045698");
        var other = R("t", ["胡梓", "HU ZI"], Sex.Male, "1987-04-04", "611422198704045698");
        Assert.Equal(MatchDecision.Review, Matcher.Score(noDate, other).Decision);
    }

    [Fact]
    public void Date_or_sex_conflict_without_document_is_no_match()
    {
        Assert.Equal(MatchDecision.NoMatch, Matcher.Score(R("q", ["Li Jia"], Sex.Female, "1986-03-27"), Wanted).Decision);
        Assert.Equal(MatchDecision.NoMatch, Matcher.Score(R("q", ["Li Jia"], Sex.Male, "1985-03-27"), Wanted).Decision);
        var p = Matcher.Score(R("q", ["Li Jia"], Sex.Female, "1984"), Wanted);
        Assert.Contains(p.Evidence, e => string.Equals(e.Text, "birth year 1984 differs from 1985", StringComparison.Ordinal));
    }

    [Fact]
    public void Name_sex_and_full_date_accept_swapped_too()
    {
        Assert.Equal(MatchDecision.Accept, Matcher.Score(R("q", ["LIJIA"], Sex.Female, "1985-03-27"), Wanted).Decision);
        Assert.Equal(MatchDecision.Accept, Matcher.Score(R("q", ["Jia Li"], Sex.Female, "1985-03-27"), Wanted).Decision);
        var swappedTarget = R("t", ["李兰", "Li Lan"], Sex.Female, "1981-08-09");
        Assert.Equal(MatchDecision.Accept, Matcher.Score(R("q", ["LI LAN"], Sex.Female, "1981-09-08"), swappedTarget).Decision);
    }

    [Fact]
    public void Written_date_that_disagrees_with_own_valid_id_is_overruled()
    {
        var q = R("q", ["LI LAN"], Sex.Female, "1981-09-08", "320908198108099382");
        var p = Matcher.Score(q, R("t", ["李兰", "Li Lan"], Sex.Female, "1981-08-09"));
        Assert.Equal(MatchDecision.Accept, p.Decision);
        Assert.Contains(p.Evidence, e => e.Text.Contains("disagrees with its own ID number", StringComparison.Ordinal));
    }

    [Fact]
    public void Partial_data_or_name_alone_reviews()
    {
        Assert.Equal(MatchDecision.Review, Matcher.Score(R("q", ["Li Jia"], Sex.Female, "1985"), Wanted).Decision);
        Assert.Equal(MatchDecision.Review, Matcher.Score(R("q", ["李家"]), Wanted).Decision);
    }

    [Fact]
    public void Han_against_latin_only_is_read_but_never_accepted_on_the_reading_alone()
    {
        var latinOnly = R("t", ["LI JIA"], Sex.Female, "1985-03-27");
        var p = Matcher.Score(R("q", ["李家"], Sex.Female, "1985-03-27"), latinOnly);
        Assert.Equal(MatchDecision.Review, p.Decision);
        Assert.Contains(p.Evidence, e => e.Kind == "name" && e.Text.Contains("reads lijia", StringComparison.Ordinal));
        Assert.Equal(MatchDecision.NoMatch, Matcher.Score(R("q", ["王五"], Sex.Female, "1985-03-27"), latinOnly).Decision);
        var sameId = R("t", ["LI JIA"], Sex.Female, "1985-03-27", "510630198503277448");
        Assert.Equal(MatchDecision.Accept, Matcher.Score(R("q", ["李家"], ric: "510630198503277448"), sameId).Decision);
    }

    [Fact]
    public void Aliases_alone_never_accept()
    {
        var a = R("a", ["王一"], Sex.Male, "1980-01-01", aliases: ["老强"]);
        var b = R("b", ["张二"], Sex.Male, "1980-01-01", aliases: ["老强"]);
        var p = Matcher.Score(a, b);
        Assert.NotEqual(MatchDecision.Accept, p.Decision);
        Assert.Equal(MatchDecision.NoMatch, Matcher.Score(R("a", ["王一"], aliases: ["老强"]), R("b", ["张二"], aliases: ["老强"])).Decision);
    }

    [Fact]
    public void Nationality_difference_lowers_strongly()
    {
        var p = Matcher.Score(R("q", ["LI JIA"], Sex.Female, "1985-03-27", nationality: "MMR"), Wanted);
        Assert.NotEqual(MatchDecision.Accept, p.Decision);
        Assert.Contains(p.Evidence, e => e.Kind == "nationality" && e.Weight < 0);
    }

    [Fact]
    public void Thresholds_are_configurable_and_scores_bounded()
    {
        var query = R("q", ["LIJIA"], Sex.Female, "1985-03-27");
        var p = Matcher.Score(query, Wanted);
        Assert.Equal(MatchDecision.Accept, p.Decision);
        Assert.InRange(p.Score, 0.75, 1.0);
        // A stricter accept threshold queues the same pair; a stricter review threshold drops a weak one.
        var strict = new IdentityMatcher(new MatchThresholds { Accept = 0.99, Review = 0.8 });
        var s = strict.Score(query, Wanted);
        Assert.Equal(MatchDecision.Review, s.Decision);
        Assert.Equal(p.Score, s.Score);
        Assert.Contains(s.Evidence, e => e.Kind == "rule" && e.Text.Contains("accept threshold", StringComparison.Ordinal));
        var weak = R("q", ["Li Jia"], Sex.Female, "1985");
        Assert.Equal(MatchDecision.Review, Matcher.Score(weak, Wanted).Decision);
        Assert.Equal(MatchDecision.NoMatch, strict.Score(weak, Wanted).Decision);
        // No threshold lets through what the rules forbid.
        var lax = new IdentityMatcher(new MatchThresholds { Accept = 0.0, Review = 0.0 });
        Assert.Equal(MatchDecision.NoMatch, lax.Score(R("q", ["Li Jia"], Sex.Male, "1985-03-27"), Wanted).Decision);
        Assert.InRange(lax.Score(R("q", ["Wang Wu"]), Wanted).Score, 0.0, 1.0);
    }

    [Fact]
    public void Index_blocks_by_document_name_and_slipped_id()
    {
        var index = new IdentityIndex();
        index.Add(Wanted);
        index.Add(R("other", ["王五", "WANG WU"], Sex.Male, "1990-01-01", "110105199001010011"));
        Assert.Equal(2, index.Count);
        Assert.Equal("w", Assert.Single(index.Candidates(R("q", ["Lee Jia"]))).Key);
        Assert.Equal("w", Assert.Single(index.Candidates(R("q", [], ric: "510630198503277448"))).Key);
        Assert.Equal("w", Assert.Single(index.Candidates(R("q", ["X"], ric: "510630198503377448"))).Key);
        var proposals = Matcher.Match(R("q", ["Lee Jia"], Sex.Female, "1985-03-27"), index);
        Assert.Equal(MatchDecision.Accept, Assert.Single(proposals).Decision);
        Assert.DoesNotContain(Matcher.Match(Wanted, index), p => p.Candidate.Key == "w");
    }

    private static IdentityRecord Burmese(string key, string nrc, Sex sex = Sex.Male, string? birth = "1980-12-26") => new()
    {
        Key = key,
        Names = ["ဇော်အောင်ကြည်", "Zaw Aung Kyi"],
        Sex = sex,
        BirthDate = birth is not null && PartialDate.TryParse(birth, out var d) ? d : null,
        Nationality = "MMR",
        Documents = [new IdentityDocument("MM-NRC", DocumentNumbers.Canonical("MM-NRC", nrc))],
    };

    [Fact]
    public void Nrc_one_slip_away_is_decided_by_the_other_fields_and_two_slips_are_another_card()
    {
        var record = Burmese("r", "13/KAKHANA(N)484169");
        var slipped = Matcher.Score(Burmese("q", "၁၃/ကခန(နိုင်)၄၈၄၁၆၃"), record);
        Assert.Equal(MatchDecision.Accept, slipped.Decision);
        Assert.Contains(slipped.Evidence, e => e.Text.Contains("but for one character at position 19", StringComparison.Ordinal));
        Assert.Equal(MatchDecision.Review, Matcher.Score(Burmese("q", "13/KAKHANA(N)484163", birth: "1980"), record).Decision);
        Assert.Equal(MatchDecision.Accept, Matcher.Score(Burmese("q", "13/KAKHANA(N)484196"), record).Decision);
        Assert.Equal(MatchDecision.NoMatch, Matcher.Score(Burmese("q", "13/KAKHANA(N)481163"), record).Decision);
    }
}
