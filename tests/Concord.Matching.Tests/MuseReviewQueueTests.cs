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
        var index = new IdentityIndex();
        foreach (var w in Csv.Read(Path.Combine(dir, "wanted.csv"))) index.Add(Csv.ToRecord("wanted:" + w["wanted_id"], w));
        foreach (var t in Csv.Read(Path.Combine(dir, "lead-targets.csv"))) index.Add(Csv.ToRecord("target:" + t["target_id"], t));
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
}
