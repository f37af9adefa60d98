using FsCheck.Xunit;

namespace Concord.Matching.Tests;

public sealed class IdentifierTests
{
    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("32112819861113861X")]
    [InlineData("511919197708118533")]
    public void Valid_check_digits_are_recognised(string id)
    {
        Assert.True(ChineseResidentId.IsWellFormed(id));
        Assert.True(ChineseResidentId.HasValidCheckDigit(id));
        Assert.Equal(id[17], ChineseResidentId.ComputeCheckDigit(id.AsSpan(0, 17)));
    }

    [Fact]
    public void Slipped_digit_fails_check_and_is_located()
    {
        Assert.False(ChineseResidentId.HasValidCheckDigit("370310192710102938"));
        var r = ChineseResidentId.Compare("370310192710102938", "370310199710102938");
        Assert.Equal(new IdComparisonResult(IdComparison.OneDigitDifferent, 9), r);
        Assert.Equal(IdComparison.TransposedDigits, ChineseResidentId.Compare("511919197708118533", "511919197780118533").Kind);
        Assert.Equal(IdComparison.Equal, ChineseResidentId.Compare("11010519491231002X", "11010519491231002X").Kind);
        Assert.Equal(IdComparison.Different, ChineseResidentId.Compare("511919197708118533", "441425198310211208").Kind);
    }

    [Fact]
    public void Normalize_and_fields()
    {
        Assert.Equal("11010519491231002X", ChineseResidentId.Normalize(" 110105-1949 1231 002x "));
        Assert.Equal("110105194912310021", ChineseResidentId.Normalize("၁၁၀၁၀၅၁၉၄၉၁၂၃၁၀၀၂၁"));
        Assert.Equal("110105194912310021", ChineseResidentId.Normalize("１１０１０５１９４９１２３１００２１"));
        var id = "340519199810085402";
        Assert.Equal(new PartialDate(1998, 10, 8), ChineseResidentId.BirthDate(id));
        Assert.Equal(Sex.Female, ChineseResidentId.Sex(id));
        Assert.Equal(Sex.Male, ChineseResidentId.Sex("511919197708118533"));
        Assert.Equal("34", ChineseResidentId.ProvinceCode(id));
        Assert.Equal("Anhui", ChineseResidentId.ProvinceName("34"));
        Assert.Equal("安徽", ChineseResidentId.ProvinceNameZh("34"));
        Assert.Equal("Chongqing", ChineseResidentId.ProvinceName("50"));
        Assert.Equal("Heilongjiang", ChineseResidentId.ProvinceName("23"));
        Assert.Equal("Macao", ChineseResidentId.ProvinceName("82"));
        Assert.Null(ChineseResidentId.ProvinceCode("991234"));
        Assert.False(ChineseResidentId.IsWellFormed("341911107601212826"));
    }

    [Property(MaxTest = 300)]
    public bool Single_digit_change_of_valid_id_is_found_at_its_position(int seed)
    {
        var rng = new Random(seed);
        var first = $"{rng.Next(11, 66):D2}{rng.Next(0, 10000):D4}{rng.Next(1950, 2010):D4}{rng.Next(1, 13):D2}{rng.Next(1, 29):D2}{rng.Next(0, 1000):D3}";
        var valid = first + ChineseResidentId.ComputeCheckDigit(first);
        var pos = rng.Next(0, 18);
        var chars = valid.ToCharArray();
        var options = pos == 17 ? "0123456789X" : "0123456789";
        char replacement;
        do
        {
            replacement = options[rng.Next(options.Length)];
        }
        while (replacement == chars[pos]);
        chars[pos] = replacement;
        var changed = new string(chars);
        return ChineseResidentId.HasValidCheckDigit(valid)
            && !ChineseResidentId.HasValidCheckDigit(changed)
            && ChineseResidentId.Compare(valid, changed) == new IdComparisonResult(IdComparison.OneDigitDifferent, pos + 1);
    }

    [Theory]
    [InlineData("13/MASATA(N)123456", "13/MASATA(N)123456")]
    [InlineData(" 13 / masata (naing) 123456 ", "13/MASATA(N)123456")]
    [InlineData("၁၃/မဆတ(နိုင်)၁၂၃၄၅၆", "13/MASATA(N)123456")]
    [InlineData("၁၃/ကခန(နိုင်)၁၂၃၄၅၆", "13/KAKHANA(N)123456")]
    [InlineData("၁၃/လရန(နိုင်)၁၂၃၄၅၆", "13/LAYANA(N)123456")]
    [InlineData("၉/မထမ(နိုင်)၅၆၆၃၇၇", "9/MAHTAMA(N)566377")]
    [InlineData("၁၁/စတန(နိုင်)၁၂၃၄၅၆", "11/SATANA(N)123456")]
    [InlineData("၁၃/လကန(နိုင်)၁၂၃၄၅၆", "13/LAKANA(N)123456")]
    public void Nrc_parses_both_scripts(string raw, string canonical)
    {
        Assert.True(MyanmarNrc.TryParse(raw, out var nrc));
        Assert.Equal(canonical, nrc.ToString());
        Assert.Equal(canonical, DocumentNumbers.Canonical("MM-NRC", raw));
    }

    [Fact]
    public void Every_roster_nrc_parses_and_scripts_agree()
    {
        var roster = Csv.Read(Path.Combine(Csv.MuseDir(), "roster.csv"));
        var latinTownships = new HashSet<string>(StringComparer.Ordinal);
        var burmeseTownships = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in roster.Where(r => string.Equals(r["id_type"], "MM-NRC", StringComparison.Ordinal)))
        {
            Assert.True(MyanmarNrc.TryParse(row["id_number"], out var nrc), row["id_number"]);
            Assert.Matches("^[A-Z]+$", nrc.Township);
            var key = nrc.State.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/" + nrc.Township;
            (NameText.DetectScript(row["id_number"]) == Script.Latin ? latinTownships : burmeseTownships).Add(key);
        }
        Assert.Subset(latinTownships, burmeseTownships);
    }

    [Fact]
    public void Unknown_township_is_kept()
    {
        Assert.True(MyanmarNrc.TryParse("7/XYZABC(N)123456", out var nrc));
        Assert.Equal("7/XYZABC(N)123456", nrc.ToString());
        Assert.False(MyanmarNrc.TryParse("not an nrc", out _));
    }

    [Theory]
    [InlineData("+86 143 4485 7319", "+8614344857319")]
    [InlineData("+95 9 327 728 564", "+959327728564")]
    [InlineData("+86 199 5288 9825", "+8619952889825")]
    public void Phones_to_e164(string raw, string e164)
    {
        Assert.Equal(e164, PhoneNumbers.ToE164(raw));
        Assert.Equal(e164, DocumentNumbers.Canonical("PHONE", raw));
    }

    [Fact]
    public void Phone_unparseable_is_null_and_passport_canonical()
    {
        Assert.Null(PhoneNumbers.ToE164("call me"));
        Assert.Null(PhoneNumbers.ToE164(null));
        Assert.Equal("+8613912345678", PhoneNumbers.ToE164("139 1234 5678", "CN"));
        Assert.Equal("E38356275", DocumentNumbers.Canonical("PASSPORT", " e 3835-6275 "));
        Assert.Equal("11010519491231002X", DocumentNumbers.Canonical("CN-RIC", "110105 19491231 002x"));
    }
}
