using System.Text.RegularExpressions;
using Concord.Matching;

namespace Concord.Core;

/// <summary>
/// The one rule for a code an officer types that becomes part of an address or an export (an operation, a lead, an
/// agreement): 1 to <see cref="MaxLength"/> ASCII letters, digits, '-', '_' or '.', starting with a letter or digit. So a
/// code never holds a '/' that no address could reach, nor starts a spreadsheet formula (<c>=HYPERLINK(...)</c>).
/// </summary>
public static partial class Codes
{
    public const int MaxLength = 64;

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid(string? code) => code is not null && Pattern().IsMatch(code);

    /// <summary>The code when it keeps the rule; otherwise an invalid request naming <paramref name="field"/>, said as <paramref name="template"/> (one of <see cref="ErrorTexts"/>, its value the code).</summary>
    public static string Check(string field, string? code, string template) =>
        IsValid(code) ? code! : throw new ConcordException(new InvalidRequestError(field, new Phrase(template, code ?? "")));
}
