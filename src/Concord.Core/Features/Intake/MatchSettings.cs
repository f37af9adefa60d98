using System.Globalization;
using Concord.Matching;

namespace Concord.Core.Features.Intake;

/// <summary>
/// The two thresholds of each list a roster is matched against (wanted, target, person, roster); a list not named
/// takes the default. Written on the command line as <c>wanted=0.8:0.35</c> (accept:review).
/// </summary>
public sealed record MatchSettings(MatchThresholds Default, IReadOnlyDictionary<string, MatchThresholds> PerList)
{
    public static readonly string[] Lists = ["wanted", "target", "person", "roster"];

    public static MatchSettings Defaults { get; } = new(new MatchThresholds(), new Dictionary<string, MatchThresholds>(StringComparer.Ordinal));

    public MatchThresholds For(string list) => PerList.TryGetValue(list, out var t) ? t : Default;

    /// <summary>
    /// How many list records scoring on the name alone make an arrestee whose record holds nothing else to compare (no
    /// birth date, no document) a person to identify: one task asking the field for more, not a proposal per namesake.
    /// </summary>
    public int NamesakeThreshold { get; init; } = 3;

    public static MatchSettings Parse(double? accept, double? review, IEnumerable<string> perList, int? namesakes = null)
    {
        if (namesakes is < 1) throw new ConcordException(new InvalidRequestError("--namesakes", "a whole number of at least 1"));
        var fallback = new MatchThresholds();
        var baseline = new MatchThresholds { Accept = accept ?? fallback.Accept, Review = review ?? fallback.Review };
        Check(baseline, "--accept/--review");
        var lists = new Dictionary<string, MatchThresholds>(StringComparer.Ordinal);
        foreach (var spec in perList)
        {
            var parts = spec.Split(['=', ':'], StringSplitOptions.TrimEntries);
            if (parts.Length != 3 || !Lists.Contains(parts[0])
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
                || !double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var r))
                throw new ConcordException(new InvalidRequestError("--threshold", $"'{spec}' is not LIST=ACCEPT:REVIEW with LIST one of {string.Join(", ", Lists)}"));
            var t = new MatchThresholds { Accept = a, Review = r };
            Check(t, "--threshold " + spec);
            lists[parts[0]] = t;
        }
        return new MatchSettings(baseline, lists) { NamesakeThreshold = namesakes ?? Defaults.NamesakeThreshold };
    }

    private static void Check(MatchThresholds t, string field)
    {
        if (t.Review is < 0 or > 1 || t.Accept is < 0 or > 1 || t.Review > t.Accept)
            throw new ConcordException(new InvalidRequestError(field, "thresholds lie in [0, 1] and review ≤ accept"));
    }
}
