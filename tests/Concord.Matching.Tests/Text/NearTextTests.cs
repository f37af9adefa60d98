namespace Concord.Matching.Tests.Text;

/// <summary>
/// Near links between a victim's narrative and a script seized on a phone: MinHash over character shingles, bucketed by
/// LSH, verified on the exact shingles, explained by the passage quoted; in Chinese, Burmese and Latin script alike.
/// </summary>
public sealed class NearTextTests
{
    private const string RefundScript = "您好，我是平台客服，您在本店购买的蓝牙耳机检测出电池质量问题，我们将为您办理双倍理赔。请下载飞语会议并开启屏幕共享，按照我的指引操作退款流程。";
    private const string InvestScript = "老师带单稳赚不赔，今天鑫盛国际的内部消息收益百分之三十，先小额充值体验，提现秒到账，名额有限先到先得。";
    private const string BankScript = "这里是银行风控中心，您的账户涉嫌洗钱交易，为了保证资金安全请将余额转入安全账户配合调查，不要告诉家人。";

    private const string BurmeseScript = "မင်္ဂလာပါ၊ ကျွန်တော်က ဘဏ်ဝန်ထမ်းဖြစ်ပါတယ်။ သင့်ငွေစာရင်းကို ငွေကြေးခဝါချမှုနဲ့ စစ်ဆေးနေပါတယ်။ ငွေတွေကို လုံခြုံတဲ့ အကောင့်ထဲကို ချက်ချင်းလွှဲပေးပါ။";

    private static NearTextIndex Scripts()
    {
        var index = new NearTextIndex();
        index.Add(1, RefundScript);
        index.Add(2, InvestScript);
        index.Add(3, BankScript);
        index.Add(4, BurmeseScript);
        return index;
    }

    [Fact]
    public void Text_is_normalised_alike_in_every_script()
    {
        Assert.Equal("大家好我是平台客服abc123", Shingles.Normalise("大家好，我是 平台客服！ＡＢＣ１２３"));
        // The caller's 您 and 你 are the victim's 我 when retold.
        Assert.Equal(Shingles.Normalise("我的账户涉嫌洗钱"), Shingles.Normalise("您的账户涉嫌洗钱"));
        // Burmese keeps its vowel signs and tone marks (they are marks, not punctuation); the section marks go.
        Assert.Equal("မင်္ဂလာပါကျွန်တော်", Shingles.Normalise("မင်္ဂလာပါ၊ ကျွန်တော်။"));
        Assert.Equal(["您好，我是平台客服", "您购买的商品有质量问题"],
            Shingles.Passages("您好，我是平台客服，您购买的商品有质量问题。", 6).Select(p => p.Of("您好，我是平台客服，您购买的商品有质量问题。")));
    }

    [Fact]
    public void A_narrative_quoting_a_script_finds_it_with_the_passage_it_quotes()
    {
        var narrative = "3月2日接到电话，对方说是平台客服，说我买的蓝牙耳机检测出电池质量问题，要给我办理双倍理赔，让我下载飞语会议并开启屏幕共享，后来卡里的钱被转走了。";
        var match = Assert.Single(Scripts().Query(narrative, 0.5));
        Assert.Equal(1, match.Id);
        Assert.InRange(match.Score, 0.8, 1.0);
        Assert.Contains("飞语会议", match.PassageText, StringComparison.Ordinal);
        Assert.True(match.Estimated > 0.3, $"estimated {match.Estimated}");
        Assert.Equal(RefundScript.Substring(match.Passage.Start, match.Passage.Length), match.PassageText);
    }

    [Fact]
    public void An_unrelated_narrative_finds_nothing()
    {
        Assert.Empty(Scripts().Query("接到电话称我的孩子在外地被绑架，要求立即汇款赎人，后来发现孩子在学校安然无恙。", 0.5));
        Assert.Empty(Scripts().Query("收到中奖通知，称我抽中大奖需要先交税费和手续费才能领奖，多次转账后对方失联。", 0.5));
        Assert.Empty(Scripts().Query("", 0.5));
    }

    [Fact]
    public void A_Burmese_narrative_finds_the_Burmese_script()
    {
        var narrative = "ဖုန်းဆက်လာသူက ကျွန်တော်က ဘဏ်ဝန်ထမ်းဖြစ်ပါတယ်လို့ပြောပြီး ငွေတွေကို လုံခြုံတဲ့ အကောင့်ထဲကို ချက်ချင်းလွှဲပေးပါလို့ ပြောခဲ့တယ်။";
        var match = Assert.Single(Scripts().Query(narrative, 0.5));
        Assert.Equal(4, match.Id);
        Assert.Contains("လုံခြုံတဲ့", match.PassageText, StringComparison.Ordinal);
        Assert.Empty(Scripts().Query("ဈေးထဲမှာ ငါးနဲ့ ဟင်းသီးဟင်းရွက် ဝယ်ခဲ့ပြီး အိမ်ပြန်လာတယ်။", 0.5));
    }

    [Fact]
    public void Latin_text_is_matched_alike()
    {
        var index = new NearTextIndex();
        index.Add(7, "Hello dear, I am the customer service of the shop. Your parcel was lost in transit, we will refund double. Please install the meeting app and share your screen.");
        var match = Assert.Single(index.Query("They said my PARCEL was lost in transit and they would refund double, then asked me to share my screen.", 0.5));
        Assert.Equal(7, match.Id);
        Assert.Empty(index.Query("My neighbour sold me a used bicycle that was stolen.", 0.5));
    }

    [Fact]
    public void Signatures_and_results_are_the_same_every_run()
    {
        var a = new MinHash(128);
        var b = new MinHash(128);
        var shingles = Shingles.Of(Shingles.Normalise(RefundScript), 3);
        var x = new uint[128];
        var y = new uint[128];
        a.Sign(shingles, x);
        b.Sign(shingles, y);
        Assert.Equal(x, y);
        Assert.Equal(1.0, MinHash.Estimate(x, y));
        var narrative = "对方说老师带单稳赚不赔，内部消息收益百分之三十，让我先小额充值体验。";
        Assert.Equal(Scripts().Query(narrative, 0.3), Scripts().Query(narrative, 0.3));
        Assert.Equal(2, Scripts().Query(narrative, 0.3)[0].Id);
    }

    [Fact]
    public void The_estimate_follows_the_exact_Jaccard()
    {
        // Two sets of 200 shingles sharing 100: Jaccard 1/3; 128 functions estimate it within a few hundredths.
        var shared = Enumerable.Range(0, 100).Select(i => Shingles.Mix((ulong)i)).ToArray();
        var left = shared.Concat(Enumerable.Range(1000, 100).Select(i => Shingles.Mix((ulong)i))).Order().ToArray();
        var right = shared.Concat(Enumerable.Range(2000, 100).Select(i => Shingles.Mix((ulong)i))).Order().ToArray();
        var minHash = new MinHash(128);
        var x = new uint[128];
        var y = new uint[128];
        minHash.Sign(left, x);
        minHash.Sign(right, y);
        Assert.Equal(100, Shingles.Shared(left, right));
        Assert.InRange(MinHash.Estimate(x, y), 1.0 / 3 - 0.12, 1.0 / 3 + 0.12);
    }

    [Fact]
    public void A_link_index_answers_identifiers_scripts_and_earlier_reports()
    {
        var index = new LinkIndex();
        index.AddIdentifier("phone:+8617012345678", 10);
        index.AddIdentifier("phone:+8617012345678", 11);
        index.AddScript(1, InvestScript);
        index.AddNarrative(100, "网友拉我进群，说老师带单稳赚不赔，今天鑫盛国际的内部消息收益百分之三十，先小额充值体验，后来无法提现。");
        var links = index.Link(["phone:+8617012345678", "bank_card:6222021234567890128"],
            "群里的人说老师带单稳赚不赔，今天鑫盛国际的内部消息收益百分之三十，我先小额充值体验，后来大额充值无法提现。", 0.5, 0.3);
        Assert.Equal([("phone:+8617012345678", 11), ("phone:+8617012345678", 10)], links.Exact);
        Assert.Equal(1, Assert.Single(links.Scripts).Id);
        Assert.Equal(100, Assert.Single(links.Reports).Id);
        Assert.Empty(index.Link([], "收到中奖通知，称我抽中大奖需要先交税费。", 0.5, 0.3).Scripts);
    }
}
