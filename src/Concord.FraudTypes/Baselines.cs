namespace Concord.FraudTypes;

/// <summary>Something that names one fraud type for a text: the model, or one of the baselines it is measured beside.</summary>
public interface IFraudTypeClassifier
{
    string Name { get; }

    FraudType Classify(string text);
}

/// <summary>Always the type most common in training (the first in <see cref="FraudType"/> order on a tie).</summary>
public sealed class MajorityBaseline : IFraudTypeClassifier
{
    public MajorityBaseline(IEnumerable<FraudDialogue> training)
    {
        var counts = new int[FraudTypes.All.Count];
        foreach (var dialogue in training)
        {
            counts[(int)dialogue.Type]++;
        }
        Majority = (FraudType)Array.IndexOf(counts, counts.Max());
    }

    public FraudType Majority { get; }

    public string Name => "majority";

    public FraudType Classify(string text) => Majority;
}

/// <summary>
/// Chinese keywords, each for one type: the type with the most distinct keywords in the text wins, the earlier in
/// <see cref="Keywords"/> on a tie, and <see cref="FraudType.None"/> when none is there. The words are what a reader
/// of the training dialogues would pick; the four bank-themed types share most of theirs, and are told apart only by
/// how the caller opens (a named bank's service centre, a transaction, activity on the account, a link or code).
/// </summary>
public sealed class KeywordBaseline : IFraudTypeClassifier
{
    /// <summary>Each type's keywords, the most specific types first.</summary>
    public static IReadOnlyList<(FraudType Type, string[] Words)> Keywords { get; } =
    [
        (FraudType.Kidnapping, ["绑架", "赎金", "绑匪", "出事了", "撕票", "你儿子", "你女儿", "不许报警", "不要报警", "别报警"]),
        (FraudType.Lottery, ["中奖", "彩票", "奖金", "恭喜您", "大奖", "一等奖", "特等奖", "领奖", "兑奖"]),
        (FraudType.Parcel, ["包裹", "快递", "顺丰", "物流", "违禁品", "海关", "运输过程"]),
        (FraudType.Investment, ["投资", "收益", "理财", "回报", "收益率", "项目", "股票", "基金", "稳赚"]),
        (FraudType.CustomerService, ["客服中心", "某某银行", "客服代表", "退款", "退货", "售后"]),
        (FraudType.IdentityTheft, ["身份证", "个人信息", "盗用", "冒用", "身份信息", "异常活动", "身份被"]),
        (FraudType.Phishing, ["链接", "验证码", "登录", "网址", "网站", "点击", "短信"]),
        (FraudType.Bank, ["银行卡", "账户异常", "异常交易", "交易", "冻结", "资金安全", "安全账户", "转账"]),
    ];

    public string Name => "keyword";

    public FraudType Classify(string text)
    {
        var best = FraudType.None;
        var bestHits = 0;
        foreach (var (type, words) in Keywords)
        {
            var hits = words.Count(w => text.Contains(w, StringComparison.Ordinal));
            if (hits > bestHits)
            {
                best = type;
                bestHits = hits;
            }
        }
        return best;
    }
}
