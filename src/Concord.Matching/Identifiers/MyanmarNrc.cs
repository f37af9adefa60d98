using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Concord.Matching;

public readonly record struct Nrc(int State, string Township, string Type, string Number)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{State}/{Township}({Type}){Number}");
}

public static class MyanmarNrc
{
    public static bool TryParse(string raw, out Nrc nrc)
    {
        nrc = default;
        if (string.IsNullOrWhiteSpace(raw))
        {
            return false;
        }
        var s = FieldValues.ToAsciiDigits(raw.Normalize(NormalizationForm.FormC)).Trim();
        var slash = s.IndexOfAny(['/', '／']);
        var open = s.IndexOfAny(['(', '（']);
        var close = s.IndexOfAny([')', '）']);
        if (slash <= 0 || open <= slash || close <= open)
        {
            return false;
        }
        if (!int.TryParse(s.AsSpan(0, slash).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var state) || state is < 1 or > 14)
        {
            return false;
        }
        var township = Compact(s[(slash + 1)..open]);
        var type = Compact(s[(open + 1)..close]);
        var number = Compact(s[(close + 1)..]);
        if (township.Length == 0 || type.Length == 0 || number.Length is < 5 or > 7 || !number.All(char.IsAsciiDigit))
        {
            return false;
        }
        nrc = new Nrc(state, CanonicalTownship(state, township), CanonicalType(type), number);
        return true;
    }

    private static string Compact(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (!char.IsWhiteSpace(c) && c != '.')
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    private static string CanonicalTownship(int state, string township)
    {
        if (NameText.DetectScript(township) == Script.Latin)
        {
            return township.ToUpperInvariant();
        }
        if (Townships.Value.TryGetValue(Key(state, township), out var code))
        {
            return code;
        }
        return Transliterate(township) ?? township;
    }

    internal static string Key(int state, string township) => state.ToString(CultureInfo.InvariantCulture) + "/" + township;

    // The NRC township code is one Latin syllable per Burmese consonant (မ MA, ထ HTA, ...), which covers codes missing from the table.
    private static string? Transliterate(string township)
    {
        var sb = new StringBuilder(township.Length * 3);
        foreach (var c in township)
        {
            var syllable = c switch
            {
                'က' => "KA",
                'ခ' => "KHA",
                'ဂ' => "GA",
                'ဃ' => "GA",
                'င' => "NGA",
                'စ' => "SA",
                'ဆ' => "SA",
                'ဇ' => "ZA",
                'ဈ' => "ZA",
                'ည' => "NYA",
                'ဉ' => "NYA",
                'ဋ' => "TA",
                'ဌ' => "HTA",
                'ဍ' => "DA",
                'ဎ' => "DA",
                'ဏ' => "NA",
                'တ' => "TA",
                'ထ' => "HTA",
                'ဒ' => "DA",
                'ဓ' => "DA",
                'န' => "NA",
                'ပ' => "PA",
                'ဖ' => "PHA",
                'ဗ' => "BA",
                'ဘ' => "BA",
                'မ' => "MA",
                'ယ' => "YA",
                'ရ' => "YA",
                'လ' => "LA",
                'ဝ' => "WA",
                'သ' => "THA",
                'ဟ' => "HA",
                'ဠ' => "LA",
                'အ' => "AA",
                'ဥ' => "OU",
                'ဦ' => "OU",
                _ => null,
            };
            if (syllable is null)
            {
                return null;
            }
            sb.Append(syllable);
        }
        return sb.ToString();
    }

    private static string CanonicalType(string type)
    {
        var upper = type.ToUpperInvariant();
        return upper switch
        {
            "N" or "NAING" or "NAI" or "နိုင်" or "နို္င်" => "N",
            "E" or "AE" or "EH" or "ဧည့်" => "E",
            "P" or "PYU" or "ပြု" => "P",
            "T" or "THA" or "သာသနာ" => "T",
            "Y" or "YAYI" or "ယာယီ" => "Y",
            "S" or "SA" or "စ" => "S",
            _ => upper,
        };
    }

    private static readonly Lazy<FrozenDictionary<string, string>> Townships = new(() =>
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in ResourceTables.Read("Concord.Matching.Identifiers.mm-nrc-townships.tsv"))
        {
            if (row.Length >= 3 && int.TryParse(row[0], NumberStyles.None, CultureInfo.InvariantCulture, out var state))
            {
                map.TryAdd(Key(state, row[1].Normalize(NormalizationForm.FormC)), row[2]);
            }
        }
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    });
}
