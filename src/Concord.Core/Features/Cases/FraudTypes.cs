namespace Concord.Core.Features.Cases;

/// <summary>The fraud types a report is filed under, by the codes files, the API and the pages use, read also from their Chinese names.</summary>
public static class FraudTypes
{
    private static readonly (string Code, string Chinese)[] Table =
    [
        ("investment", "投资诈骗"), ("bank", "银行诈骗"), ("phishing", "钓鱼诈骗"), ("customer-service", "客服诈骗"),
        ("identity-theft", "身份盗窃"), ("parcel", "邮件诈骗"), ("lottery", "彩票诈骗"), ("kidnapping", "绑架诈骗"),
    ];

    /// <summary>The codes, as a refusal lists them.</summary>
    public static string List { get; } = string.Join(", ", Table.Select(t => t.Code));

    public static bool TryParse(string? written, out string code)
    {
        var t = written?.Trim() ?? "";
        foreach (var (c, zh) in Table)
        {
            if (string.Equals(t, c, StringComparison.OrdinalIgnoreCase) || t == zh || (t.Length >= 2 && zh.StartsWith(t, StringComparison.Ordinal)))
            {
                code = c;
                return true;
            }
        }
        code = "";
        return false;
    }
}
