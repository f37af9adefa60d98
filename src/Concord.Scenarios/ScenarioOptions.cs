namespace Concord.Scenarios;

/// <summary>The size and composition of a generated scenario; the defaults give the published shape of the Muse operation.</summary>
public sealed record ScenarioOptions
{
    public int Seed { get; init; } = 1;
    public int Arrested { get; init; } = 800;
    public double ChineseShare { get; init; } = 0.44;
    public int WantedRecords { get; init; } = 20_000;
    public int Fugitives { get; init; } = 50;
    public int KeyFigures { get; init; } = 21;
    public int Members { get; init; } = 30;
    public int EscapedTargets { get; init; } = 12;
    public int NamesakeTraps { get; init; } = 30;
    public int DuplicateRows { get; init; } = 4;
    public int Dens { get; init; } = 12;
    public DateOnly RaidDate { get; init; } = new(2024, 3, 24);
    public string OperationCode { get; init; } = "DEMO-OP";
}

/// <summary>One synthetic person: Han or Myanmar-script name, its Latin form, and the documents such a person holds.</summary>
/// <param name="Number">Position in the stream, from 0.</param>
/// <param name="Nationality">CHN or MMR.</param>
/// <param name="Name">Han characters for CHN, Myanmar script for MMR.</param>
/// <param name="NameLatin">Pinyin, surname first ("Zhang Xiaoming"), or the conventional Burmese spelling.</param>
/// <param name="Sex">M or F.</param>
public sealed record GeneratedIdentity(
    long Number,
    string Nationality,
    string Name,
    string NameLatin,
    char Sex,
    DateOnly BirthDate,
    string? CnRic,
    string? MmNrc,
    string? Passport);
