using System.Globalization;
using System.Text.RegularExpressions;
using Concord.Matching;

namespace Concord.Core.Features.Imports;

/// <summary>
/// What Excel does to a field file opened and saved again: a long number typed without a leading apostrophe (an
/// 18-digit ID, a phone number) is kept as a number and written in scientific notation with only 15 significant
/// digits (<c>3.40519E+17</c>); a date is written again in the computer's own format (<c>3/26/1990</c>,
/// <c>26.03.1990</c>). Neither is refused (the clerk's file is what there is), but both are flagged.
/// </summary>
public static partial class ExcelDamage
{
    /// <summary>Whether the text is a number in scientific notation, as Excel writes a long number it kept as a number.</summary>
    public static bool IsScientific(string? text) => text is not null && Scientific().IsMatch(text.Trim());

    /// <summary>
    /// A full date in a format Excel writes (month/day/year, day/month/year, day.month.year, year/month/day). Where day
    /// and month cannot be told apart (both 12 or less) it is read month first, as Excel's default does: the flag then
    /// asks the clerk to confirm.
    /// </summary>
    public static bool TryRewrittenDate(string? text, out PartialDate date)
    {
        date = default;
        var m = Rewritten().Match(text?.Trim() ?? "");
        if (!m.Success) return false;
        int Part(string name) => int.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture);
        int year, month, day;
        if (m.Groups["y1"].Success) (year, month, day) = (Part("y1"), Part("a"), Part("b"));
        else
        {
            year = Part("y2");
            var (a, b) = (Part("a"), Part("b"));
            // A dot is the day-first countries' separator; a slash is month first unless the first number cannot be a month.
            (month, day) = m.Groups["sep"].Value == "." || a > 12 ? (b, a) : (a, b);
        }
        if (year < 100) year += year < 30 ? 2000 : 1900;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        return PartialDate.TryParse(string.Create(CultureInfo.InvariantCulture, $"{year:0000}-{month:00}-{day:00}"), out date);
    }

    [GeneratedRegex(@"^[0-9](\.[0-9]+)?[Ee]\+[0-9]{1,3}$")]
    private static partial Regex Scientific();

    [GeneratedRegex(@"^(?:(?<y1>[0-9]{4})[/.](?<a>[0-9]{1,2})[/.](?<b>[0-9]{1,2})|(?<a>[0-9]{1,2})(?<sep>[/.])(?<b>[0-9]{1,2})\k<sep>(?<y2>[0-9]{2}|[0-9]{4}))$")]
    private static partial Regex Rewritten();
}
