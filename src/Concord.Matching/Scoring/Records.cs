namespace Concord.Matching;

public sealed record IdentityDocument(string Type, string Number);

public sealed class IdentityRecord
{
    public required string Key { get; init; }
    public IReadOnlyList<string> Names { get; init; } = [];
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public Sex Sex { get; init; }
    public PartialDate? BirthDate { get; init; }
    public string? Nationality { get; init; }
    public IReadOnlyList<IdentityDocument> Documents { get; init; } = [];
}

public enum MatchDecision { NoMatch, Review, Accept }

/// <summary>
/// One finding of a comparison and its weight. <see cref="Text"/> is the English sentence; <see cref="Phrases"/> say the
/// same as templates of <see cref="Findings"/> with their arguments, so that a screen can say it in its reader's language.
/// </summary>
public sealed record Evidence(string Kind, string Text, double Weight, IReadOnlyList<Phrase> Phrases)
{
    /// <summary>A finding in English only, with no template: a screen shows it as written.</summary>
    public Evidence(string kind, string text, double weight) : this(kind, text, weight, [])
    {
    }

    public Evidence(string kind, double weight, params Phrase[] phrases)
        : this(kind, string.Join("; ", phrases.Select(p => p.English)), weight, phrases)
    {
    }
}

public sealed record MatchProposal(IdentityRecord Candidate, double Score, MatchDecision Decision, IReadOnlyList<Evidence> Evidence);

/// <summary>
/// How much evidence a proposal needs, on top of what the rules allow. Calibrated on the Muse sample (docs/matching.md):
/// every pair the rules accept there scores at least 0.85 and every true pair they queue at least 0.60; the defaults
/// keep a margin below both, because field data is noisier than any sample.
/// </summary>
public sealed class MatchThresholds
{
    public double Accept { get; init; } = 0.80;
    public double Review { get; init; } = 0.40;

    /// <summary>
    /// How many other records of the same name, sex and birth year a list may hold before name, full birth date and sex
    /// no longer settle a pair alone. A day of the year is one in 365: an arrestee of that name who is not on the list
    /// meets one of k namesakes born that year on the very day with a chance of about k in 365. At 8 that chance passes
    /// 2 % (8/365 = 2.2 %), and the pair goes to a reviewer; below it, the accept stands (7/365 = 1.9 %). Two or more
    /// records agreeing on the day always go to a reviewer, whatever this says.
    /// </summary>
    public int NamesakesSameYear { get; init; } = 8;

    /// <summary>
    /// The same limit for a pair whose names meet only through a regional surname spelling (Lew = Liu): the spelling
    /// stands for several surnames (Lew: 刘, 廖, 楼), so the namesakes the pool counts under the one it met are fewer than
    /// those the arrestee could be confused with; the stricter limit of 3 (0.8 %) holds.
    /// </summary>
    public int NamesakesSameYearViaSpelling { get; init; } = 3;
}
