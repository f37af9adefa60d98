namespace Concord.Matching;

public enum DateAgreement { Unknown, Exact, Compatible, Swapped, Conflict }

public static class DateComparison
{
    public static DateAgreement Compare(PartialDate? a, PartialDate? b)
    {
        if (a is not { } x || b is not { } y)
        {
            return DateAgreement.Unknown;
        }
        if (x.Year != y.Year)
        {
            return DateAgreement.Conflict;
        }
        if (x.Month is not { } xm || y.Month is not { } ym)
        {
            return DateAgreement.Compatible;
        }
        if (x.Day is not { } xd || y.Day is not { } yd)
        {
            // Only year and month to compare; a month that differs may still be a swapped day, which we cannot tell.
            return xm == ym || (x.Day == ym) || (y.Day == xm) ? DateAgreement.Compatible : DateAgreement.Conflict;
        }
        if (xm == ym && xd == yd)
        {
            return DateAgreement.Exact;
        }
        return xm == yd && xd == ym ? DateAgreement.Swapped : DateAgreement.Conflict;
    }
}
