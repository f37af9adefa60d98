namespace Concord.Matching.Tests.Burmese;

public class BurmeseNamesTests
{
    [Theory]
    [InlineData("ဦးအောင်ကျော်", "အောင်ကျော်", "ဦး")]
    [InlineData("ဒေါ်ခင်ခင်", "ခင်ခင်", "ဒေါ်")]
    [InlineData("မောင်အောင်ကျော်", "အောင်ကျော်", "မောင်")]
    [InlineData("ကိုစိုးဝင်း", "စိုးဝင်း", "ကို")]
    [InlineData("မနီလာ", "နီလာ", "မ")]
    [InlineData("ဆရာမခင်ခင်", "ခင်ခင်", "ဆရာမ")]
    [InlineData("ဆရာစိုးဝင်း", "စိုးဝင်း", "ဆရာ")]
    [InlineData("နော်ခင်ခင်", "ခင်ခင်", "နော်")]
    [InlineData("စိုင်းအောင်ဝင်း", "အောင်ဝင်း", "စိုင်း")]
    [InlineData("စိုင်းလင်း", "စိုင်းလင်း", null)]
    [InlineData("ဦး", "ဦး", null)]
    [InlineData("\u1025\u102E\u1038\u1031\u1021\u102C\u1004\u1039\u1031\u1000\u103A\u102C\u1039", "အောင်ကျော်", "ဦး")] // Zawgyi ဦးေအာင္ေက်ာ္
    [InlineData("U Aung Kyaw", "Aung Kyaw", "U")]
    [InlineData("Daw Khin Khin", "Khin Khin", "Daw")]
    [InlineData("Mg Aung Kyaw", "Aung Kyaw", "Mg")]
    [InlineData("Maung Aung Kyaw", "Aung Kyaw", "Maung")]
    [InlineData("Ko Soe Win", "Soe Win", "Ko")]
    [InlineData("Ma Nilar", "Nilar", "Ma")]
    [InlineData("Saya Soe Win", "Soe Win", "Saya")]
    [InlineData("Sayama Khin Khin", "Khin Khin", "Sayama")]
    [InlineData("Naw Paw Paw", "Paw Paw", "Naw")]
    [InlineData("Sai Aung Win", "Aung Win", "Sai")]
    [InlineData("Sai Lin", "Sai Lin", null)]
    [InlineData("U Thant", "Thant", "U")]
    [InlineData("Aung Kyaw", "Aung Kyaw", null)]
    [InlineData("U အောင်ကျော်", "အောင်ကျော်", "U")]
    public void Honorifics_are_taken_off_and_kept(string text, string name, string? honorific)
    {
        var parsed = BurmeseNames.Parse(text);
        Assert.Equal(name, parsed.Name);
        Assert.Equal(honorific, parsed.Honorific);
    }

    [Theory]
    [InlineData("အောင်ကျော်")]
    [InlineData("ချစ်ပို")]
    [InlineData("ဦးမြင့်ဆွေဦး")]
    [InlineData("သင်္ချာ")]
    [InlineData("ရွှေ")]
    [InlineData("ထွန်းထွန်း")]
    [InlineData("ခင်မောင်ဝင်း")]
    [InlineData("မြင့်မြင့်ရည်")]
    [InlineData("ကြည်ငြိမ်း")]
    [InlineData("လှလှ")]
    [InlineData("ဒေါ်နီလာ")]
    [InlineData("Aung Kyaw")]
    public void Unicode_input_is_left_unchanged(string unicode)
    {
        Assert.False(Zawgyi.IsZawgyi(unicode));
        Assert.Equal(unicode, Zawgyi.ToUnicode(unicode));
    }

    [Theory]
    [InlineData("အောင်ကျော်", "အောင်|ကျော်")]
    [InlineData("မြင့်မြင့်ရည်", "မြင့်|မြင့်|ရည်")]
    [InlineData("ဦးဘ", "ဦး|ဘ")]
    [InlineData("သန္တာမြင့်", "သန္တာ|မြင့်")]
    [InlineData("သင်္ချာ", "သင်္ချာ")]
    [InlineData("ခင် မောင် ဝင်း", "ခင်|မောင်|ဝင်း")]
    [InlineData("ဥမ္မာထွန်း", "ဥမ္မာ|ထွန်း")]
    public void Syllables_are_segmented(string text, string expected)
    {
        Assert.Equal(expected.Split('|'), BurmeseNames.Syllables(text));
    }

    [Theory]
    [InlineData("Mg Aung Kyaw", "aungkyaw")]
    [InlineData("U Soe Win", "soewin")]
    [InlineData("MG. AUNG KYAW", "aungkyaw")]
    [InlineData("Daw  Khin-Khin", "khinkhin")]
    [InlineData("Maung", "maung")]
    [InlineData("Sai Lin", "sailin")]
    [InlineData("Sai Aung Win", "aungwin")]
    [InlineData("Thandar Hlaing", "thandarhlaing")]
    public void Latin_keys_are_folded_without_honorific(string latin, string key)
    {
        Assert.Equal(key, BurmeseNames.LatinKey(latin));
    }

    [Theory]
    [InlineData("အောင်ကျော်", "Aung Kyaw")]
    [InlineData("ဦးစိုးဝင်း", "U Soe Win")]
    [InlineData("ဒေါ်ခင်ခင်", "Daw Khin Khin")]
    [InlineData("ဟိန်းထက်", "Hein Htet")]
    [InlineData("\u1031\u1021\u102C\u1004\u1039\u1031\u1000\u103A\u102C\u1039", "Aung Kyaw")]
    public void Romanize_gives_the_conventional_spelling_first(string burmese, string latin)
    {
        var spellings = BurmeseNames.Romanize(burmese);
        Assert.Equal(latin, spellings[0]);
        Assert.InRange(spellings.Count, 1, 4);
    }

    [Fact]
    public void Spelling_similarity_prefers_the_fitting_spelling()
    {
        var good = BurmeseNames.SpellingSimilarity("ဦးစိုးဝင်း", "Soe Win");
        var titled = BurmeseNames.SpellingSimilarity("ဦးစိုးဝင်း", "U Soe Win");
        var wrong = BurmeseNames.SpellingSimilarity("ဦးစိုးဝင်း", "Soe Min");
        var other = BurmeseNames.SpellingSimilarity("ဦးစိုးဝင်း", "Kyaw Zaw");
        Assert.InRange(good, 0, 1);
        Assert.InRange(titled, 0, 1);
        Assert.True(good > wrong && wrong > other, $"{good} {wrong} {other}");
        Assert.True(titled >= good);
        Assert.True(BurmeseNames.SpellingSimilarity("မမကြီး", "Ma Ma Gyi") > BurmeseNames.SpellingSimilarity("မမကြီး", "Ma Gyi"));
        Assert.Equal(0, BurmeseNames.SpellingSimilarity("ဦးစိုးဝင်း", ""));
    }
}
