namespace Concord.FraudTypes.Tests;

public sealed class BaselineTests
{
    [Theory]
    [InlineData("您的包裹在运输过程中被查出违禁品", FraudType.Parcel)]
    [InlineData("恭喜您中奖了，奖金十万元", FraudType.Lottery)]
    [InlineData("你儿子在我们手上，准备赎金", FraudType.Kidnapping)]
    [InlineData("这个投资项目收益很高", FraudType.Investment)]
    [InlineData("请点击短信里的链接输入验证码", FraudType.Phishing)]
    [InlineData("我想订一份外卖", FraudType.None)]
    [InlineData("", FraudType.None)]
    public void The_keyword_baseline_takes_the_type_with_most_keywords(string text, FraudType expected)
    {
        Assert.Equal(expected, new KeywordBaseline().Classify(text));
    }

    [Fact]
    public void The_majority_baseline_says_the_commonest_training_type()
    {
        var majority = new MajorityBaseline(Data.Dialogues.Training);
        Assert.Equal(FraudType.None, majority.Majority);
        Assert.Equal(FraudType.None, majority.Classify("您的包裹在运输过程中被查出违禁品"));
    }

    [Fact]
    public void Scores_are_macro_f1_accuracy_and_fraud_vs_none_f1()
    {
        FraudType[] gold = [FraudType.Parcel, FraudType.Parcel, FraudType.None, FraudType.Lottery];
        FraudType[] said = [FraudType.Parcel, FraudType.Lottery, FraudType.None, FraudType.Lottery];
        var scores = Evaluation.Score("t", gold, said);
        Assert.Equal(0.75, scores.Accuracy, 9);
        Assert.Equal(1.0, scores.FraudF1, 9);
        Assert.Equal(2.0 / 3, scores.For(FraudType.Parcel).F1, 9);
        Assert.Equal(2.0 / 3, scores.For(FraudType.Lottery).F1, 9);
        Assert.Equal(1.0, scores.For(FraudType.None).F1, 9);
        Assert.Equal((2.0 / 3 + 2.0 / 3 + 1.0) / FraudTypes.All.Count, scores.MacroF1, 9);
    }
}
