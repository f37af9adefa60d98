using System.Globalization;
using FsCheck.Xunit;

namespace Concord.Matching.Tests.Chinese;

public sealed class ChineseNamesTests
{
    [Theory]
    [InlineData("单", "shan")]
    [InlineData("曾", "zeng")]
    [InlineData("区", "ou")]
    [InlineData("仇", "qiu")]
    [InlineData("解", "xie")]
    [InlineData("查", "zha")]
    [InlineData("朴", "piao")]
    [InlineData("缪", "miao")]
    [InlineData("翟", "zhai")]
    [InlineData("覃", "qin")]
    [InlineData("华", "hua")]
    [InlineData("秘", "bi")]
    [InlineData("员", "yun")]
    [InlineData("種", "chong")]
    [InlineData("尉迟", "yuchi")]
    [InlineData("万俟", "moqi")]
    public void Surnames_take_their_name_reading(string surname, string pinyin)
    {
        Assert.Equal(pinyin, ChineseNames.SurnameSpellings(surname)[0]);
        Assert.Equal(pinyin + " mingliang", ChineseNames.Pinyin(surname + "明亮")[0]);
    }

    [Theory]
    [InlineData("張", "张")]
    [InlineData("張曉明", "张晓明")]
    [InlineData("歐陽", "欧阳")]
    [InlineData("鄭國強", "郑国强")]
    [InlineData("劉德華", "刘德华")]
    [InlineData("黃", "黄")]
    [InlineData("張 Ming", "张 Ming")]
    public void Traditional_becomes_simplified(string traditional, string simplified) =>
        Assert.Equal(simplified, ChineseNames.ToSimplified(traditional));

    [Theory]
    [InlineData("欧阳娜娜", "欧阳", "娜娜")]
    [InlineData("歐陽震華", "歐陽", "震華")]
    [InlineData("司马光", "司马", "光")]
    [InlineData("诸葛亮", "诸葛", "亮")]
    [InlineData("上官婉儿", "上官", "婉儿")]
    [InlineData("张小明", "张", "小明")]
    [InlineData("东方", "东", "方")]
    [InlineData(" 李·强 ", "李", "强")]
    [InlineData("", "", "")]
    public void Compound_surnames_split_first(string name, string surname, string given) =>
        Assert.Equal((surname, given), ChineseNames.Split(name));

    [Fact]
    public void Pinyin_is_surname_space_given()
    {
        Assert.Equal("zhang xiaoming", ChineseNames.Pinyin("张小明")[0]);
        Assert.Equal("ouyang nana", ChineseNames.Pinyin("歐陽娜娜")[0]);
        Assert.Equal("lü bu", ChineseNames.Pinyin("吕布")[0]);
        Assert.Equal("shan", ChineseNames.Pinyin("单")[0]);
    }

    [Fact]
    public void Polyphonic_given_names_offer_alternatives_best_first()
    {
        var readings = ChineseNames.Pinyin("李长乐", max: 4);
        Assert.Equal("li changle", readings[0]);
        Assert.Contains("li zhangle", readings);
        Assert.Contains("li changyue", readings);
        Assert.True(readings.Count <= 4);
        Assert.Single(ChineseNames.Pinyin("李长乐", max: 1));
    }

    [Theory]
    [InlineData("ZHANG XIAOMING")]
    [InlineData("Xiaoming Zhang")]
    [InlineData("Zhang, Xiao-ming")]
    [InlineData("ZHANGXIAOMING")]
    [InlineData("Chang Hsiao-ming")]
    [InlineData("Hsiao-ming Chang")]
    [InlineData("Cheung Xiaoming")]
    [InlineData("Teo Xiaoming")]
    public void Keys_of_zhang_xiaoming_meet_latin_spellings(string latin)
    {
        Assert.True(Matches("张小明", latin), latin);
        Assert.True(Matches("張小明", latin), latin);
    }

    [Fact]
    public void Cantonese_given_names_are_out_of_scope() =>
        // The corpus gives regional surnames only; a Cantonese reading of the given name (Siu Ming) needs a
        // Cantonese dictionary this library does not carry, so only the surname half of "Cheung Siu Ming" can meet.
        Assert.False(Matches("张小明", "Cheung Siu Ming"));

    [Theory]
    [InlineData("吕", "lu")]
    [InlineData("吕", "lyu")]
    [InlineData("吕", "lv")]
    [InlineData("郑", "cheng")]
    [InlineData("郑", "tay")]
    [InlineData("黄", "wong")]
    [InlineData("欧阳", "auyeung")]
    [InlineData("司马", "ssuma")]
    [InlineData("鄭", "cheng")]
    public void Surname_spellings_cover_regions(string surname, string spelling) =>
        Assert.Contains(spelling, ChineseNames.SurnameSpellings(surname));

    [Theory]
    [InlineData("zhi", "chih")]
    [InlineData("xiao", "hsiao")]
    [InlineData("qiang", "chiang")]
    [InlineData("guo", "kuo")]
    [InlineData("zong", "tsung")]
    [InlineData("si", "ssu")]
    [InlineData("zi", "tzu")]
    [InlineData("ri", "jih")]
    [InlineData("xue", "hsueh")]
    [InlineData("jian", "chien")]
    [InlineData("ge", "ko")]
    [InlineData("gui", "kuei")]
    [InlineData("yong", "yung")]
    [InlineData("er", "erh")]
    [InlineData("lie", "lieh")]
    public void Wade_giles_by_rule(string pinyin, string wadeGiles) => Assert.Equal(wadeGiles, PinyinSpelling.WadeGiles(pinyin));

    [Fact]
    public void A_surname_beyond_the_table_leaves_the_given_name()
    {
        // U+2A6A5 (Extension B) has no reading in the table.
        Assert.Equal("ming", ChineseNames.Pinyin("\U0002A6A5明")[0]);
        Assert.Contains("ming", ChineseNames.LatinKeys("\U0002A6A5明"));
        Assert.Equal(("\U0002A6A5", "明"), ChineseNames.Split("\U0002A6A5明"));
    }

    [Fact]
    public void Non_han_input_has_no_keys()
    {
        Assert.Empty(ChineseNames.LatinKeys("Zhang Xiaoming"));
        Assert.Empty(ChineseNames.Pinyin("   "));
        Assert.Empty(ChineseNames.SurnameSpellings("Li"));
    }

    /// <summary>Characters with a reading, drawn by index so FsCheck can shrink to the smallest failing name.</summary>
    private static readonly string TableCharacters = string.Concat(ChineseTables.Readings.Keys.Where(c => c is >= '\u4E00' and <= '\u9FFF').Order());

    [Property(MaxTest = 500)]
    public bool Random_names_match_their_own_pinyin_reordered_and_recased(int seed)
    {
        var rng = new Random(seed);
        var length = rng.Next(2, 5);
        var name = string.Concat(Enumerable.Range(0, length).Select(_ => TableCharacters[rng.Next(TableCharacters.Length)]));
        var pinyin = ChineseNames.Pinyin(name)[0];
        var parts = pinyin.Split(' ');
        var latin = parts.Length == 2 && rng.Next(2) == 0 ? parts[1] + " " + parts[0] : pinyin;
        latin = rng.Next(3) switch
        {
            0 => latin.ToUpperInvariant(),
            1 => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(latin),
            _ => latin,
        };
        return Matches(name, latin);
    }

    internal static bool Matches(string han, string latin)
    {
        var keys = ChineseNames.LatinKeys(han).ToHashSet(StringComparer.Ordinal);
        return NameText.LatinKeys(latin).Any(keys.Contains);
    }
}
