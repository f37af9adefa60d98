using Concord.Matching.Similarity;

namespace Concord.Matching.Tests.Similarity;

public sealed class FoldingTests
{
    [Theory]
    [InlineData("François Hollande", "francois hollande")]
    [InlineData("Recep Tayyip Erdoğan", "recep tayyip erdogan")]
    [InlineData("Straße", "strasse")]
    [InlineData("Al Qa'ida", "al qaida")]
    [InlineData("AT&T", "at and t")]
    public void Fold_RemovesMarksCaseAndInWordApostrophes(string raw, string folded) =>
        Assert.Equal(folded, string.Join(' ', NameFolding.Fold(raw).Split(' ', StringSplitOptions.RemoveEmptyEntries)));

    [Fact]
    public void Fold_KeepsCyrillicShortI_AndHangulSyllables()
    {
        Assert.Equal("сергей", NameFolding.Fold("Сергей"));
        Assert.Equal("김정은", NameFolding.Fold("김정은"));
    }

    [Theory]
    [InlineData("Francois Hollande", "François Hollande")]
    [InlineData("SAMSUNG ELECTRONICS CO., LTD.", "Samsung Electronics Co., Ltd.")]
    [InlineData("Hewlett-Packard Co.", "Hewlett Packard Co.")]
    [InlineData("Ig0r Sech1n", "Igor Sechin")]
    public void FoldedEqualNames_ScoreOne(string a, string b) => Assert.Equal(1.0, NameSimilarity.Score(a, b), 3);
}

public sealed class TransliterationTests
{
    [Theory]
    [InlineData("Сергей Лавров", "Sergey Lavrov")]
    [InlineData("Сергей Лавров", "Sergei Lavrov")]
    [InlineData("Юрий Хабаров", "Iurii Khabarov")]
    [InlineData("Юрий Хабаров", "Yuriy Khabarov")]
    [InlineData("Юрий Хабаров", "Jurij Habarov")]
    [InlineData("Володимир Зеленський", "Volodymyr Zelenskyi")]
    [InlineData("Александар Вучић", "Aleksandar Vučić")]
    public void Cyrillic_MatchesEveryCommonRomanisation(string cyrillic, string latin) =>
        Assert.True(NameSimilarity.Score(cyrillic, latin) >= 0.9, $"{cyrillic} ~ {latin}: {NameSimilarity.Score(cyrillic, latin)}");

    [Fact]
    public void Cyrillic_AlternatesIncludeYuAndIu()
    {
        var variants = Transliteration.Variants(NameFolding.Fold("Юлия")).Select(v => v.Text).ToList();
        Assert.Contains("yuliya", variants);
        Assert.Contains("iuliia", variants);
    }

    [Theory]
    [InlineData("Κυριάκος Μητσοτάκης", "Kyriakos Mitsotakis")]
    [InlineData("ბარაკ ობამა", "Barack Obama")]
    [InlineData("Բարակ Օբամա", "Barack Obama")]
    public void GreekGeorgianArmenian_AreRomanised(string native, string latin) =>
        Assert.True(NameSimilarity.Score(native, latin) >= NameSimilarity.DefaultThreshold, $"{native} ~ {latin}: {NameSimilarity.Score(native, latin)}");

    [Fact]
    public void Arabic_IsComparedByConsonantSkeleton()
    {
        var c = NameSimilarity.Compare("باراك أوباما", "Barack Obama");
        Assert.True(c.Score >= NameSimilarity.DefaultThreshold, c.Score.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(c.Evidence, e => e.Text.Contains("abjad transliterated", StringComparison.Ordinal));
        Assert.True(NameSimilarity.Score("باراك أوباما", "محمد بن سلمان آل سعود") < NameSimilarity.DefaultThreshold);
    }

    [Fact]
    public void HanAndMyanmar_AreComparedAsWritten_AndReadInLatin()
    {
        Assert.Equal(1.0, NameSimilarity.Score("习近平", "习近平"), 3);
        Assert.True(NameSimilarity.Score("习近平", "李克强") < 0.2);
        Assert.True(NameSimilarity.Score("习近平", "Xi Jinping") >= 0.9);
        Assert.True(NameSimilarity.Score("曾福", "Zeng Fu") >= 0.9);
        Assert.True(NameSimilarity.Score("အောင်ကျော်", "Aung Kyaw") >= 0.9);
        Assert.True(NameSimilarity.Score("အောင်ကျော်", "Soe Win") < 0.5);
    }

    [Fact]
    public void RegisteredTransliterator_IsUsed_AndCanBeRemoved()
    {
        Func<string, IEnumerable<string>> toy = s => s.Contains("ꝏ", StringComparison.Ordinal) ? [s.Replace("ꝏ", "oo", StringComparison.Ordinal)] : [];
        NameSimilarity.Transliterators.Add(toy);
        try
        {
            Assert.True(NameSimilarity.Score("Bꝏth Smith", "Booth Smith") >= 0.99);
        }
        finally
        {
            NameSimilarity.Transliterators.Remove(toy);
        }
    }
}

public sealed class TokenAlignmentTests
{
    [Fact]
    public void Order_DoesNotMatterMuch_ButIsReported()
    {
        var c = NameSimilarity.Compare("Lavrov Sergei", "Sergei Lavrov");
        Assert.True(c.Score >= 0.9);
        Assert.Contains(c.Evidence, e => e.Text == "name order differs");
    }

    [Fact]
    public void CommaForm_IsReadAsGivenThenFamily()
    {
        var c = NameSimilarity.Compare("Putin, Vladimir", "Vladimir Putin");
        Assert.Equal(1.0, c.Score, 3);
        Assert.DoesNotContain(c.Evidence, e => e.Text == "name order differs");
    }

    [Fact]
    public void TypoInToken_IsExplained()
    {
        var c = NameSimilarity.Compare("Olaf Scholze", "Olaf Scholz");
        Assert.True(c.Score >= 0.9);
        Assert.Contains(c.Evidence, e => e.Text.StartsWith("token 'scholze' ~ 'scholz'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("FridrichBuchenberg", "Friedrich Buchenberg")]
    [InlineData("Nikolai Patr ushev", "Nikolai Patrushev")]
    [InlineData("Good Will Company", "Goodwill Company")]
    public void JoinedAndSplitTokens_Match(string a, string b) =>
        Assert.True(NameSimilarity.Score(a, b) >= NameSimilarity.DefaultThreshold, $"{a} ~ {b}: {NameSimilarity.Score(a, b)}");

    [Fact]
    public void ExtraMiddleName_CostsLess_ThanADifferentName()
    {
        var extra = NameSimilarity.Score("Vladimir Vladimirovich Putin", "Vladimir Putin");
        var different = NameSimilarity.Score("Sergey Ivanov", "Sergey Lavrov");
        Assert.True(extra >= NameSimilarity.DefaultThreshold, extra.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(different < NameSimilarity.DefaultThreshold, different.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void UnrelatedNames_ScoreLow() => Assert.True(NameSimilarity.Score("Angela Merkel", "Donald Duck") < 0.3);

    [Fact]
    public void Score_IsSymmetric_AndInRange()
    {
        string[] names = ["Olaf Scholz", "Сергей Лавров", "OOO Gazprom", "J. Smith", "习近平", "", "   ", "A.B.C. Company"];
        foreach (var a in names)
        {
            foreach (var b in names)
            {
                var ab = NameSimilarity.Score(a, b);
                Assert.InRange(ab, 0, 1);
                Assert.Equal(ab, NameSimilarity.Score(b, a), 3);
            }
        }
    }
}

public sealed class InitialsTests
{
    [Fact]
    public void Initial_MatchesTheFullName_Partially()
    {
        var initial = NameSimilarity.Compare("J. Smith", "John Smith");
        Assert.InRange(initial.Score, NameSimilarity.DefaultThreshold, 0.99);
        Assert.Contains(initial.Evidence, e => e.Text.Contains("(initial)", StringComparison.Ordinal));
    }

    [Fact]
    public void DifferentMiddleInitial_IsNotAMatch()
    {
        Assert.True(NameSimilarity.Score("Hans J Friedrich", "Hans Joachim Friedrich") >= NameSimilarity.DefaultThreshold);
        Assert.True(NameSimilarity.Score("Hans O Friedrich", "Hans Joachim Friedrich") < NameSimilarity.DefaultThreshold);
    }

    [Fact]
    public void Acronym_MatchesTheWordsItStandsFor()
    {
        Assert.True(NameSimilarity.Score("JC Juncker", "Jean-Claude Juncker") >= NameSimilarity.DefaultThreshold);
        Assert.True(NameSimilarity.Score("A.B.C. Company", "ABC Company") >= 0.99);
    }
}

public sealed class OrganisationTests
{
    [Theory]
    [InlineData("OAO Gazprom", "Gazprom JSC")]
    [InlineData("Siemens AG", "Siemens Aktiengesellschaft")]
    [InlineData("Siemens AG", "SiemensAG")]
    [InlineData("Stripe LLC", "Stripe Limited Liability Company")]
    [InlineData("ООО \"АЯС 2000\"", "ООО АЯС 2000")]
    [InlineData("The Bank for International Settlements", "Bank for International Settlements")]
    [InlineData("Brigade Forty-Four", "Brigade 44")]
    public void LegalFormsArticlesAndNumberWords_AreFolded(string a, string b) =>
        Assert.True(NameSimilarity.Score(a, b) >= 0.9, $"{a} ~ {b}: {NameSimilarity.Score(a, b)}");

    [Fact]
    public void LegalForm_IsReportedAsIgnored() =>
        Assert.Contains(NameSimilarity.Compare("Gazprom Neft JSC", "Gazprom Neft OAO").Evidence, e => e.Text == "legal form 'jsc' ignored");

    [Fact]
    public void DifferentCompanyLawFamilies_CostSomething() =>
        Assert.True(NameSimilarity.Score("Deutsche Bank AG", "Deutsche Bank GmbH") < NameSimilarity.Score("Deutsche Bank AG", "Deutsche Bank JSC"));

    [Fact]
    public void SharedLegalFormAlone_IsNotAMatch()
    {
        Assert.True(NameSimilarity.Score("Volkswagen AG", "Siemens AG") < 0.3);
        Assert.True(NameSimilarity.Score("Management Company 23", "Management Company") < NameSimilarity.DefaultThreshold);
    }
}
