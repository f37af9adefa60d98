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

public sealed record Evidence(string Kind, string Text, double Weight);

public sealed record MatchProposal(IdentityRecord Candidate, double Score, MatchDecision Decision, IReadOnlyList<Evidence> Evidence);

public sealed class MatchThresholds
{
    public double Accept { get; init; } = 0.90;
    public double Review { get; init; } = 0.50;
}
