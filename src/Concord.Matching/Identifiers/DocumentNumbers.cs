using System.Text;

namespace Concord.Matching;

public static class DocumentNumbers
{
    public const string CnRic = "CN-RIC";
    public const string MmNrc = "MM-NRC";
    public const string Passport = "PASSPORT";
    public const string Phone = "PHONE";

    public static string Canonical(string? type, string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var t = type?.Trim().ToUpperInvariant() ?? string.Empty;
        return t switch
        {
            CnRic => ChineseResidentId.Normalize(raw),
            MmNrc => MyanmarNrc.TryParse(raw, out var nrc) ? nrc.ToString() : NameText.Fold(raw).Replace(" ", string.Empty, StringComparison.Ordinal),
            Phone => PhoneNumbers.ToE164(raw) ?? UpperAlphanumerics(raw),
            _ => UpperAlphanumerics(raw),
        };
    }

    private static string UpperAlphanumerics(string raw)
    {
        var s = FieldValues.ToAsciiDigits(raw.Normalize(NormalizationForm.FormKC));
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(char.ToUpperInvariant(c));
            }
        }
        return sb.ToString();
    }
}
