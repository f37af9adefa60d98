using Concord.Matching;

namespace Concord.Core;

/// <summary>Expected failures, as typed records; the CLI and the API each map them to their own form in one place.</summary>
public abstract record ConcordError(string Message)
{
    /// <summary>What an officer is told, as one of <see cref="ErrorTexts"/> and its values; none where only English is kept.</summary>
    public Phrase? Phrase { get; init; }
}

public sealed record NotFoundError(string What, string Key) : ConcordError($"{What} '{Key}' not found");

public sealed record ConflictError(string Detail) : ConcordError(Detail)
{
    public ConflictError(Phrase phrase) : this(phrase.English) => Phrase = phrase;
}

/// <summary>The caller's agency may see the record, but the caller's roles do not include the step (<c>RoleTable</c>).</summary>
public sealed record ForbiddenError(string Needs) : ConcordError($"the caller's roles do not include this step (it needs one of: {Needs})")
{
    public ForbiddenError(string needs, Phrase phrase) : this(needs) => Phrase = phrase;
}

public sealed record InvalidRequestError(string Field, string Detail) : ConcordError($"{Field}: {Detail}")
{
    public InvalidRequestError(string field, Phrase phrase) : this(field, phrase.English) => Phrase = phrase;
}

/// <summary>One problem in an input file, with its place.</summary>
public sealed record InputProblem(string File, int? Row, string? Column, string Detail)
{
    /// <summary>A problem said as one of <see cref="ProblemTexts"/> and its values, which a screen says in its reader's language.</summary>
    public InputProblem(string file, int? row, string? column, Phrase phrase) : this(file, row, column, phrase.English) => Phrase = phrase;

    /// <summary>The same problem as a template and its values; none for a problem whose text comes from elsewhere.</summary>
    public Phrase? Phrase { get; init; }

    public override string ToString()
    {
        var place = File;
        if (Row is { } row) place += $", row {row}";
        if (Column is { } column) place += $", column {column}";
        return $"{place}: {Detail}";
    }
}

public sealed record InvalidInputError(IReadOnlyList<InputProblem> Problems)
    : ConcordError(Problems.Count == 1
        ? Problems[0].ToString()
        : $"{Problems.Count} problems; nothing was imported:{Environment.NewLine}" + string.Join(Environment.NewLine, Problems.Take(50).Select(p => "  " + p)));

public sealed class ConcordException(ConcordError error) : Exception(error.Message)
{
    public ConcordError Error { get; } = error;
}
