namespace Concord.Core;

/// <summary>Expected failures, as typed records; the CLI and the API each map them to their own form in one place.</summary>
public abstract record ConcordError(string Message);
public sealed record NotFoundError(string What, string Key) : ConcordError($"{What} '{Key}' not found");
public sealed record ConflictError(string Detail) : ConcordError(Detail);
public sealed record InvalidRequestError(string Field, string Detail) : ConcordError($"{Field}: {Detail}");

/// <summary>One problem in an input file, with its place.</summary>
public sealed record InputProblem(string File, int? Row, string? Column, string Detail)
{
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
