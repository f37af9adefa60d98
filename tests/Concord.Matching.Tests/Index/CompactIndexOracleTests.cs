using Xunit.Abstractions;

namespace Concord.Matching.Tests.Index;

/// <summary>
/// Intake matches through <see cref="CompactIdentityIndex"/>; the dictionary <see cref="IdentityIndex"/> stays as the
/// oracle it must agree with: on the Muse sample both give the scorer the candidates that make the same proposals.
/// </summary>
public sealed class CompactIndexOracleTests(ITestOutputHelper output)
{
    private static readonly IdentityMatcher Matcher = new();

    private static List<IdentityRecord> Roster() =>
        Csv.Read(Path.Combine(Csv.MuseDir(), "roster.csv")).Select(r => Csv.ToRecord("roster:" + r["roster_no"], r)).ToList();

    private static List<IdentityRecord> Lists(bool hanOnly)
    {
        var dir = Csv.MuseDir();
        var records = new List<IdentityRecord>();
        foreach (var w in Csv.Read(Path.Combine(dir, "wanted.csv")))
        {
            if (hanOnly) w["name_latin"] = "";
            records.Add(Csv.ToRecord("wanted:" + w["wanted_id"], w));
        }
        foreach (var t in Csv.Read(Path.Combine(dir, "lead-targets.csv")))
        {
            records.Add(Csv.ToRecord("target:" + t["target_id"], t));
        }
        return records;
    }

    private (int Same, List<string> Differences) Compare(IReadOnlyList<IdentityRecord> listed, IReadOnlyList<IdentityRecord> queries)
    {
        var oracle = new IdentityIndex();
        var compact = new CompactIdentityIndex();
        foreach (var r in listed) oracle.Add(r);
        compact.AddRange(listed);
        compact.Freeze();
        var same = 0;
        var differences = new List<string>();
        foreach (var q in queries)
        {
            var a = Matcher.Match(q, oracle).Select(p => (p.Candidate.Key, p.Decision)).ToHashSet();
            var b = Matcher.Match(q, compact, 50).Select(p => (p.Candidate.Key, p.Decision)).ToHashSet();
            same += a.Intersect(b).Count();
            differences.AddRange(a.Except(b).Select(x => $"only the dictionary index: {q.Key} {string.Join(" / ", q.Names)} -> {x}"));
            differences.AddRange(b.Except(a).Select(x => $"only the compact index: {q.Key} {string.Join(" / ", q.Names)} -> {x}"));
        }
        output.WriteLine($"{same} proposals alike, {differences.Count} different");
        differences.ForEach(output.WriteLine);
        return (same, differences);
    }

    [Fact]
    public void Roster_against_the_lists_gets_the_same_proposals_from_both_indexes()
    {
        var (same, differences) = Compare(Lists(hanOnly: false), Roster());
        Assert.Empty(differences);
        Assert.Equal(128, same);
    }

    [Fact]
    public void A_list_written_in_characters_only_is_found_from_Latin_spellings_as_the_oracle_finds_it()
    {
        var (same, differences) = Compare(Lists(hanOnly: true), Roster());
        Assert.Empty(differences);
        Assert.True(same >= 70, $"{same} proposals");
    }

    [Fact]
    public void Roster_against_itself_finds_the_same_duplicates_across_Myanmar_and_Latin_script()
    {
        var roster = Roster();
        var (same, differences) = Compare(roster, roster);
        Assert.Empty(differences);
        Assert.True(same >= 10, $"{same} proposals");
    }
}
