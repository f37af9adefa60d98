using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Concord.Core.Domain;

/// <summary>
/// Where a time written in the field is read, and how a stored instant is shown. A time written with its offset (or Z)
/// is that instant; one written without is read in the operation's time zone (<see cref="Operation.TimeZone"/>, by
/// default the zone of the raiding agency's country), never as UTC. A viewer sees instants in their agency's zone, with
/// its label, so that "10:00 (MMT)" in Muse is "11:30 (CST)" in Beijing.
/// </summary>
public static partial class LocalTimes
{
    public const string Utc = "UTC";

    private static readonly FrozenDictionary<string, string> ZoneByCountry = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["MMR"] = "Asia/Yangon",
        ["CHN"] = "Asia/Shanghai",
        ["THA"] = "Asia/Bangkok",
        ["LAO"] = "Asia/Vientiane",
        ["KHM"] = "Asia/Phnom_Penh",
        ["VNM"] = "Asia/Ho_Chi_Minh",
        ["MYS"] = "Asia/Kuala_Lumpur",
        ["PHL"] = "Asia/Manila",
        ["IDN"] = "Asia/Jakarta",
        ["SGP"] = "Asia/Singapore",
        ["TWN"] = "Asia/Taipei",
        ["HKG"] = "Asia/Hong_Kong",
        ["MAC"] = "Asia/Macau",
        ["KOR"] = "Asia/Seoul",
        ["JPN"] = "Asia/Tokyo",
        ["IND"] = "Asia/Kolkata",
        ["BGD"] = "Asia/Dhaka",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The short names officers know; a zone without one is labelled by its offset (UTC+07:00).</summary>
    private static readonly FrozenDictionary<string, string> Labels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Asia/Yangon"] = "MMT",
        ["Asia/Rangoon"] = "MMT",
        ["Asia/Shanghai"] = "CST",
        ["Asia/Bangkok"] = "ICT",
        ["Asia/Vientiane"] = "ICT",
        ["Asia/Phnom_Penh"] = "ICT",
        ["Asia/Ho_Chi_Minh"] = "ICT",
        ["Asia/Kuala_Lumpur"] = "MYT",
        ["Asia/Manila"] = "PHT",
        ["Asia/Jakarta"] = "WIB",
        ["Asia/Singapore"] = "SGT",
        ["Asia/Taipei"] = "CST",
        ["Asia/Hong_Kong"] = "HKT",
        ["Asia/Macau"] = "CST",
        ["Asia/Seoul"] = "KST",
        ["Asia/Tokyo"] = "JST",
        ["Asia/Kolkata"] = "IST",
        [Utc] = "UTC",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The time zone of a country (ISO 3166 alpha-3), UTC where Concord knows none.</summary>
    public static string ZoneOf(string? country) => country is not null && ZoneByCountry.TryGetValue(country, out var zone) ? zone : Utc;

    /// <summary>Whether <paramref name="zone"/> is an IANA time zone this machine knows.</summary>
    public static bool IsKnown(string? zone) => !string.IsNullOrWhiteSpace(zone) && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _);

    /// <summary>
    /// A written time as an instant: with its offset as written; without, as a wall-clock time in <paramref name="zone"/>
    /// (<paramref name="zoned"/> then says so). False for text that is no time, or a wall-clock time the zone skips.
    /// </summary>
    public static bool TryRead(string written, string zone, out DateTime utc, out bool zoned)
    {
        utc = default;
        zoned = false;
        var text = written.Trim();
        if (WithOffset().IsMatch(text))
        {
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)) return false;
            utc = instant.UtcDateTime;
            return true;
        }
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local)) return false;
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (tz.IsInvalidTime(local)) return false;
        utc = TimeZoneInfo.ConvertTimeToUtc(local, tz);
        zoned = true;
        return true;
    }

    /// <summary>An instant as a viewer in <paramref name="zone"/> reads it: <c>2024-03-26 11:30 (CST)</c>.</summary>
    public static string Show(DateTime utc, string zone, bool seconds = false)
    {
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), tz);
        return local.ToString(seconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " (" + Label(zone, tz.GetUtcOffset(local)) + ")";
    }

    /// <summary>A zone as an officer is told it: <c>Asia/Yangon (MMT)</c>.</summary>
    public static string Describe(string zone) =>
        $"{zone} ({Label(zone, TimeZoneInfo.FindSystemTimeZoneById(zone).GetUtcOffset(DateTime.UtcNow))})";

    /// <summary>The zone's short name, or its offset from UTC at that moment.</summary>
    public static string Label(string zone, TimeSpan offset) => Labels.TryGetValue(zone, out var label)
        ? label
        : "UTC" + (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    /// <summary>A time of day followed by an offset or Z: "…T08:41:00+06:30", "… 10:00 +0630", "…10:00Z".</summary>
    [GeneratedRegex(@"\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WithOffset();
}
