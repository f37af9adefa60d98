using System.Globalization;
using System.Text;
using Nethereum.Util;
using PhoneNumbers;
using SimpleBase;

namespace Concord.Matching;

/// <summary>The kinds of identifier a victim's report or a seized device names: how a victim was reached and where the money went.</summary>
public enum IdentifierKind
{
    Phone,
    BankCard,
    BankAccount,
    Tron,
    Ethereum,
    WeChat,
    QQ,
    Telegram,
    WhatsApp,
    Line,
    Url,
    Imei,
    Imsi,
}

/// <summary>Why a written identifier was refused.</summary>
public enum IdentifierProblem
{
    Empty,
    NotAPhoneNumber,
    CardLength,
    CardCheckDigit,
    AccountShape,
    TronShape,
    TronChecksum,
    EthereumShape,
    EthereumChecksum,
    AccountName,
    QQNumber,
    NotAUrl,
    ImeiLength,
    ImeiCheckDigit,
    ImsiShape,
}

/// <summary>What Concord assumed or could not confirm about an identifier it kept: shown beside it to whoever can fix it.</summary>
[Flags]
public enum IdentifierFlags
{
    None = 0,
    /// <summary>A number written without its country code: the default region was assumed.</summary>
    RegionAssumed = 1,
    /// <summary>A number of a plausible length that libphonenumber's ranges do not (yet) hold.</summary>
    UnknownRange = 2,
    /// <summary>An Ethereum address written in one case, so without the EIP-55 checksum that would catch a slip.</summary>
    NoChecksum = 4,
    /// <summary>An IMEI written with 14 digits: its check digit was computed, not read.</summary>
    CheckDigitAdded = 8,
    /// <summary>An IMSI whose country code (MCC) is neither Myanmar's (414) nor China's (460).</summary>
    ForeignImsi = 16,
    /// <summary>A web address written without its scheme: http was assumed.</summary>
    SchemeAssumed = 32,
}

/// <summary>An identifier as written and as Concord keeps it: the normalised value (the key every link is made on), or why it was refused.</summary>
public readonly record struct IdentifierReading(IdentifierKind Kind, string Written, string? Value, IdentifierFlags Flags, IdentifierProblem? Problem)
{
    public bool Ok => Value is not null;
}

/// <summary>
/// Normalising and validating the identifiers of fraud cases, with the library that owns each check where one exists:
/// libphonenumber for telephone numbers (to E.164), the Luhn check for bank cards and IMEIs, Base58Check for TRON
/// addresses (version byte 0x41, SimpleBase), EIP-55 for Ethereum addresses (Nethereum). Two writings of the same
/// identifier normalise to the same value; a one-character slip in a card, IMEI, TRON or checksummed Ethereum address
/// is refused, never kept as another identifier.
/// </summary>
public static class CaseIdentifiers
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();
    private static readonly AddressUtil Addresses = new();

    /// <summary>The kind as files and the API write it (<c>phone</c>, <c>bank_card</c>, <c>wechat</c>), or Chinese.</summary>
    public static bool TryParseKind(string? text, out IdentifierKind kind)
    {
        kind = IdentifierKind.Phone;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "phone" or "电话" or "手机号" or "手机号码" or "电话号码" or "ဖုန်း": kind = IdentifierKind.Phone; return true;
            case "bank_card" or "银行卡" or "银行卡号" or "ဘဏ်ကတ်": kind = IdentifierKind.BankCard; return true;
            case "bank_account" or "银行账户" or "账户" or "对公账户" or "ဘဏ်အကောင့်": kind = IdentifierKind.BankAccount; return true;
            case "tron" or "trc20" or "usdt-trc20" or "波场": kind = IdentifierKind.Tron; return true;
            case "ethereum" or "eth" or "erc20" or "usdt-erc20" or "以太坊": kind = IdentifierKind.Ethereum; return true;
            case "wechat" or "微信": kind = IdentifierKind.WeChat; return true;
            case "qq": kind = IdentifierKind.QQ; return true;
            case "telegram" or "电报" or "飞机": kind = IdentifierKind.Telegram; return true;
            case "whatsapp": kind = IdentifierKind.WhatsApp; return true;
            case "line": kind = IdentifierKind.Line; return true;
            case "url" or "网址" or "链接": kind = IdentifierKind.Url; return true;
            case "imei": kind = IdentifierKind.Imei; return true;
            case "imsi": kind = IdentifierKind.Imsi; return true;
            default: return false;
        }
    }

    /// <summary>The kind's name as files, the API and the pages write it.</summary>
    public static string KindName(IdentifierKind kind) => kind switch
    {
        IdentifierKind.BankCard => "bank_card",
        IdentifierKind.BankAccount => "bank_account",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// The identifier normalised, or the reason it was refused. <paramref name="defaultRegion"/> (ISO 3166 alpha-2, "CN",
    /// "MM") is the region a telephone number written without its country code is read in, flagged when used.
    /// </summary>
    public static IdentifierReading Read(IdentifierKind kind, string? written, string? defaultRegion = "CN")
    {
        var raw = written ?? "";
        var text = FieldValues.ToAsciiDigits(raw.Normalize(NormalizationForm.FormKC)).Trim();
        if (text.Length == 0) return Refused(kind, raw, IdentifierProblem.Empty);
        return kind switch
        {
            IdentifierKind.Phone or IdentifierKind.WhatsApp => Phone(kind, raw, text, defaultRegion),
            IdentifierKind.BankCard => Card(raw, text),
            IdentifierKind.BankAccount => Account(raw, text),
            IdentifierKind.Tron => Tron(raw, text),
            IdentifierKind.Ethereum => Ethereum(raw, text),
            IdentifierKind.WeChat => Handle(kind, raw, text, 6, 20, allowDash: true),
            IdentifierKind.Telegram => TelegramName(raw, text),
            IdentifierKind.Line => Handle(kind, raw, text, 4, 20, allowDash: true, allowDot: true, letterFirst: false),
            IdentifierKind.QQ => QQNumber(raw, text),
            IdentifierKind.Url => Url(raw, text),
            IdentifierKind.Imei => Imei(raw, text),
            IdentifierKind.Imsi => Imsi(raw, text),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    /// <summary>Whether the digits end in a valid Luhn check digit (ISO/IEC 7812: bank cards, IMEIs).</summary>
    public static bool LuhnValid(ReadOnlySpan<char> digits) => digits.Length > 1 && LuhnDigit(digits[..^1]) == digits[^1] - '0';

    /// <summary>The Luhn check digit that completes <paramref name="payload"/>.</summary>
    public static int LuhnDigit(ReadOnlySpan<char> payload)
    {
        var sum = 0;
        for (var i = 0; i < payload.Length; i++)
        {
            var d = payload[payload.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
        }
        return (10 - (sum % 10)) % 10;
    }

    /// <summary>The TRON address (T…, Base58Check of 0x41 and the 20-byte account) of an account's bytes.</summary>
    public static string TronAddress(ReadOnlySpan<byte> account20) => Base58.Bitcoin.EncodeCheck(account20, 0x41);

    /// <summary>The EIP-55 (mixed-case checksummed) writing of a 40-hex-digit Ethereum address.</summary>
    public static string EthereumChecksummed(string address) => Addresses.ConvertToChecksumAddress(address);

    private static IdentifierReading Refused(IdentifierKind kind, string raw, IdentifierProblem problem) => new(kind, raw, null, IdentifierFlags.None, problem);

    private static IdentifierReading Kept(IdentifierKind kind, string raw, string value, IdentifierFlags flags = IdentifierFlags.None) => new(kind, raw, value, flags, null);

    private static string DigitsOnly(string text, string separators)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c)) sb.Append(c);
            else if (separators.Contains(c, StringComparison.Ordinal)) continue;
            else return "";
        }
        return sb.ToString();
    }

    private static IdentifierReading Phone(IdentifierKind kind, string raw, string text, string? region)
    {
        try
        {
            // 00 opens an international number in China and in Myanmar alike.
            if (text.StartsWith("00", StringComparison.Ordinal)) text = "+" + text[2..];
            var international = text.StartsWith('+');
            var number = Phones.Parse(text, international ? "ZZ" : region ?? "ZZ");
            if (!Phones.IsPossibleNumber(number)) return Refused(kind, raw, IdentifierProblem.NotAPhoneNumber);
            var flags = international ? IdentifierFlags.None : IdentifierFlags.RegionAssumed;
            if (!Phones.IsValidNumber(number)) flags |= IdentifierFlags.UnknownRange;
            return Kept(kind, raw, Phones.Format(number, PhoneNumberFormat.E164), flags);
        }
        catch (NumberParseException)
        {
            return Refused(kind, raw, IdentifierProblem.NotAPhoneNumber);
        }
    }

    private static IdentifierReading Card(string raw, string text)
    {
        var digits = DigitsOnly(text, " -");
        if (digits.Length is < 12 or > 19) return Refused(IdentifierKind.BankCard, raw, IdentifierProblem.CardLength);
        return LuhnValid(digits) ? Kept(IdentifierKind.BankCard, raw, digits) : Refused(IdentifierKind.BankCard, raw, IdentifierProblem.CardCheckDigit);
    }

    private static IdentifierReading Account(string raw, string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c)) sb.Append(char.ToUpperInvariant(c));
            else if (c is not (' ' or '-')) return Refused(IdentifierKind.BankAccount, raw, IdentifierProblem.AccountShape);
        }
        return sb.Length is >= 6 and <= 34 && sb.ToString().Any(char.IsAsciiDigit)
            ? Kept(IdentifierKind.BankAccount, raw, sb.ToString())
            : Refused(IdentifierKind.BankAccount, raw, IdentifierProblem.AccountShape);
    }

    private static IdentifierReading Tron(string raw, string text)
    {
        // Base58 leaves out 0, O, I and l, which read alike.
        if (text.Length is < 30 or > 40 || text[0] != 'T' || text.Any(c => !char.IsAsciiLetterOrDigit(c) || c is '0' or 'O' or 'I' or 'l'))
            return Refused(IdentifierKind.Tron, raw, IdentifierProblem.TronShape);
        Span<byte> payload = stackalloc byte[32];
        if (!Base58.Bitcoin.TryDecodeCheck(text, payload, out var version, out var written))
            return Refused(IdentifierKind.Tron, raw, IdentifierProblem.TronChecksum);
        return version == 0x41 && written == 20 ? Kept(IdentifierKind.Tron, raw, text) : Refused(IdentifierKind.Tron, raw, IdentifierProblem.TronShape);
    }

    private static IdentifierReading Ethereum(string raw, string text)
    {
        var hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (hex.Length != 40 || !hex.All(char.IsAsciiHexDigit)) return Refused(IdentifierKind.Ethereum, raw, IdentifierProblem.EthereumShape);
        var address = "0x" + hex;
        var oneCase = hex.All(c => !char.IsAsciiLetterUpper(c)) || hex.All(c => !char.IsAsciiLetterLower(c));
        if (oneCase) return Kept(IdentifierKind.Ethereum, raw, EthereumChecksummed(address.ToLowerInvariant()), IdentifierFlags.NoChecksum);
        return Addresses.IsChecksumAddress(address)
            ? Kept(IdentifierKind.Ethereum, raw, address)
            : Refused(IdentifierKind.Ethereum, raw, IdentifierProblem.EthereumChecksum);
    }

    private static IdentifierReading Handle(IdentifierKind kind, string raw, string text, int min, int max, bool allowDash = false, bool allowDot = false, bool letterFirst = true)
    {
        var name = text.TrimStart('@').ToLowerInvariant();
        var ok = name.Length >= min && name.Length <= max && (!letterFirst || char.IsAsciiLetter(name[0]))
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_' || (allowDash && c == '-') || (allowDot && c == '.'));
        return ok ? Kept(kind, raw, name) : Refused(kind, raw, IdentifierProblem.AccountName);
    }

    private static IdentifierReading TelegramName(string raw, string text)
    {
        var t = text;
        foreach (var prefix in new[] { "https://t.me/", "http://t.me/", "t.me/" })
            if (t.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) t = t[prefix.Length..];
        return Handle(IdentifierKind.Telegram, raw, t, 5, 32);
    }

    private static IdentifierReading QQNumber(string raw, string text)
    {
        var digits = DigitsOnly(text, " ");
        return digits.Length is >= 5 and <= 11 && digits[0] != '0' ? Kept(IdentifierKind.QQ, raw, digits) : Refused(IdentifierKind.QQ, raw, IdentifierProblem.QQNumber);
    }

    private static IdentifierReading Url(string raw, string text)
    {
        var flags = IdentifierFlags.None;
        var t = text;
        if (!t.Contains("://", StringComparison.Ordinal))
        {
            t = "http://" + t;
            flags |= IdentifierFlags.SchemeAssumed;
        }
        if (!Uri.TryCreate(t, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !uri.Host.Contains('.', StringComparison.Ordinal))
            return Refused(IdentifierKind.Url, raw, IdentifierProblem.NotAUrl);
        var host = new IdnMapping().GetAscii(uri.Host).ToLowerInvariant();
        var port = uri.IsDefaultPort ? "" : ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
        var path = uri.AbsolutePath.TrimEnd('/');
        return Kept(IdentifierKind.Url, raw, $"{uri.Scheme}://{host}{port}{path}{uri.Query}", flags);
    }

    private static IdentifierReading Imei(string raw, string text)
    {
        var digits = DigitsOnly(text, " -/");
        if (digits.Length == 14)
            return Kept(IdentifierKind.Imei, raw, digits + LuhnDigit(digits).ToString(CultureInfo.InvariantCulture), IdentifierFlags.CheckDigitAdded);
        if (digits.Length != 15) return Refused(IdentifierKind.Imei, raw, IdentifierProblem.ImeiLength);
        return LuhnValid(digits) ? Kept(IdentifierKind.Imei, raw, digits) : Refused(IdentifierKind.Imei, raw, IdentifierProblem.ImeiCheckDigit);
    }

    private static IdentifierReading Imsi(string raw, string text)
    {
        var digits = DigitsOnly(text, " -");
        if (digits.Length is < 14 or > 15) return Refused(IdentifierKind.Imsi, raw, IdentifierProblem.ImsiShape);
        var flags = digits.StartsWith("414", StringComparison.Ordinal) || digits.StartsWith("460", StringComparison.Ordinal) ? IdentifierFlags.None : IdentifierFlags.ForeignImsi;
        return Kept(IdentifierKind.Imsi, raw, digits, flags);
    }
}
