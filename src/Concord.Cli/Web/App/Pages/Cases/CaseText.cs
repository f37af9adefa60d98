using System.Globalization;
using Concord.Cli.Web.Text;
using Concord.Core.Domain;
using Concord.Core.Features.Cases;
using Concord.FraudTypes;

namespace Concord.Cli.Web.App.Pages.Cases;

/// <summary>How the cases pages say their values: fraud types, money, link states, freeze outcomes, in the reader's language.</summary>
internal static class CaseText
{
    /// <summary>A fraud type code as the reader's language names it; an unknown code as stored.</summary>
    public static string FraudType(string? code) => code is null
        ? "—"
        : FraudTypes.FraudTypes.TryParse(code, out var type)
            ? UiText.Current switch
            {
                "zh" => FraudTypes.FraudTypes.Label(type).Chinese,
                "my" => FraudTypes.FraudTypes.Label(type).Burmese,
                _ => FraudTypes.FraudTypes.Label(type).English,
            }
            : code;

    public static string Money(Money m) => m.Amount.ToString("#,0.##", CultureInfo.InvariantCulture) + " " + m.Currency;

    public static string Money(IEnumerable<Money> amounts)
    {
        var text = string.Join(" · ", amounts.Select(Money));
        return text.Length == 0 ? "—" : text;
    }

    public static string LinkStatus(UiText t, CaseLinkStatus status) => status switch
    {
        CaseLinkStatus.Confirmed => t["Confirmed"],
        CaseLinkStatus.Rejected => t["Rejected"],
        _ => t["Proposed"],
    };

    public static string Method(UiText t, string method) => method switch
    {
        "exact" => t["same identifier"],
        "near" => t["same script words"],
        _ => method,
    };

    public static string Subject(UiText t, CaseSubject subject) => subject switch
    {
        CaseSubject.Den => t["Den"],
        CaseSubject.Seizure => t["Item"],
        CaseSubject.Group => t["Group"],
        _ => t["Suspect"],
    };

    public static string Outcome(UiText t, FreezeOutcome? outcome) => outcome switch
    {
        FreezeOutcome.Frozen => t["Frozen"],
        FreezeOutcome.PartlyFrozen => t["Partly frozen"],
        FreezeOutcome.NoFunds => t["No funds"],
        FreezeOutcome.Refused => t["Refused by the institution"],
        _ => t["Awaiting answer"],
    };

    /// <summary>A province by its code in the reader's language; unknown when the report named none.</summary>
    public static string Province(UiText t, string? code) =>
        string.IsNullOrEmpty(code) ? t["Unknown"] : Concord.Matching.ChineseResidentId.ProvinceLabel(code, UiText.Current);

    /// <summary>The flags Concord set reading an identifier: what it assumed, for the officer to check.</summary>
    public static string Flag(UiText t, string flag) => flag switch
    {
        "RegionAssumed" => t["country code assumed"],
        "UnknownRange" => t["number not in a known range"],
        "NoChecksum" => t["no checksum to verify"],
        "CheckDigitAdded" => t["check digit added"],
        "ForeignImsi" => t["SIM of another country"],
        "SchemeAssumed" => t["http:// assumed"],
        _ => flag,
    };

    /// <summary>A report's flag (<c>currency-assumed:CNY</c>) as a sentence the officer can check.</summary>
    public static string ReportFlag(UiText t, string flag)
    {
        var (name, value) = flag.IndexOf(':', StringComparison.Ordinal) is var i and >= 0 ? (flag[..i], flag[(i + 1)..]) : (flag, "");
        return name switch
        {
            "currency-assumed" => t["currency assumed: {0}", value],
            "zone-assumed" => t["time zone assumed: {0}", value],
            _ => flag,
        };
    }

    /// <summary>An identifier's kind (<c>bank_card</c>) as officers name it.</summary>
    public static string Kind(UiText t, string kind) => kind switch
    {
        "phone" => t["Phone"],
        "bank_card" => t["Bank card"],
        "bank_account" => t["Bank account"],
        "tron" => t["TRON address"],
        "ethereum" => t["Ethereum address"],
        "url" => t["Web address"],
        "wechat" => "WeChat",
        "qq" => "QQ",
        "telegram" => "Telegram",
        "whatsapp" => "WhatsApp",
        "line" => "LINE",
        "script" => t["Fraud script"],
        _ => kind.ToUpperInvariant(),
    };

    /// <summary>A table of a device's extraction (<c>sims</c>) as officers name it.</summary>
    public static string Table(UiText t, string? table) => table switch
    {
        "device" => t["device"],
        "sims" => t["SIM card records"],
        "accounts" => t["accounts signed in"],
        "contacts" => t["contacts"],
        "calls" => t["call log"],
        "chats" => t["chats"],
        "payments" => t["payments"],
        "scripts" => t["scripts"],
        _ => table ?? "",
    };
}
