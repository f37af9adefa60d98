using System.Text;

namespace Concord.Matching;

/// <summary>
/// Chinese names in Han characters: simplification, surname split, pinyin readings and Latin match keys comparable to
/// <see cref="NameText.LatinKeys"/>. Tables are generated offline (Names/Chinese/Data/README.md); nothing is fetched.
/// </summary>
public static class ChineseNames
{
    // Readings kept per character while building keys: enough for the common polyphones (行 xing/hang/heng)
    // without letting a long minority name multiply into hundreds of keys.
    private const int KeyRenderings = 4;

    // Rule-guessed regional spellings per surname; the guesses are loose, so a cap keeps the key list small.
    private const int MaxGuesses = 48;

    /// <summary>Traditional (and Hong Kong / Taiwan variant) characters to simplified, one character at a time.</summary>
    public static string ToSimplified(string han)
    {
        ArgumentNullException.ThrowIfNull(han);
        var map = ChineseTables.TraditionalToSimplified;
        StringBuilder? sb = null;
        for (var i = 0; i < han.Length; i++)
        {
            if (map.TryGetValue(han[i], out var simple))
            {
                sb ??= new StringBuilder(han, 0, i, han.Length);
                sb.Append(simple);
            }
            else
            {
                sb?.Append(han[i]);
            }
        }
        return sb?.ToString() ?? han;
    }

    /// <summary>
    /// Surname and given name, in the characters as written (spaces and punctuation dropped). A known two-character
    /// surname (欧阳, 司马, 尉迟, ...) is taken when at least one character follows it; a two-character name is read as
    /// surname plus given name, because 东方 alone is far more often 东 + 方 than a bare compound surname.
    /// </summary>
    public static (string Surname, string Given) Split(string han)
    {
        ArgumentNullException.ThrowIfNull(han);
        var chars = HanCharacters(han);
        if (chars.Count == 0)
        {
            return (string.Empty, string.Empty);
        }
        var cut = chars.Count >= 3 && ChineseTables.CompoundSurnames.Contains(ToSimplified(chars[0] + chars[1])) ? 2 : 1;
        return (string.Concat(chars.Take(cut)), string.Concat(chars.Skip(cut)));
    }

    /// <summary>
    /// Toneless lower-case pinyin renderings, best first: "surname given" with the given syllables joined
    /// ("张小明" → "zhang xiaoming"). The surname takes its name reading (单 shan, 曾 zeng); polyphonic given-name
    /// characters yield alternatives ranked by how common each reading is. ü is kept ("lü").
    /// </summary>
    public static IReadOnlyList<string> Pinyin(string han, int max = 4)
    {
        ArgumentNullException.ThrowIfNull(han);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var result = new List<string>(max);
        foreach (var r in Renderings(han, max))
        {
            // An unreadable surname (a character beyond the table) leaves the given name alone rather than a leading space.
            var text = string.Join(' ', new[] { string.Concat(r.Surname), string.Concat(r.Given) }.Where(p => p.Length > 0));
            if (!result.Contains(text, StringComparer.Ordinal))
            {
                result.Add(text);
            }
        }
        return result;
    }

    /// <summary>
    /// Match keys in the form <see cref="NameText.LatinKeys"/> produces (lower-case letters, surname first, tokens
    /// concatenated): every spelling of the surname (pinyin, Wade–Giles, regional spellings from the corpus table)
    /// joined with the given name in pinyin and in Wade–Giles. Best key first.
    /// </summary>
    public static IReadOnlyList<string> LatinKeys(string han) => LatinKeys(han, useRow: null, guesses: true);

    /// <summary>Every key-form spelling of a surname (simplified or traditional): pinyin first, then Wade–Giles, then regional.</summary>
    public static IReadOnlyList<string> SurnameSpellings(string hanSurname)
    {
        ArgumentNullException.ThrowIfNull(hanSurname);
        var chars = HanCharacters(hanSurname);
        if (chars.Count == 0)
        {
            return [];
        }
        var surname = string.Concat(chars);
        return SurnameForms(surname, SurnameOptions(surname, chars, int.MaxValue), useRow: null, guesses: true);
    }

    /// <summary>
    /// Keys with a say over the regional table: <paramref name="useRow"/> picks the corpus rows allowed (null: all),
    /// which the evaluation uses to hold half the corpus out; <paramref name="guesses"/> adds rule-guessed regional
    /// spellings for surnames without an allowed row.
    /// </summary>
    internal static IReadOnlyList<string> LatinKeys(string han, Func<RegionalSurname, bool>? useRow, bool guesses)
    {
        ArgumentNullException.ThrowIfNull(han);
        if (LatinParts(han, useRow, guesses) is not var (surnameForms, givenForms))
        {
            return [];
        }
        if (surnameForms.Count == 0)
        {
            // No reading for the surname: the given name alone still lets a clerk's record be found.
            surnameForms.Add(string.Empty);
        }
        var keys = new List<string>(surnameForms.Count * givenForms.Count);
        foreach (var s in surnameForms)
        {
            foreach (var g in givenForms)
            {
                AddDistinct(keys, s + g);
            }
        }
        return keys;
    }

    /// <summary>
    /// The key-form spellings of the surname (pinyin, Wade–Giles, regional) and of the given name (pinyin, Wade–Giles)
    /// that <see cref="LatinKeys(string)"/> joins; null when no character of the name can be read.
    /// </summary>
    internal static (List<string> Surnames, List<string> Givens)? LatinParts(string han, Func<RegionalSurname, bool>? useRow = null, bool guesses = true)
    {
        var renderings = Renderings(han, KeyRenderings);
        if (renderings.Count == 0)
        {
            return null;
        }
        var (surname, _) = Split(han);
        var surnameForms = SurnameForms(surname, renderings.Select(r => r.Surname).Where(r => r.Length > 0), useRow, guesses);
        var givenForms = new List<string>();
        foreach (var r in renderings)
        {
            AddDistinct(givenForms, string.Concat(r.Given.Select(PinyinSpelling.Key)));
        }
        foreach (var r in renderings)
        {
            AddDistinct(givenForms, string.Concat(r.Given.Select(PinyinSpelling.WadeGiles)));
        }
        return (surnameForms, givenForms);
    }

    internal readonly record struct Rendering(string[] Surname, string[] Given);

    /// <summary>Best-first readings of the whole name; a beam of <paramref name="max"/> is exact because costs only add up.</summary>
    internal static List<Rendering> Renderings(string han, int max)
    {
        var chars = HanCharacters(han);
        if (chars.Count == 0)
        {
            return [];
        }
        var (surname, given) = Split(han);
        var surnameChars = HanCharacters(surname);
        var beam = new List<(Rendering R, int Cost)>();
        var options = SurnameOptions(surname, surnameChars, max);
        for (var i = 0; i < options.Count; i++)
        {
            beam.Add((new Rendering(options[i], []), i));
        }
        if (beam.Count == 0)
        {
            beam.Add((new Rendering([], []), 0));
        }
        foreach (var c in HanCharacters(given))
        {
            var readings = ReadingsOf(c);
            if (readings is null)
            {
                continue;
            }
            var next = new List<(Rendering R, int Cost)>(beam.Count * readings.Length);
            foreach (var (r, cost) in beam)
            {
                for (var i = 0; i < readings.Length; i++)
                {
                    next.Add((r with { Given = [.. r.Given, readings[i]] }, cost + i));
                }
            }
            beam = [.. next.OrderBy(x => x.Cost).Take(max)];
        }
        return [.. beam.Where(b => b.R.Surname.Length + b.R.Given.Length > 0).Select(b => b.R)];
    }

    /// <summary>Surname readings as syllables, best first: the name-reading table, else the characters' own readings.</summary>
    private static List<string[]> SurnameOptions(string surname, List<string> chars, int max)
    {
        if (ChineseTables.SurnameReadings.TryGetValue(ToSimplified(surname), out var named))
        {
            return [.. named];
        }
        var beam = new List<(string[] S, int Cost)> { ([], 0) };
        foreach (var c in chars)
        {
            var readings = ReadingsOf(c);
            if (readings is null)
            {
                continue;
            }
            beam = [.. beam.SelectMany(b => readings.Select((r, i) => (S: (string[])[.. b.S, r], Cost: b.Cost + i)))
                .OrderBy(x => x.Cost).Take(max)];
        }
        return [.. beam.Where(b => b.S.Length > 0).Select(b => b.S)];
    }

    private static List<string> SurnameForms(string surname, IEnumerable<string[]> readings, Func<RegionalSurname, bool>? useRow, bool guesses)
    {
        var distinct = new List<string[]>();
        foreach (var r in readings)
        {
            if (!distinct.Any(d => d.SequenceEqual(r, StringComparer.Ordinal)))
            {
                distinct.Add(r);
            }
        }
        var forms = new List<string>();
        foreach (var r in distinct)
        {
            AddDistinct(forms, string.Concat(r.Select(PinyinSpelling.Key)));
        }
        foreach (var r in distinct)
        {
            foreach (var u in PinyinSpelling.UmlautForms(string.Concat(r)))
            {
                AddDistinct(forms, u);
            }
            AddDistinct(forms, string.Concat(r.Select(PinyinSpelling.WadeGiles)));
        }
        var rows = RegionalRows(surname).Where(row => useRow is null || useRow(row)).ToList();
        foreach (var row in rows)
        {
            foreach (var spelling in row.Spellings)
            {
                AddDistinct(forms, spelling);
            }
        }
        if (rows.Count == 0 && guesses)
        {
            // A surname missing from the table most likely shares its regional spellings with a listed surname of
            // the same Mandarin sound (many share a Cantonese or Hokkien reading too); failing that, sound-alike rules.
            foreach (var r in distinct)
            {
                if (ChineseTables.RegionalByPinyin.TryGetValue(string.Concat(r.Select(PinyinSpelling.Key)), out var homophones))
                {
                    foreach (var spelling in homophones.Where(row => useRow is null || useRow(row)).SelectMany(row => row.Spellings))
                    {
                        AddDistinct(forms, spelling);
                    }
                }
            }
            foreach (var r in distinct)
            {
                IEnumerable<string> combos = [string.Empty];
                foreach (var syllable in r)
                {
                    var options = PinyinSpelling.RegionalGuesses(syllable).ToList();
                    combos = combos.SelectMany(prefix => options.Select(o => prefix + o));
                }
                foreach (var guess in combos.Take(MaxGuesses))
                {
                    AddDistinct(forms, guess);
                }
            }
        }
        return forms;
    }

    private static IEnumerable<RegionalSurname> RegionalRows(string surname)
    {
        if (ChineseTables.Regional.TryGetValue(surname, out var rows) || ChineseTables.Regional.TryGetValue(ToSimplified(surname), out rows))
        {
            return rows;
        }
        return [];
    }

    private static string[]? ReadingsOf(string c)
    {
        if (c.Length != 1)
        {
            return null;
        }
        if (ChineseTables.Readings.TryGetValue(c[0], out var readings))
        {
            return readings;
        }
        return ChineseTables.TraditionalToSimplified.TryGetValue(c[0], out var simple) && ChineseTables.Readings.TryGetValue(simple, out readings)
            ? readings
            : null;
    }

    /// <summary>The Han characters of a name, one string per character (surrogate pairs kept whole).</summary>
    private static List<string> HanCharacters(string text)
    {
        var chars = new List<string>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsHan(rune.Value))
            {
                chars.Add(rune.ToString());
            }
        }
        return chars;
    }

    private static bool IsHan(int cp) =>
        cp is >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF or >= 0xF900 and <= 0xFAFF or >= 0x20000 and <= 0x3134F or 0x3007;

    private static void AddDistinct(List<string> list, string value)
    {
        if (!list.Contains(value, StringComparer.Ordinal))
        {
            list.Add(value);
        }
    }
}
