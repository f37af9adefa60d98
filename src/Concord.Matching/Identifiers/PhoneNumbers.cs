using PhoneNumbers;

namespace Concord.Matching;

public static class PhoneNumbers
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static string? ToE164(string? raw, string? defaultRegion = null)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }
        try
        {
            var number = Util.Parse(FieldValues.ToAsciiDigits(raw), defaultRegion ?? "ZZ");
            // Possible (length-plausible) rather than valid: new number ranges reach the field before libphonenumber's metadata.
            return Util.IsPossibleNumber(number) ? Util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
