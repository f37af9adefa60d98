using System.Globalization;

namespace Concord.Matching;

public readonly record struct PartialDate(int Year, int? Month, int? Day)
{
    public static bool TryParse(string? text, out PartialDate date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var s = FieldValues.ToAsciiDigits(text.Trim());
        var parts = s.Split('-', '/');
        if (parts.Length is < 1 or > 3 || parts[0].Length != 4)
        {
            return false;
        }
        if (!TryDigits(parts[0], out var year) || year < 1)
        {
            return false;
        }
        int? month = null, day = null;
        if (parts.Length >= 2)
        {
            if (parts[1].Length is < 1 or > 2 || !TryDigits(parts[1], out var m) || m is < 1 or > 12)
            {
                return false;
            }
            month = m;
        }
        if (parts.Length == 3)
        {
            if (parts[2].Length is < 1 or > 2 || !TryDigits(parts[2], out var d) || d < 1 || d > DateTime.DaysInMonth(year, month!.Value))
            {
                return false;
            }
            day = d;
        }
        date = new PartialDate(year, month, day);
        return true;
    }

    private static bool TryDigits(string s, out int value)
    {
        value = 0;
        if (s.Length == 0)
        {
            return false;
        }
        foreach (var c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
            value = (value * 10) + (c - '0');
        }
        return true;
    }

    public override string ToString() => Month is null
        ? Year.ToString("D4", CultureInfo.InvariantCulture)
        : Day is null
            ? string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month.Value:D2}")
            : string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month.Value:D2}-{Day.Value:D2}");

    public DateOnly? ToDateOnly() => Month is { } m && Day is { } d ? new DateOnly(Year, m, d) : null;

    internal bool IsComplete => Month is not null && Day is not null;
}
