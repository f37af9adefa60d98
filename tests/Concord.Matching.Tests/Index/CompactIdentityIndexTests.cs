using System.Globalization;
using Concord.Matching;

namespace Concord.Matching.Tests.Index;

public sealed class CompactIdentityIndexTests
{
    private static readonly IdentityRecord Target = new()
    {
        Key = "target",
        Names = ["张晓明", "Zhang Xiaoming"],
        Sex = Sex.Male,
        BirthDate = new PartialDate(1988, 3, 14),
        Nationality = "CHN",
        Documents = [new IdentityDocument(DocumentNumbers.CnRic, "53310219880314123X"), new IdentityDocument(DocumentNumbers.Passport, "E12345678")],
    };

    private static readonly IdentityRecord BurmeseTarget = new()
    {
        Key = "burmese",
        Names = ["မောင်ကျော်မိုး", "Maung Kyaw Moe"],
        Sex = Sex.Male,
        BirthDate = new PartialDate(1991, 7, 2),
        Nationality = "MMR",
        Documents = [new IdentityDocument(DocumentNumbers.MmNrc, "12/MaYaKa(N)123456")],
    };

    private static CompactIdentityIndex Build(bool freeze = true)
    {
        var index = new CompactIdentityIndex();
        index.AddRange(Synthetic.Records(5_000, seed: 7));
        index.Add(Target);
        index.Add(BurmeseTarget);
        index.AddRange(Synthetic.Records(5_000, seed: 8));
        if (freeze)
        {
            index.Freeze();
        }
        return index;
    }

    private static bool Finds(CompactIdentityIndex index, IdentityRecord query, string key) =>
        index.Search(query).Any(c => string.Equals(c.Key, key, StringComparison.Ordinal));

    [Fact]
    public void Han_only_query_finds_a_record_indexed_with_han_and_pinyin()
    {
        var index = Build();
        // 張 is traditional: HanKey folds it, so a Taiwanese or Hong Kong clerk's spelling meets the simplified record.
        var hits = index.Search(new IdentityRecord { Key = "q", Names = ["張晓明"], BirthDate = new PartialDate(1988, null, null) });
        Assert.Equal("target", hits[0].Key);
    }

    [Fact]
    public void Latin_only_reordered_query_finds_it()
    {
        var index = Build();
        Assert.Equal("target", index.Search(new IdentityRecord { Key = "q", Names = ["XIAOMING ZHANG"], BirthDate = new PartialDate(1988, 3, null) })[0].Key);
        Assert.True(Finds(index, new IdentityRecord { Key = "q", Names = ["Xiaoming Zhang"] }, "target"));
        Assert.True(Finds(index, new IdentityRecord { Key = "q", Names = ["Zhangxiaoming"], BirthDate = new PartialDate(1988, null, null) }, "target"));
    }

    [Fact]
    public void Misspelled_surname_is_found_through_the_given_name_and_year()
    {
        var index = Build();
        Assert.True(Finds(index, new IdentityRecord { Key = "q", Names = ["Jang Xiaoming"], BirthDate = new PartialDate(1988, 3, 14) }, "target"));
    }

    [Fact]
    public void One_digit_wrong_cn_ric_alone_finds_it()
    {
        var index = Build();
        var query = new IdentityRecord { Key = "q", Documents = [new IdentityDocument(DocumentNumbers.CnRic, "53310219880314723X")] };
        Assert.Equal("target", index.Search(query)[0].Key);
    }

    [Fact]
    public void Myanmar_script_query_finds_a_record_indexed_in_both_scripts()
    {
        var index = Build();
        Assert.Equal("burmese", index.Search(new IdentityRecord { Key = "q", Names = ["မောင် ကျော် မိုး"] })[0].Key);
        Assert.True(Finds(index, new IdentityRecord { Key = "q", Names = ["Kyaw Moe Maung"], BirthDate = new PartialDate(1991, null, null) }, "burmese"));
    }

    [Fact]
    public void Burmese_name_given_rotated_is_not_buried_under_people_whose_name_is_that_rotation()
    {
        // Burmese names have no surname, so "Maw San Swe" written given-first is "San Swe Maw", another person's name;
        // such people match both token orders, and summing those would outrank the truth by name alone.
        var index = new CompactIdentityIndex();
        for (var i = 0; i < 30; i++)
        {
            index.Add(new IdentityRecord { Key = "other" + i.ToString(CultureInfo.InvariantCulture), Names = ["San Swe Maw"], BirthDate = new PartialDate(1950 + i, 3, 3) });
        }
        index.Add(new IdentityRecord { Key = "truth", Names = ["Maw San Swe"], BirthDate = new PartialDate(1973, 7, 12) });
        index.Freeze();
        var hits = index.Search(new IdentityRecord { Key = "q", Names = ["San Swe Maw"], BirthDate = new PartialDate(1973, 7, 12) });
        Assert.Equal("truth", hits[0].Key);
    }

    [Fact]
    public void Additions_after_freeze_are_found_before_and_after_the_next_merge()
    {
        var index = new CompactIdentityIndex();
        index.AddRange(Synthetic.Records(5_000, seed: 9));
        index.Freeze();
        index.Add(Target);
        var query = new IdentityRecord { Key = "q", Names = ["Zhang Xiaoming"], BirthDate = new PartialDate(1988, 3, 14) };
        Assert.Equal("target", index.Search(query)[0].Key);
        index.Add(BurmeseTarget);
        Assert.Equal("burmese", index.Search(new IdentityRecord { Key = "q", Names = ["Maung Kyaw Moe"] })[0].Key);
        index.Freeze();
        Assert.Equal(5_002, index.Count);
        Assert.Equal("target", index.Search(query)[0].Key);
        Assert.Equal("burmese", index.Search(new IdentityRecord { Key = "q", Names = ["Maung Kyaw Moe"] })[0].Key);
    }

    [Fact]
    public void A_masked_record_is_never_returned_and_its_replacement_is()
    {
        var index = Build();
        var query = new IdentityRecord { Key = "q", Names = ["张晓明"], BirthDate = new PartialDate(1988, 3, 14) };
        var ordinal = Assert.Single(index.Find("target"));
        index.Mask(ordinal);
        Assert.DoesNotContain(index.Search(query), c => c.Key == "target");
        Assert.Empty(index.Find("target"));
        Assert.Equal(1, index.MaskedCount);

        // The corrected version is added under the same key and is the only one found.
        index.Add(new IdentityRecord { Key = "target", Names = ["张晓明"], BirthDate = new PartialDate(1988, 3, 15), Sex = Sex.Male });
        var replaced = Assert.Single(index.Find("target"));
        Assert.NotEqual(ordinal, replaced);
        Assert.Equal("target", index.Search(query)[0].Key);
        Assert.Equal(new PartialDate(1988, 3, 15), index.Get(index.Search(query)[0].Ordinal).BirthDate);
        index.Freeze();
        Assert.Equal(replaced, Assert.Single(index.Find("target")));
    }

    [Fact]
    public void A_record_key_is_not_a_name_key()
    {
        var index = Build();
        Assert.DoesNotContain(index.Search(new IdentityRecord { Key = "q", Names = ["target"] }), c => c.Key == "target");
    }

    [Fact]
    public void Search_before_any_freeze_reads_the_delta()
    {
        var index = Build(freeze: false);
        Assert.Equal("target", index.Search(new IdentityRecord { Key = "q", Names = ["张晓明"] })[0].Key);
    }

    [Fact]
    public void Get_round_trips_a_record()
    {
        var index = Build();
        var odd = new IdentityRecord
        {
            Key = "odd-ĸey",
            Names = ["Ngô Văn Đức", "吳文德"],
            Aliases = ["Duc", "阿德"],
            Sex = Sex.Female,
            BirthDate = new PartialDate(1975, 11, null),
            Nationality = "VNM",
            Documents = [new IdentityDocument("VN-CCCD", "001075012345"), new IdentityDocument(DocumentNumbers.Phone, "+84901234567")],
        };
        index.Add(odd);
        foreach (var expected in new[] { Target, BurmeseTarget, odd })
        {
            var ordinal = index.Search(expected)[0].Ordinal;
            var actual = index.Get(ordinal);
            Assert.Equal(expected.Key, actual.Key);
            Assert.Equal(expected.Names, actual.Names);
            Assert.Equal(expected.Aliases, actual.Aliases);
            Assert.Equal(expected.Sex, actual.Sex);
            Assert.Equal(expected.BirthDate, actual.BirthDate);
            Assert.Equal(expected.Nationality, actual.Nationality);
            Assert.Equal(expected.Documents, actual.Documents);
        }
        var none = new IdentityRecord { Key = "bare" };
        index.Add(none);
        var bare = index.Get(index.Count - 1);
        Assert.Equal("bare", bare.Key);
        Assert.Null(bare.BirthDate);
        Assert.Null(bare.Nationality);
        Assert.Empty(bare.Documents);
    }
}

[CollectionDefinition(nameof(MemoryCollection), DisableParallelization = true)]
public sealed class MemoryCollection;

[Collection(nameof(MemoryCollection))]
public sealed class CompactIdentityIndexMemoryTests
{
    [Fact]
    public void Two_hundred_thousand_identities_take_under_400_bytes_each()
    {
        const int count = 200_000;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var index = new CompactIdentityIndex();
        index.AddRange(Synthetic.Records(count, seed: 11));
        index.Freeze();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var perIdentity = (after - before) / (double)count;
        Assert.Equal(count, index.Count);
        // Loose: other test classes' leftovers can land in the measurement; the bench measures it properly at 10M.
        Assert.True(perIdentity < 400, string.Create(CultureInfo.InvariantCulture, $"{perIdentity:0} bytes per identity"));
        GC.KeepAlive(index);
    }
}

/// <summary>Chinese and Burmese identities shaped like the scenario generator's, without depending on it.</summary>
internal static class Synthetic
{
    private static readonly (string Han, string Pinyin)[] Surnames = [("王", "Wang"), ("李", "Li"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"), ("黄", "Huang"), ("赵", "Zhao"), ("周", "Zhou"), ("吴", "Wu"), ("孙", "Sun")];
    private static readonly (string Han, string Pinyin)[] Given = [("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("丽", "li"), ("强", "qiang"), ("磊", "lei"), ("军", "jun"), ("洋", "yang"), ("勇", "yong"), ("艳", "yan"), ("杰", "jie"), ("涛", "tao"), ("明", "ming"), ("超", "chao")];
    private static readonly (string Myanmar, string Latin)[] Syllables = [("အောင်", "Aung"), ("ကျော်", "Kyaw"), ("မင်း", "Min"), ("ဇော်", "Zaw"), ("ထွန်း", "Tun"), ("လှ", "Hla"), ("သန်း", "Than"), ("စိုး", "Soe"), ("ဝင်း", "Win"), ("နိုင်", "Naing")];

    public static IEnumerable<IdentityRecord> Records(int count, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var birth = new DateOnly(1950, 1, 1).AddDays(random.Next(20_000));
            var sex = random.Next(2) == 0 ? Sex.Male : Sex.Female;
            var key = string.Create(CultureInfo.InvariantCulture, $"S{seed}-{i}");
            if (random.Next(100) < 44)
            {
                var s = Surnames[random.Next(Surnames.Length)];
                var g1 = Given[random.Next(Given.Length)];
                var g2 = Given[random.Next(Given.Length)];
                var ric = string.Create(CultureInfo.InvariantCulture, $"{random.Next(110000, 660000)}{birth:yyyyMMdd}{random.Next(1000):D3}{random.Next(10)}");
                yield return new IdentityRecord
                {
                    Key = key,
                    Names = [s.Han + g1.Han + g2.Han, s.Pinyin + " " + char.ToUpperInvariant(g1.Pinyin[0]) + g1.Pinyin[1..] + g2.Pinyin],
                    Sex = sex,
                    BirthDate = new PartialDate(birth.Year, birth.Month, birth.Day),
                    Nationality = "CHN",
                    Documents = [new IdentityDocument(DocumentNumbers.CnRic, ric)],
                };
            }
            else
            {
                var parts = Enumerable.Range(0, 2 + random.Next(2)).Select(_ => Syllables[random.Next(Syllables.Length)]).ToArray();
                var nrc = string.Create(CultureInfo.InvariantCulture, $"{random.Next(1, 15)}/MaYaKa(N){random.Next(1_000_000):D6}");
                yield return new IdentityRecord
                {
                    Key = key,
                    Names = [string.Concat(parts.Select(p => p.Myanmar)), string.Join(' ', parts.Select(p => p.Latin))],
                    Sex = sex,
                    BirthDate = new PartialDate(birth.Year, birth.Month, birth.Day),
                    Nationality = "MMR",
                    Documents = [new IdentityDocument(DocumentNumbers.MmNrc, nrc)],
                };
            }
        }
    }
}
