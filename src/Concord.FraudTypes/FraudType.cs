namespace Concord.FraudTypes;

/// <summary>
/// The kinds of telecom fraud a victim's report is sorted into: the eight types of the TeleAntiFraud dialogues, and
/// <see cref="None"/> for a call that was no fraud. Each has a stable code (<see cref="FraudTypes.Code"/>) for storage.
/// </summary>
public enum FraudType
{
    None,
    Investment,
    Bank,
    Phishing,
    CustomerService,
    IdentityTheft,
    Parcel,
    Lottery,
    Kidnapping,
}

/// <summary>A fraud type's stable code and what it is called in English, in Chinese (the data's own term) and in Burmese.</summary>
public sealed record FraudTypeLabel(FraudType Type, string Code, string English, string Chinese, string Burmese);

/// <summary>The table of fraud types: codes, labels in three languages, and the data's Chinese terms.</summary>
public static class FraudTypes
{
    /// <summary>Every type, <see cref="FraudType.None"/> first, in the order of <see cref="FraudType"/>.</summary>
    public static IReadOnlyList<FraudTypeLabel> All { get; } =
    [
        new(FraudType.None, "none", "Not fraud", "非诈骗", "လိမ်လည်မှု မဟုတ်"),
        new(FraudType.Investment, "investment", "Investment fraud", "投资诈骗", "ရင်းနှီးမြှုပ်နှံမှု လိမ်လည်မှု"),
        new(FraudType.Bank, "bank", "Bank fraud", "银行诈骗", "ဘဏ် လိမ်လည်မှု"),
        new(FraudType.Phishing, "phishing", "Phishing", "钓鱼诈骗", "ဖစ်ရှင်း လိမ်လည်မှု"),
        new(FraudType.CustomerService, "customer-service", "Fake customer service", "客服诈骗", "ဖောက်သည်ဝန်ဆောင်မှု အယောင်ဆောင် လိမ်လည်မှု"),
        new(FraudType.IdentityTheft, "identity-theft", "Identity theft", "身份盗窃", "ကိုယ်ရေးအချက်အလက် ခိုးယူမှု"),
        new(FraudType.Parcel, "parcel", "Parcel fraud", "邮件诈骗", "ပါဆယ်ထုပ် လိမ်လည်မှု"),
        new(FraudType.Lottery, "lottery", "Lottery fraud", "彩票诈骗", "ထီပေါက်သည်ဟု လိမ်လည်မှု"),
        new(FraudType.Kidnapping, "kidnapping", "Fake kidnapping", "绑架诈骗", "ပြန်ပေးဆွဲထားသည်ဟု လိမ်လည်မှု"),
    ];

    /// <summary>The eight fraud types, without <see cref="FraudType.None"/>.</summary>
    public static IReadOnlyList<FraudType> Frauds { get; } = All.Skip(1).Select(l => l.Type).ToList();

    public static FraudTypeLabel Label(FraudType type) => All[(int)type];

    public static string Code(FraudType type) => Label(type).Code;

    /// <summary>The type with this code; <see langword="false"/> for a code that is not in the table.</summary>
    public static bool TryParse(string? code, out FraudType type)
    {
        foreach (var label in All)
        {
            if (string.Equals(label.Code, code, StringComparison.Ordinal))
            {
                type = label.Type;
                return true;
            }
        }
        type = FraudType.None;
        return false;
    }

    public static FraudType Parse(string code) =>
        TryParse(code, out var type) ? type : throw new FormatException("Unknown fraud type code " + code);

    /// <summary>The type the data's Chinese term names, of the eight; <see langword="null"/> for any other term.</summary>
    public static FraudType? FromChinese(string term)
    {
        foreach (var label in All.Skip(1))
        {
            if (string.Equals(label.Chinese, term, StringComparison.Ordinal))
            {
                return label.Type;
            }
        }
        return null;
    }
}
