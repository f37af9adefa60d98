using System.Globalization;
using System.Text;

namespace Concord.Scenarios;

/// <summary>Identity document numbers: CN-RIC (GB 11643), MM-NRC and passports.</summary>
public static class IdNumbers
{
    private static readonly int[] RicWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string RicCheckChars = "10X98765432";

    internal sealed record Province(string Code, string Name, int Weight);

    // Weights lean towards the provinces that telecom-fraud recruits mostly come from.
    internal static readonly Province[] Provinces =
    [
        new("11", "Beijing", 1), new("12", "Tianjin", 1), new("13", "Hebei", 3), new("14", "Shanxi", 2),
        new("15", "Inner Mongolia", 1), new("21", "Liaoning", 2), new("22", "Jilin", 2), new("23", "Heilongjiang", 2),
        new("31", "Shanghai", 1), new("32", "Jiangsu", 6), new("33", "Zhejiang", 4), new("34", "Anhui", 8),
        new("35", "Fujian", 9), new("36", "Jiangxi", 8), new("37", "Shandong", 4), new("41", "Henan", 6),
        new("42", "Hubei", 6), new("43", "Hunan", 9), new("44", "Guangdong", 8), new("45", "Guangxi", 8),
        new("46", "Hainan", 2), new("50", "Chongqing", 4), new("51", "Sichuan", 7), new("52", "Guizhou", 6),
        new("53", "Yunnan", 8), new("54", "Tibet", 1), new("61", "Shaanxi", 3), new("62", "Gansu", 2),
        new("63", "Qinghai", 1), new("64", "Ningxia", 1), new("65", "Xinjiang", 1),
    ];

    private static readonly int TotalProvinceWeight = Provinces.Sum(p => p.Weight);

    /// <summary>The English name of the province whose code starts a CN-RIC, or null.</summary>
    public static string? ProvinceName(string ricOrCode)
    {
        ArgumentNullException.ThrowIfNull(ricOrCode);
        if (ricOrCode.Length < 2)
        {
            return null;
        }

        var code = ricOrCode[..2];
        return Provinces.FirstOrDefault(p => string.Equals(p.Code, code, StringComparison.Ordinal))?.Name;
    }

    internal static Province PickProvince(Random random)
    {
        var roll = random.Next(TotalProvinceWeight);
        foreach (var province in Provinces)
        {
            roll -= province.Weight;
            if (roll < 0)
            {
                return province;
            }
        }

        return Provinces[^1];
    }

    /// <summary>The GB 11643 check character for the first 17 digits.</summary>
    public static char RicCheckChar(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * RicWeights[i];
        }

        return RicCheckChars[sum % 11];
    }

    /// <summary>Whether a CN-RIC has 17 digits, a real province code, a real birth date and a correct check character.</summary>
    public static bool IsValidRic(string? ric)
    {
        if (ric is null || ric.Length != 18)
        {
            return false;
        }

        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(ric[i]))
            {
                return false;
            }
        }

        return ProvinceName(ric) is not null
            && DateOnly.TryParseExact(ric.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            && RicCheckChar(ric) == ric[17];
    }

    internal static string MakeRic(Random random, Province province, DateOnly birth, char sex)
    {
        Span<char> buffer = stackalloc char[18];
        buffer[0] = province.Code[0];
        buffer[1] = province.Code[1];
        WriteDigits(buffer.Slice(2, 2), random.Next(1, 16));
        WriteDigits(buffer.Slice(4, 2), random.Next(1, 30));
        WriteDigits(buffer.Slice(6, 4), birth.Year);
        WriteDigits(buffer.Slice(10, 2), birth.Month);
        WriteDigits(buffer.Slice(12, 2), birth.Day);
        WriteDigits(buffer.Slice(14, 2), random.Next(100));
        // The 17th digit is odd for men and even for women.
        var sexDigit = random.Next(5) * 2 + (sex == 'M' ? 1 : 0);
        buffer[16] = (char)('0' + sexDigit);
        buffer[17] = RicCheckChar(buffer);
        return new string(buffer);
    }

    /// <summary>A hand-copying slip: one digit of the date or sequence part changed, so the province stays readable.</summary>
    internal static string WithWrongDigit(Random random, string ric)
    {
        var chars = ric.ToCharArray();
        var position = random.Next(6, 17);
        var original = chars[position] - '0';
        chars[position] = (char)('0' + ((original + random.Next(1, 10)) % 10));
        return new string(chars);
    }

    internal static string MakePassport(Random random) =>
        "E" + random.Next(10_000_000, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);

    internal static string MakeNrc(Random random, bool myanmarScript)
    {
        var township = BurmeseNames.Townships[random.Next(BurmeseNames.Townships.Length)];
        var number = random.Next(1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var state = township.State.ToString(CultureInfo.InvariantCulture);
        return myanmarScript
            ? $"{ToMyanmarDigits(state)}/{township.Script}(နိုင်){ToMyanmarDigits(number)}"
            : $"{state}/{township.Latin}(N){number}";
    }

    internal static string ToMyanmarDigits(string ascii)
    {
        var builder = new StringBuilder(ascii.Length);
        foreach (var c in ascii)
        {
            builder.Append(char.IsAsciiDigit(c) ? (char)('\u1040' + (c - '0')) : c);
        }

        return builder.ToString();
    }

    private static void WriteDigits(Span<char> target, int value)
    {
        for (var i = target.Length - 1; i >= 0; i--)
        {
            target[i] = (char)('0' + value % 10);
            value /= 10;
        }
    }
}
