namespace Concord.Matching.Tests;

public sealed class NameTests
{
    [Theory]
    [InlineData("李强", Script.Han)]
    [InlineData("Li Qiang", Script.Latin)]
    [InlineData("ထွန်းမြ", Script.Myanmar)]
    [InlineData("李 Qiang", Script.Mixed)]
    [InlineData("123", Script.Unknown)]
    public void Scripts(string text, Script script) => Assert.Equal(script, NameText.DetectScript(text));

    [Fact]
    public void Fold_removes_punctuation_and_case() => Assert.Equal("zhang xiaoming", NameText.Fold("  Zhang,   Xiao-ming. "));

    [Theory]
    [InlineData("Xiaoming Zhang")]
    [InlineData("Zhang, Xiao-ming")]
    [InlineData("ZHANGXIAOMING")]
    [InlineData("ZHANG XIAOMING")]
    [InlineData("Cheung Xiaoming")]
    [InlineData("Chang Xiaoming")]
    [InlineData("Teo Xiaoming")]
    [InlineData("Xiaoming Cheung")]
    public void Latin_keys_reach_pinyin(string name) => Assert.Contains("zhangxiaoming", NameText.LatinKeys(name));

    [Theory]
    [InlineData("Lee Jia", "lijia")]
    [InlineData("Tsang Fu", "zengfu")]
    [InlineData("Wong Long", "huanglong")]
    [InlineData("Wong Long", "wanglong")]
    [InlineData("Ng Haize", "wuhaize")]
    [InlineData("Chan Tai", "chentai")]
    [InlineData("Tan Tai", "chentai")]
    [InlineData("Lim Tai", "lintai")]
    [InlineData("Lau Tai", "liutai")]
    [InlineData("Kao Qiangcheng", "gaoqiangcheng")]
    public void Regional_surnames_map_to_pinyin(string name, string key) => Assert.Contains(key, NameText.LatinKeys(name));

    [Fact]
    public void Latin_keys_are_distinct_and_keep_plain_pinyin()
    {
        var keys = NameText.LatinKeys("Li Li");
        Assert.Equal(keys.Distinct(StringComparer.Ordinal).Count(), keys.Count);
        Assert.Equal("lili", keys[0]);
    }

    [Fact]
    public void Han_key_folds_traditional_and_spaces()
    {
        Assert.Equal(NameText.HanKey("张晓明"), NameText.HanKey("張 曉明".Replace("曉", "晓", StringComparison.Ordinal)));
        Assert.Equal("黄华", NameText.HanKey("黃華"));
        Assert.Equal("李强", NameText.HanKey(" 李·强 "));
    }
}
