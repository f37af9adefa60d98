using Xunit.Abstractions;

namespace Concord.FraudTypes.Tests;

/// <summary>The embedded model on victims' narratives written for these tests, in the first person, as a report reads.</summary>
public sealed class SuggestTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Narratives => new()
    {
        { "对方自称顺丰快递客服，说我的包裹丢失要理赔，让我点链接填写银行卡号，被骗了3000元", "parcel" },
        { "有人打电话说我在抽奖活动中中了一等奖，奖金五十万元，要先交两万元手续费和税才能领奖，我转账后对方就联系不上了。", "lottery" },
        { "一个陌生男人打来电话，说我儿子在他们手上，让我马上准备二十万赎金，不许报警，否则就撕票。我转了钱后才知道儿子一直在学校上课。", "kidnapping" },
        { "网上认识的朋友介绍我一个投资理财项目，说每月收益百分之二十，稳赚不赔。我先投了一万元有回报，后来又投了三十万，现在无法提现。", "investment" },
        { "我在手机上点了外卖，打电话问商家什么时候送到，商家说骑手已经出发了，十分钟后到。", "none" },
    };

    [Theory]
    [MemberData(nameof(Narratives))]
    public void A_narrative_gets_its_type(string narrative, string code)
    {
        var suggestion = FraudTypeModel.Default.Suggest(narrative);
        output.WriteLine($"{suggestion.Code} {suggestion.Confidence:0.000}; " + string.Join(", ", suggestion.RunnersUp.Take(3).Select(s => $"{s.Code} {s.Probability:0.000}")));
        Assert.Equal(code, suggestion.Code);
        Assert.InRange(suggestion.Confidence, 0.0, 1.0);
        Assert.Equal(FraudTypes.All.Count, suggestion.Scores.Count);
        Assert.Equal(1.0, suggestion.Scores.Sum(s => s.Probability), 3);
        Assert.Equal(suggestion.Confidence, suggestion.Scores[0].Probability);
        Assert.True(suggestion.Scores.Zip(suggestion.Scores.Skip(1)).All(p => p.First.Probability >= p.Second.Probability));
    }

    [Fact]
    public void A_bank_themed_narrative_gets_one_of_the_four_bank_themed_types()
    {
        // The data's bank, phishing, customer-service and identity-theft dialogues all open as a bank's service line
        // warning of trouble with the account; the model tells them apart least well (docs/fraud-types.md).
        var suggestion = FraudTypeModel.Default.Suggest("对方自称银行工作人员，说我的银行卡有一笔异常交易，账户有风险，让我把钱转到安全账户，我转了五万元。");
        output.WriteLine($"{suggestion.Code} {suggestion.Confidence:0.000}");
        Assert.Contains(suggestion.Type, new[] { FraudType.Bank, FraudType.Phishing, FraudType.CustomerService, FraudType.IdentityTheft });
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("ကျွန်တော့်ကို ဖုန်းဆက်ပြီး ပါဆယ်ထုပ်အတွက် ငွေလွှဲခိုင်းတယ်")]
    [InlineData("12345 !!!")]
    public void A_narrative_without_chinese_gets_none_with_no_confidence(string? narrative)
    {
        var suggestion = FraudTypeModel.Default.Suggest(narrative);
        Assert.Equal(FraudType.None, suggestion.Type);
        Assert.Equal(0.0, suggestion.Confidence);
    }

    [Fact]
    public async Task Parallel_suggestions_are_the_sequential_ones()
    {
        var narratives = Narratives.Select(row => (string)row[0]).Concat(Data.Dialogues.HeldOut.Take(58).Select(d => d.Text)).ToList();
        var model = FraudTypeModel.Default;
        var sequential = narratives.Select(model.Suggest).ToList();
        var parallel = new FraudTypeSuggestion[narratives.Count];
        Parallel.For(0, narratives.Count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = model.Suggest(narratives[i]));
        var threads = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => narratives.Select(model.Suggest).ToList())));
        for (var i = 0; i < narratives.Count; i++)
        {
            Assert.Equal(sequential[i].Type, parallel[i].Type);
            Assert.Equal(sequential[i].Confidence, parallel[i].Confidence);
            Assert.All(threads, t => Assert.Equal(sequential[i].Scores, t[i].Scores));
        }
        var batch = model.SuggestMany(narratives);
        Assert.Equal(sequential.Select(s => s.Type), batch.Select(s => s.Type));
    }
}
