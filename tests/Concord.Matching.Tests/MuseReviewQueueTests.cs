using Xunit.Abstractions;

namespace Concord.Matching.Tests;

/// <summary>The review queue holds only what the records cannot decide, and stays short.</summary>
public sealed class MuseReviewQueueTests(ITestOutputHelper output)
{
    private static (PartialDate? Date, Sex Sex, string? ValidRic) Effective(IdentityRecord r)
    {
        var ric = r.Documents.FirstOrDefault(d => d.Type == DocumentNumbers.CnRic && ChineseResidentId.IsWellFormed(d.Number) && ChineseResidentId.HasValidCheckDigit(d.Number))?.Number;
        var date = r.BirthDate;
        var sex = r.Sex;
        if (ric is not null)
        {
            var fromId = ChineseResidentId.BirthDate(ric);
            if (date is null || !date.Value.IsComplete || DateComparison.Compare(date, fromId) is not (DateAgreement.Exact or DateAgreement.Compatible)) date = fromId;
            if (sex == Sex.Unknown) sex = ChineseResidentId.Sex(ric);
        }
        return (date, sex, ric);
    }

    [Fact]
    public void ReviewProposals_AreNeverDecidedByTheRecords_AndAtMostSixty()
    {
        var dir = Csv.MuseDir();
        var index = Csv.MuseListsIndex();
        var matcher = new IdentityMatcher();
        var proposals = 0;
        var decidable = new List<string>();
        foreach (var row in Csv.Read(Path.Combine(dir, "roster.csv")))
        {
            var query = Csv.ToRecord("roster:" + row["roster_no"], row);
            foreach (var p in matcher.Match(query, index).Where(p => p.Decision == MatchDecision.Review))
            {
                proposals++;
                var (qd, qs, qr) = Effective(query);
                var (cd, cs, cr) = Effective(p.Candidate);
                if (qr is not null && cr is not null && ChineseResidentId.Compare(qr, cr).Kind == IdComparison.Different)
                    decidable.Add($"{query.Key} ~ {p.Candidate.Key}: two valid different ID numbers");
                if (DateComparison.Compare(qd, cd) == DateAgreement.Conflict)
                    decidable.Add($"{query.Key} ~ {p.Candidate.Key}: birth dates {qd} / {cd} incompatible");
                if (qs != Sex.Unknown && cs != Sex.Unknown && qs != cs)
                    decidable.Add($"{query.Key} ~ {p.Candidate.Key}: sex differs");
            }
        }
        output.WriteLine($"review proposals: {proposals}; decidable from the records: {decidable.Count}");
        foreach (var d in decidable) output.WriteLine(d);
        Assert.Empty(decidable);
        Assert.InRange(proposals, 1, 60);
    }

    [Fact]
    public void EveryFinding_IsATemplateOfFindings_AndItsTextIsThatTemplateFilledIn()
    {
        var dir = Csv.MuseDir();
        var index = Csv.MuseListsIndex();
        var matcher = new IdentityMatcher();
        var templates = Findings.All.ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in Csv.Read(Path.Combine(dir, "roster.csv")))
        {
            foreach (var p in matcher.Match(Csv.ToRecord("roster:" + row["roster_no"], row), index))
            {
                foreach (var e in p.Evidence)
                {
                    Assert.NotEmpty(e.Phrases);
                    Assert.All(e.Phrases, x => Assert.Contains(x.Template, templates));
                    Assert.Equal(string.Join("; ", e.Phrases.Select(x => x.English)), e.Text);
                    seen.UnionWith(e.Phrases.Select(x => x.Template));
                }
            }
        }
        output.WriteLine($"{seen.Count} of {templates.Count} finding templates seen on the Muse roster");
        Assert.True(seen.Count >= 10, $"only {seen.Count} kinds of finding on the whole Muse roster");
    }

    [Fact]
    public void Calibration_DefaultThresholdsKeepEveryTruePairAndNoTrap()
    {
        var dir = Csv.MuseDir();
        var truth = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "truth.json"))).RootElement;
        var truePairs = new HashSet<(string, string)>();
        foreach (var pair in truth.GetProperty("fugitive_pairs").EnumerateArray())
            foreach (var r in pair[0].EnumerateArray()) truePairs.Add(("roster:" + r.GetString(), "wanted:" + pair[1].GetString()));
        foreach (var pair in truth.GetProperty("target_pairs").EnumerateArray())
            foreach (var r in pair[0].EnumerateArray()) truePairs.Add(("roster:" + r.GetString(), "target:" + pair[1].GetString()));
        var index = Csv.MuseListsIndex();
        // With both thresholds at zero only the rules decide: this shows where the scores of each kind of pair lie.
        var open = new IdentityMatcher(new MatchThresholds { Accept = 0, Review = 0 });
        var accepted = new List<double>();
        var trueQueued = new List<double>();
        var falseQueued = new List<double>();
        foreach (var row in Csv.Read(Path.Combine(dir, "roster.csv")))
        {
            var query = Csv.ToRecord("roster:" + row["roster_no"], row);
            foreach (var p in open.Match(query, index))
            {
                var isTrue = truePairs.Contains((query.Key, p.Candidate.Key));
                if (p.Decision == MatchDecision.Accept) accepted.Add(p.Score);
                else if (isTrue) trueQueued.Add(p.Score);
                else falseQueued.Add(p.Score);
            }
        }
        var defaults = new MatchThresholds();
        output.WriteLine($"rules accept {accepted.Count}: lowest score {accepted.Min():0.00}; true pairs queued {trueQueued.Count}: lowest {trueQueued.Min():0.00}; "
            + $"false pairs queued {falseQueued.Count}: below the review threshold {falseQueued.Count(s => s < defaults.Review)}");
        Assert.True(accepted.Min() >= defaults.Accept, "the accept threshold sits at or below every pair the rules accept");
        Assert.True(trueQueued.Min() >= defaults.Review, "the review threshold keeps every true pair the rules queue");
    }
}
