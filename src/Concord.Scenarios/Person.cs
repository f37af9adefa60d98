using System.Globalization;

namespace Concord.Scenarios;

/// <summary>The generator's ground truth about one person, before clerks write anything down.</summary>
internal sealed class Person
{
    public required bool Chinese { get; init; }
    public required char Sex { get; init; }
    public required DateOnly Birth { get; init; }
    public required string Name { get; init; }
    public required string Latin { get; init; }
    public ChineseNames.Surname? Surname { get; init; }
    public string GivenHan { get; init; } = string.Empty;
    public string[] GivenSyllables { get; init; } = [];
    public string? Ric { get; init; }
    public string? Passport { get; init; }
    public string? Nrc { get; init; }

    public string NameKey => Chinese ? Name : Latin;

    /// <summary>The pinyin of the whole name without spaces or case, which is what Latin-only records reduce to.</summary>
    public string PinyinKey => Chinese
        ? (Surname!.Pinyin + string.Concat(GivenSyllables)).ToUpperInvariant()
        : Latin.ToUpperInvariant();

    public string GivenPinyin => string.Concat(GivenSyllables);

    internal static Person MakeChinese(Random random, DateOnly earliest, DateOnly latest, ChineseNames.Surname? surname = null, (string Han, string[] Syllables)? given = null, char? sex = null, bool? withPassport = null)
    {
        var s = sex ?? (random.Next(100) < 68 ? 'M' : 'F');
        var sur = surname ?? ChineseNames.PickSurname(random);
        var (han, syllables) = given ?? PickGiven(random, s);
        var birth = RandomDate(random, earliest, latest);
        var province = IdNumbers.PickProvince(random);
        var pinyinGiven = string.Concat(syllables);
        return new Person
        {
            Chinese = true,
            Sex = s,
            Birth = birth,
            Name = sur.Han + han,
            Latin = sur.Pinyin + " " + Capitalise(pinyinGiven),
            Surname = sur,
            GivenHan = han,
            GivenSyllables = syllables,
            Ric = IdNumbers.MakeRic(random, province, birth, s),
            Passport = (withPassport ?? random.Next(100) < 50) ? IdNumbers.MakePassport(random) : null,
        };
    }

    internal static Person MakeBurmese(Random random, DateOnly earliest, DateOnly latest)
    {
        var sex = random.Next(100) < 60 ? 'M' : 'F';
        var (script, latin) = BurmeseNames.PickName(random, sex);
        return new Person
        {
            Chinese = false,
            Sex = sex,
            Birth = RandomDate(random, earliest, latest),
            Name = script,
            Latin = latin,
            Nrc = IdNumbers.MakeNrc(random, myanmarScript: false),
        };
    }

    internal static (string Han, string[] Syllables) PickGiven(Random random, char sex)
    {
        var (first, second) = ChineseNames.PickGivenChars(random, sex);
        return second is null
            ? (first.Han, [first.Pinyin])
            : (first.Han + second.Han, [first.Pinyin, second.Pinyin]);
    }

    internal static DateOnly RandomDate(Random random, DateOnly earliest, DateOnly latest) =>
        earliest.AddDays(random.Next(latest.DayNumber - earliest.DayNumber + 1));

    internal static string Capitalise(string word) =>
        word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];

    internal string BirthIso => Birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
