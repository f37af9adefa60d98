using System.Collections.Frozen;
using System.Globalization;

namespace Concord.Matching;

public static class FieldValues
{
    public static bool TryParseSex(string? text, out Sex sex)
    {
        sex = Sex.Unknown;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        var s = text.Trim();
        if (s.Equals("M", StringComparison.OrdinalIgnoreCase) || s.Equals("male", StringComparison.OrdinalIgnoreCase)
            || s.Equals("男", StringComparison.Ordinal))
        {
            sex = Sex.Male;
            return true;
        }
        if (s.Equals("F", StringComparison.OrdinalIgnoreCase) || s.Equals("female", StringComparison.OrdinalIgnoreCase)
            || s.Equals("女", StringComparison.Ordinal))
        {
            sex = Sex.Female;
            return true;
        }
        return false;
    }

    public static bool TryParseNationality(string? text, out string? iso3)
    {
        iso3 = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        return Countries.TryParse(text, out iso3);
    }

    public static string ToAsciiDigits(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var i = 0;
        while (i < text.Length && !IsForeignDigit(text[i]))
        {
            i++;
        }
        if (i == text.Length)
        {
            return text;
        }
        return string.Create(text.Length, text, static (span, src) =>
        {
            for (var k = 0; k < src.Length; k++)
            {
                var c = src[k];
                span[k] = c switch
                {
                    >= '\u1040' and <= '\u1049' => (char)('0' + (c - '\u1040')),
                    >= '\uFF10' and <= '\uFF19' => (char)('0' + (c - '\uFF10')),
                    _ => c,
                };
            }
        });
    }

    internal static bool IsForeignDigit(char c) => c is (>= '\u1040' and <= '\u1049') or (>= '\uFF10' and <= '\uFF19');
}
