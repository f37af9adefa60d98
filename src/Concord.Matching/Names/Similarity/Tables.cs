using System.Globalization;

namespace Concord.Matching.Similarity;

/// <summary>Compact table literals ("key=value|key=value"), so long romanisation tables stay readable in a few lines.</summary>
internal static class Tables
{
    public static Dictionary<char, string> Chars(string spec) =>
        Entries(spec).ToDictionary(e => e.Key[0], e => e.Value);

    public static Dictionary<string, string> Words(string spec) =>
        Entries(spec).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    public static Dictionary<string, int> Numbers(string spec) =>
        Entries(spec).ToDictionary(e => e.Key, e => int.Parse(e.Value, CultureInfo.InvariantCulture), StringComparer.Ordinal);

    private static IEnumerable<KeyValuePair<string, string>> Entries(string spec) =>
        spec.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(e => e.Split('=', 2))
            .Select(p => new KeyValuePair<string, string>(p[0], p[1]));
}
