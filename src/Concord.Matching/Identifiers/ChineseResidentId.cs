using System.Collections.Frozen;

namespace Concord.Matching;

public enum IdComparison { Different, Equal, OneDigitDifferent, TransposedDigits }

public readonly record struct IdComparisonResult(IdComparison Kind, int Position);

public static class ChineseResidentId
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckChars = "10X98765432";

    public static string Normalize(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        return string.Create(CountKept(raw), raw, static (span, src) =>
        {
            var k = 0;
            foreach (var c in src)
            {
                if (Skip(c))
                {
                    continue;
                }
                span[k++] = c switch
                {
                    >= '\u1040' and <= '\u1049' => (char)('0' + (c - '\u1040')),
                    >= '\uFF10' and <= '\uFF19' => (char)('0' + (c - '\uFF10')),
                    'x' or 'ｘ' or 'Ｘ' => 'X',
                    _ => c,
                };
            }
        });

        static int CountKept(string s)
        {
            var n = 0;
            foreach (var c in s)
            {
                if (!Skip(c))
                {
                    n++;
                }
            }
            return n;
        }

        static bool Skip(char c) => char.IsWhiteSpace(c) || c is '-' or '‐' or '–' or '－';
    }

    public static bool IsWellFormed(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        if (normalized.Length != 18)
        {
            return false;
        }
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(normalized[i]))
            {
                return false;
            }
        }
        var last = normalized[17];
        return (char.IsAsciiDigit(last) || last == 'X') && BirthDateCore(normalized) is not null;
    }

    public static bool HasValidCheckDigit(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        if (normalized.Length != 18)
        {
            return false;
        }
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(normalized[i]))
            {
                return false;
            }
        }
        return ComputeCheckDigit(normalized.AsSpan(0, 17)) == normalized[17];
    }

    public static char ComputeCheckDigit(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("Exactly 17 digits are needed.", nameof(first17));
        }
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var d = first17[i] - '0';
            if ((uint)d > 9)
            {
                throw new ArgumentException("Only ASCII digits are allowed.", nameof(first17));
            }
            sum += d * Weights[i];
        }
        return CheckChars[sum % 11];
    }

    /// <summary>True when the number is well formed and its check digit holds: then its fields can be trusted over the clerk's.</summary>
    internal static bool IsTrustworthy(string normalized) => IsWellFormed(normalized) && HasValidCheckDigit(normalized);

    public static PartialDate? BirthDate(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        if (normalized.Length != 18)
        {
            return null;
        }
        for (var i = 6; i < 14; i++)
        {
            if (!char.IsAsciiDigit(normalized[i]))
            {
                return null;
            }
        }
        return BirthDateCore(normalized);
    }

    private static PartialDate? BirthDateCore(string n)
    {
        var year = ((n[6] - '0') * 1000) + ((n[7] - '0') * 100) + ((n[8] - '0') * 10) + (n[9] - '0');
        var month = ((n[10] - '0') * 10) + (n[11] - '0');
        var day = ((n[12] - '0') * 10) + (n[13] - '0');
        // Resident IDs were first issued in 1984; nobody alive holding one was born before 1900.
        if (year < 1900 || year > DateTime.UtcNow.Year || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }
        return new PartialDate(year, month, day);
    }

    public static Sex Sex(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        if (normalized.Length != 18 || !char.IsAsciiDigit(normalized[16]))
        {
            return Matching.Sex.Unknown;
        }
        return (normalized[16] - '0') % 2 == 1 ? Matching.Sex.Male : Matching.Sex.Female;
    }

    public static string? ProvinceCode(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        if (normalized.Length < 2)
        {
            return null;
        }
        var code = normalized[..2];
        return Provinces.ContainsKey(code) ? code : null;
    }

    public static string? ProvinceName(string provinceCode) =>
        provinceCode is not null && Provinces.TryGetValue(provinceCode, out var p) ? p.En : null;

    /// <summary>
    /// The province code of a province as a clerk writes it: its code ("33"), its English name ("Zhejiang") or its Chinese
    /// name with or without its kind ("浙江", "浙江省", "广西壮族自治区", "重庆市"); null for anything else.
    /// </summary>
    public static string? ProvinceCodeOf(string? written)
    {
        var t = written?.Trim();
        if (string.IsNullOrEmpty(t)) return null;
        if (Provinces.ContainsKey(t)) return t;
        foreach (var (code, p) in Provinces)
        {
            if (string.Equals(p.En, t, StringComparison.OrdinalIgnoreCase) || (t.StartsWith(p.Zh, StringComparison.Ordinal)
                && (t.Length == p.Zh.Length || t[p.Zh.Length..] is "省" or "市" or "自治区" or "壮族自治区" or "回族自治区" or "维吾尔自治区" or "特别行政区")))
                return code;
        }
        return null;
    }

    public static string? ProvinceNameZh(string provinceCode) =>
        provinceCode is not null && Provinces.TryGetValue(provinceCode, out var p) ? p.Zh : null;

    /// <summary>
    /// A province as an officer reads it: its Chinese name in Chinese, its English name in English, and in Burmese the
    /// English name with the Chinese one beside it (the form border officers on the Myanmar side meet on papers), since no
    /// Burmese spelling of China's provinces is standard. Takes a province code or its English name.
    /// </summary>
    public static string ProvinceLabel(string provinceCodeOrName, string language)
    {
        var p = Provinces.TryGetValue(provinceCodeOrName, out var byCode) ? byCode : Provinces.Values.FirstOrDefault(v => v.En == provinceCodeOrName);
        if (p.En is null)
        {
            return provinceCodeOrName;
        }
        return language switch
        {
            "zh" => p.Zh,
            "my" => $"{p.En} ({p.Zh})",
            _ => p.En,
        };
    }

    public static IdComparisonResult Compare(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return new IdComparisonResult(IdComparison.Equal, 0);
        }
        if (a.Length != b.Length)
        {
            return new IdComparisonResult(IdComparison.Different, 0);
        }
        int first = -1, second = -1;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] == b[i])
            {
                continue;
            }
            if (first < 0)
            {
                first = i;
            }
            else if (second < 0)
            {
                second = i;
            }
            else
            {
                return new IdComparisonResult(IdComparison.Different, 0);
            }
        }
        if (second < 0)
        {
            return new IdComparisonResult(IdComparison.OneDigitDifferent, first + 1);
        }
        return second == first + 1 && a[first] == b[second] && a[second] == b[first]
            ? new IdComparisonResult(IdComparison.TransposedDigits, first + 1)
            : new IdComparisonResult(IdComparison.Different, 0);
    }

    private static readonly FrozenDictionary<string, (string En, string Zh)> Provinces = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["11"] = ("Beijing", "北京"),
        ["12"] = ("Tianjin", "天津"),
        ["13"] = ("Hebei", "河北"),
        ["14"] = ("Shanxi", "山西"),
        ["15"] = ("Inner Mongolia", "内蒙古"),
        ["21"] = ("Liaoning", "辽宁"),
        ["22"] = ("Jilin", "吉林"),
        ["23"] = ("Heilongjiang", "黑龙江"),
        ["31"] = ("Shanghai", "上海"),
        ["32"] = ("Jiangsu", "江苏"),
        ["33"] = ("Zhejiang", "浙江"),
        ["34"] = ("Anhui", "安徽"),
        ["35"] = ("Fujian", "福建"),
        ["36"] = ("Jiangxi", "江西"),
        ["37"] = ("Shandong", "山东"),
        ["41"] = ("Henan", "河南"),
        ["42"] = ("Hubei", "湖北"),
        ["43"] = ("Hunan", "湖南"),
        ["44"] = ("Guangdong", "广东"),
        ["45"] = ("Guangxi", "广西"),
        ["46"] = ("Hainan", "海南"),
        ["50"] = ("Chongqing", "重庆"),
        ["51"] = ("Sichuan", "四川"),
        ["52"] = ("Guizhou", "贵州"),
        ["53"] = ("Yunnan", "云南"),
        ["54"] = ("Tibet", "西藏"),
        ["61"] = ("Shaanxi", "陕西"),
        ["62"] = ("Gansu", "甘肃"),
        ["63"] = ("Qinghai", "青海"),
        ["64"] = ("Ningxia", "宁夏"),
        ["65"] = ("Xinjiang", "新疆"),
        ["71"] = ("Taiwan", "台湾"),
        ["81"] = ("Hong Kong", "香港"),
        ["82"] = ("Macao", "澳门"),
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
