namespace Concord.FraudTypes.Tests;

public sealed class FraudTypeTableTests
{
    [Fact]
    public void Every_type_has_one_row_with_a_unique_code_and_labels_in_three_scripts()
    {
        Assert.Equal(Enum.GetValues<FraudType>(), FraudTypes.All.Select(l => l.Type));
        Assert.Equal(FraudTypes.All.Count, FraudTypes.All.Select(l => l.Code).Distinct().Count());
        Assert.All(FraudTypes.All, l =>
        {
            Assert.Matches("^[a-z]+(-[a-z]+)*$", l.Code);
            Assert.Equal(l.Type, FraudTypes.Parse(l.Code));
            Assert.Contains(l.Chinese, c => c is >= '\u4E00' and <= '\u9FFF');
            Assert.All(l.Burmese.Where(c => c != ' '), c => Assert.InRange(c, '\u1000', '\u109F'));
        });
        Assert.False(FraudTypes.TryParse("fraud", out _));
    }

    [Theory]
    [InlineData("投资诈骗", "investment")]
    [InlineData("银行诈骗", "bank")]
    [InlineData("钓鱼诈骗", "phishing")]
    [InlineData("客服诈骗", "customer-service")]
    [InlineData("身份盗窃", "identity-theft")]
    [InlineData("邮件诈骗", "parcel")]
    [InlineData("彩票诈骗", "lottery")]
    [InlineData("绑架诈骗", "kidnapping")]
    public void The_datas_chinese_terms_map_to_the_codes(string term, string code)
    {
        Assert.Equal(code, FraudTypes.Code(FraudTypes.FromChinese(term)!.Value));
    }

    [Fact]
    public void Normal_topics_are_no_fraud_type()
    {
        Assert.Null(FraudTypes.FromChinese("订餐服务"));
        Assert.All(Data.Dialogues.All.Where(d => d.File.StartsWith("normal_", StringComparison.Ordinal)), d => Assert.Equal(FraudType.None, d.Type));
    }
}
