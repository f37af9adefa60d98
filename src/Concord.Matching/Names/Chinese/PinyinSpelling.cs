namespace Concord.Matching;

/// <summary>
/// Spellings derived from a toneless pinyin syllable by rule. Output is in key form (lower-case ASCII letters):
/// apostrophes and umlauts are dropped because <see cref="NameText.LatinKeys"/> drops them from the Latin side too.
/// </summary>
internal static class PinyinSpelling
{
    private static readonly string[] Initials = ["zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s", "y", "w"];

    /// <summary>The syllable as a key: ü becomes u (passports and clerks alike write LU, LYU or LV for 吕).</summary>
    public static string Key(string syllable) => syllable.Replace("ü", "u", StringComparison.Ordinal);

    /// <summary>Alternative key forms of ü for a surname: mainland passports write 吕 as LYU since 2012, older ones LV.</summary>
    public static IEnumerable<string> UmlautForms(string syllable)
    {
        if (!syllable.Contains('ü', StringComparison.Ordinal))
        {
            yield break;
        }
        yield return syllable.Replace("ü", "yu", StringComparison.Ordinal);
        yield return syllable.Replace("ü", "v", StringComparison.Ordinal);
    }

    /// <summary>Wade–Giles (as Taiwan passports and older documents write it), without apostrophes and umlauts.</summary>
    public static string WadeGiles(string syllable)
    {
        switch (syllable)
        {
            case "zi" or "ci":
                return "tzu";
            case "si":
                return "ssu";
            case "zhi" or "chi":
                return "chih";
            case "shi":
                return "shih";
            case "ri":
                return "jih";
            case "er":
                return "erh";
            case "e":
                return "o";
            case "yi":
                return "i";
            case "ye":
                return "yeh";
            case "you":
                return "yu";
            case "yan":
                return "yen";
            case "yong":
                return "yung";
            case "yue" or "yüe":
                return "yueh";
            case "shuo":
                return "shuo";
            default:
                break;
        }
        var (initial, final) = Cut(syllable);
        var wgInitial = initial switch
        {
            "b" => "p",
            "d" => "t",
            "g" => "k",
            "zh" or "j" or "q" => "ch",
            "x" => "hs",
            "r" => "j",
            "z" or "c" => "ts",
            _ => initial,
        };
        var f = final.Replace("ü", "u", StringComparison.Ordinal);
        f = f switch
        {
            "ong" => "ung",
            "iong" => "iung",
            "ian" => "ien",
            "ie" => "ieh",
            "ue" => "ueh",
            "uo" when initial is "g" or "k" or "h" => "uo",
            "uo" => "o",
            "e" when initial is "g" or "k" or "h" => "o",
            "ui" when initial is "g" or "k" => "uei",
            _ => f,
        };
        return wgInitial + f;
    }

    /// <summary>
    /// Guesses at Hong Kong, Macao and Southeast Asian spellings from pinyin, for surnames the corpus table lacks.
    /// These are sound-alike English spellings (li → lee, zhou → chow, huang → wong), not a dialect reading: Cantonese
    /// and Hokkien readings cannot be derived from Mandarin, so the rules catch only the near misses.
    /// </summary>
    public static IEnumerable<string> RegionalGuesses(string syllable)
    {
        var (initial, final) = Cut(syllable);
        final = final.Replace("ü", "u", StringComparison.Ordinal);
        string[] initials = initial switch
        {
            "zh" => ["ch", "j"],
            "ch" => ["ch"],
            "z" or "c" => ["ch", "ts", "tz"],
            "j" => ["ch", "k", "g"],
            "q" => ["ch", "k", "kh"],
            "x" => ["s", "h", "hs", "sh"],
            "h" when final.StartsWith('u') => ["w", "h", "f"],
            "h" => ["h"],
            "w" => ["w", "v", ""],
            "y" => ["y", "i", ""],
            "b" => ["p", "b"],
            "d" => ["t", "d"],
            "g" => ["k", "g"],
            "r" => ["y", "j", "l"],
            "sh" => ["s", "sh"],
            _ => [initial],
        };
        string[] finals = final switch
        {
            "i" => ["i", "ee", "ei", "ie", "y"],
            "ou" => ["ou", "ow", "au", "oh", "eu"],
            "ao" => ["ao", "au", "o"],
            "u" when initial is "h" => ["ong", "u"],
            "u" => ["u", "oo", "ui"],
            "un" => ["un", "oon", "uen"],
            "ong" => ["ong", "ung", "oong"],
            "ang" => ["ang", "ong", "eung", "eong"],
            "uang" => ["ong", "wong", "uang"],
            "ian" => ["ian", "in", "ien", "eng"],
            "eng" => ["eng", "ang", "ung"],
            "en" => ["en", "an", "un"],
            "iu" => ["iu", "iew", "ew", "au"],
            "ie" => ["ie", "eh", "ip"],
            "ui" => ["ui", "ooi", "ue", "eui"],
            "ei" => ["ei", "ay", "i"],
            "uo" => ["uo", "o", "ok"],
            "e" => ["e", "o", "oh", "or"],
            "an" => ["an", "un"],
            "in" => ["in", "an", "yan"],
            "ing" => ["ing", "eng"],
            "ia" => ["ia", "a"],
            "iang" => ["iang", "eung", "eong", "iong"],
            "uan" => ["uan", "un", "oon", "wan"],
            _ => [final],
        };
        foreach (var i in initials)
        {
            foreach (var f in finals)
            {
                yield return i + f;
            }
        }
    }

    private static (string Initial, string Final) Cut(string syllable)
    {
        foreach (var initial in Initials)
        {
            if (syllable.Length > initial.Length && syllable.StartsWith(initial, StringComparison.Ordinal))
            {
                var final = syllable[initial.Length..];
                // After j, q, x and y the written u is ü.
                if (initial is "j" or "q" or "x" or "y" && final.StartsWith('u'))
                {
                    final = "ü" + final[1..];
                }
                return (initial, final);
            }
        }
        return (string.Empty, syllable);
    }
}
