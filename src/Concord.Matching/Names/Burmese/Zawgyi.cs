using System.Text;

namespace Concord.Matching;

// Zawgyi is a font hack that reuses Myanmar code points with other meanings and stores text in visual order
// (vowel E and medial RA typed before the consonant). The mapping below follows the long-published Zawgyi glyph
// assignments (the same facts the MIT-licensed Rabbit converter documents); the reordering is done per cluster
// instead of with regular expressions so that a cluster is always emitted in Unicode storage order (UTN #11).
public static class Zawgyi
{
    // Code-point evidence this close is no evidence: the string is valid in both encodings (Zawgyi ဘေငြ "Ba Ngwe"
    // is also Unicode ဘေ + ငြ), so the two readings are compared as names instead.
    private const int InconclusiveMargin = 1;

    // Natural-log odds a Zawgyi reading must win by: stray Unicode text that merely looks odd stays as typed.
    private const double UnicodePrior = 1.0;

    // Log-probability charged on top for a unit whose marks are not in Unicode storage order (or that has no
    // consonant to carry them): such a reading is a mis-decoding, not a rare name.
    private const double IllFormedPenalty = 6.0;

    /// <summary>Whether Myanmar text is more likely Zawgyi than Unicode, from code points only Zawgyi uses and
    /// from the order of marks; where those are inconclusive, from which reading is the more plausible run of name
    /// syllables. Text that reads the same in both encodings is reported as not Zawgyi.</summary>
    public static bool IsZawgyi(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (zawgyi, unicode) = Scores(text);
        if (Math.Abs(zawgyi - unicode) > InconclusiveMargin)
        {
            return zawgyi > unicode;
        }
        var converted = Convert(text);
        if (string.Equals(converted, text, StringComparison.Ordinal))
        {
            return false;
        }
        var asZawgyi = Units(converted);
        var asUnicode = Units(text);
        if (asZawgyi.SequenceEqual(asUnicode, StringComparer.Ordinal))
        {
            // Both readings are the same name (Zawgyi ဥ + ီ is Unicode ဦ): the code points still decide whether the
            // string is normalised, and a name model has nothing to add.
            return zawgyi > unicode;
        }
        return Plausibility(asZawgyi) > Plausibility(asUnicode) + UnicodePrior;
    }

    private static List<string> Units(string unicodeText) => BurmeseSyllables.Units(BurmeseSyllables.Split(unicodeText));

    // Sum of the log-frequencies of the Unicode text's spelling units among the training names (unseen units backed
    // off by smoothing, malformed ones penalised further). Latin letters and digits read the same either way.
    internal static double Plausibility(string unicodeText) => Plausibility(Units(unicodeText));

    private static double Plausibility(List<string> units)
    {
        var total = 0.0;
        foreach (var unit in units)
        {
            if (!unit.Any(c => c is >= '\u1000' and <= '\u109F'))
            {
                continue;
            }
            total += BurmeseSpellingModel.UnitLogProbability(unit) - (IsWellFormedUnit(unit) ? 0 : IllFormedPenalty);
        }
        return total;
    }

    // A Unicode unit is a consonant or independent vowel, its medials and vowel signs in storage order (UTN #11),
    // and optionally a final consonant that takes only dot below, asat and visarga.
    internal static bool IsWellFormedUnit(string unit)
    {
        if (unit.Length == 0 || !BurmeseSyllables.IsStarter(unit[0]))
        {
            return false;
        }
        var last = 0;
        var final = false;
        for (var i = 1; i < unit.Length; i++)
        {
            var c = unit[i];
            if (BurmeseSyllables.IsStarter(c))
            {
                if (final)
                {
                    return false;
                }
                final = true;
                last = Math.Max(last, UnitRankFinal);
                continue;
            }
            var rank = UnitRank(c);
            if (rank == 0 || rank <= last || (final && rank < UnitRankFinal))
            {
                return false;
            }
            last = rank;
        }
        return true;
    }

    private const int UnitRankFinal = 9;

    private static int UnitRank(char c) => c switch
    {
        '\u103B' => 1,
        '\u103C' => 2,
        '\u103D' => 3,
        '\u103E' => 4,
        '\u1031' => 5,
        '\u102D' or '\u102E' or '\u1032' => 6,
        '\u102F' or '\u1030' => 7,
        '\u102B' or '\u102C' => 8,
        '\u1036' => 9,
        '\u1037' => 10,
        '\u103A' => 11,
        '\u1038' => 12,
        _ => 0,
    };

    // The code-point evidence for each encoding; IsZawgyi weighs it.
    private static (int Zawgyi, int Unicode) Scores(string text)
    {
        var zawgyi = 0;
        var unicode = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x1000 || c > 0x109F)
            {
                continue;
            }
            var prev = i > 0 ? text[i - 1] : '\0';
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            switch (c)
            {
                case >= '\u105A' and <= '\u109F':
                    // Shan and Mon letters live here in Unicode too, but Burmese names never use them while
                    // Zawgyi uses them for stacked, short and kinzi forms.
                    zawgyi += 3;
                    break;
                case '\u1031':
                    // Unicode stores E after its consonant; Zawgyi types it first. E that opens a word or follows a
                    // finished syllable before a consonant is Zawgyi; E after a consonant and not before one is
                    // Unicode. E between consonants is Zawgyi when the next consonant (past its medials) takes a
                    // tone or AA directly (ဘေအး is Zawgyi ဘ + အေး; Unicode would need a vowel there).
                    if (IsBaseConsonant(next) || next == '\u103B')
                    {
                        var k = i + 2;
                        while (k < text.Length && IsMedial(text[k]))
                        {
                            k++;
                        }
                        var after = k < text.Length ? text[k] : '\0';
                        if (!IsConsonant(prev) && !IsMedial(prev))
                        {
                            zawgyi += 3;
                        }
                        else if (after is '\u1038' or '\u102B' or '\u102C' or '\u105A')
                        {
                            zawgyi += 2;
                        }
                        else if (IsMedial(prev))
                        {
                            unicode += 1;
                        }
                    }
                    else if (IsConsonant(prev) || IsMedial(prev))
                    {
                        unicode += 2;
                    }
                    break;
                case '\u103B':
                    // Zawgyi's medial RA (glyph at U+103B) precedes the consonant; Unicode's medial YA follows it.
                    if (IsConsonant(next) && !IsConsonant(prev))
                    {
                        zawgyi += 3;
                    }
                    else if (IsConsonant(prev))
                    {
                        unicode += 1;
                    }
                    break;
                case '\u1039':
                    // Unicode's virama always joins two consonants, and never after NGA (kinzi needs an asat first)
                    // or above/below the letters that do not stack; Zawgyi's asat ends a syllable before anything.
                    if (!IsConsonant(next) || prev == '\u1004' || next is '\u1004' or '\u100A' or '\u101A' or '\u101B' or '\u101D' or '\u101F' or '\u1021' or '\u1025')
                    {
                        zawgyi += 3;
                    }
                    else if (prev == '\u103A' || IsPaliStack(prev, next))
                    {
                        // Kinzi or a stack Pali spelling allows: a Unicode reading is at least as likely.
                        unicode += prev == '\u103A' ? 3 : 0;
                    }
                    else
                    {
                        zawgyi += 3;
                    }
                    break;
                case '\u103A':
                    // Zawgyi's medial YA sits here and takes vowel signs after it, and its consonant opens a syllable;
                    // Unicode's asat closes one, so its consonant never opens a word or follows a finished syllable.
                    var prev2 = i > 1 ? text[i - 2] : '\0';
                    if (next is '\u102B' or '\u102C' or '\u102D' or '\u102E' or '\u102F' or '\u1030' or '\u1032' or '\u1033' or '\u1034' or '\u1036')
                    {
                        zawgyi += 2;
                    }
                    else if (IsConsonant(prev) && (prev2 is '\u1039' or '\u1038' or '\u1037' || prev2 < '\u1000' || prev2 > '\u109F'))
                    {
                        zawgyi += 2;
                    }
                    else if (next is '\0' or '\u1037' or '\u1038' or ' ' || IsBaseConsonant(next))
                    {
                        // An asat closing the word or followed by a tone or the next syllable.
                        unicode += 2;
                    }
                    else
                    {
                        unicode += 1;
                    }
                    break;
                case '\u1036' when next is '\u102F' or '\u1030':
                    // Zawgyi habitually types anusvara before the U vowel (လံုး); Unicode orders U first (လုံး).
                    zawgyi += 2;
                    break;
                case '\u103D' when next != '\u103E' && !text.Contains('\u103E', StringComparison.Ordinal):
                    // Zawgyi's HA medial; Unicode writes HA as U+103E, and its WA (U+103D) alone is rarer in names.
                    zawgyi += 1;
                    break;
                case '\u1033' or '\u1034':
                    zawgyi += 2;
                    break;
                case '\u103E':
                    unicode += 2;
                    break;
                case '\u102E' when prev == '\u1025':
                    zawgyi += 1;
                    break;
                default:
                    break;
            }
        }
        return (zawgyi, unicode);
    }

    /// <summary>Converts Zawgyi text to Unicode Myanmar; text not detected as Zawgyi is returned unchanged.</summary>
    public static string ToUnicode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return IsZawgyi(text) ? Convert(text) : text;
    }

    // The conversion without detection: also tells whether a string reads the same in both encodings.
    internal static string Convert(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        var cluster = new List<Part>(8);
        var pending = new List<Part>(2);
        var hasBase = false;

        void Flush()
        {
            // Stable sort keeps marks of the same rank (two upper vowels, say) in the order written.
            foreach (var (p, _) in cluster.Select((p, i) => (p, i)).OrderBy(x => x.p.Rank).ThenBy(x => x.i))
            {
                sb.Append(p.Text);
            }
            cluster.Clear();
            hasBase = false;
        }

        foreach (var c in text)
        {
            var parts = Map(c);
            if (parts is null)
            {
                Flush();
                cluster.AddRange(pending);
                pending.Clear();
                Flush();
                sb.Append(c);
                continue;
            }
            foreach (var part in parts)
            {
                if (part.Rank == RankBase)
                {
                    Flush();
                    cluster.Add(part);
                    cluster.AddRange(pending);
                    pending.Clear();
                    hasBase = true;
                }
                else if (part.Rank is RankE or RankMedialR || (!hasBase && pending.Count > 0))
                {
                    // Zawgyi types E and medial RA before their consonant, so they open the next cluster.
                    if (hasBase)
                    {
                        Flush();
                    }
                    pending.Add(part);
                }
                else
                {
                    cluster.Add(part);
                }
            }
        }
        cluster.AddRange(pending);
        Flush();
        return Normalize(sb.ToString());
    }

    // Sequence fixes that only make sense once the cluster is in storage order.
    private static string Normalize(string s) => s
        .Replace("\u1025\u102E", "\u1026", StringComparison.Ordinal)
        .Replace("\u1025\u103A", "\u1009\u103A", StringComparison.Ordinal)
        .Replace("\u1025\u1039", "\u1009\u1039", StringComparison.Ordinal)
        .Replace("\u1025\u102C", "\u1009\u102C", StringComparison.Ordinal);

    internal static bool IsConsonant(char c) => c is >= '\u1000' and <= '\u102A' || c is '\u103F' or '\u106A' or '\u106B' or '\u108F' or '\u1090' or '\u1086';

    // Unicode stacks follow the Pali rows (k, c, retroflex, t, p): a letter over itself, an unaspirated letter over
    // its aspirate, or the row's nasal over any of its row; plus ll and ss. Anything else after U+1039 is Zawgyi asat.
    private static bool IsPaliStack(char upper, char lower)
    {
        if (upper == lower && upper is '\u101C' or '\u101E' or (>= '\u1000' and <= '\u1019'))
        {
            return true;
        }
        if (upper is < '\u1000' or > '\u1019' || lower is < '\u1000' or > '\u1019')
        {
            return false;
        }
        int Row(char c) => c <= '\u1004' ? 0 : c <= '\u100A' ? 1 : c <= '\u100F' ? 2 : c <= '\u1014' ? 3 : 4;
        if (Row(upper) != Row(lower))
        {
            return false;
        }
        var nasal = upper is '\u1004' or '\u1009' or '\u100A' or '\u100F' or '\u1014' or '\u1019';
        var aspirated = lower == upper + 1 && upper is '\u1000' or '\u1002' or '\u1005' or '\u1007' or '\u100B' or '\u100D' or '\u1010' or '\u1012' or '\u1015' or '\u1017';
        return nasal || aspirated;
    }

    private static bool IsBaseConsonant(char c) => c is >= '\u1000' and <= '\u1021' || c is '\u106A' or '\u106B' or '\u108F' or '\u1090' or '\u1086';

    private static bool IsMedial(char c) => c is >= '\u103B' and <= '\u103E';

    private readonly record struct Part(string Text, int Rank);

    private const int RankKinzi = 0;
    private const int RankBase = 1;
    private const int RankStack = 2;
    private const int RankMedialY = 3;
    private const int RankMedialR = 4;
    private const int RankMedialW = 5;
    private const int RankMedialH = 6;
    private const int RankE = 7;
    private const int RankUpper = 8;
    private const int RankLower = 9;
    private const int RankAa = 10;
    private const int RankAsatAa = 11;
    private const int RankAnusvara = 12;
    private const int RankDot = 13;
    private const int RankAsat = 14;
    private const int RankVisarga = 15;

    private static Part[]? Map(char c) => c switch
    {
        >= '\u1000' and <= '\u102A' => [new(c.ToString(), RankBase)],
        '\u103F' => [new("\u103F", RankBase)],
        '\u1086' => [new("\u103F", RankBase)],
        '\u106A' => [new("\u1009", RankBase)],
        '\u106B' => [new("\u100A", RankBase)],
        '\u108F' => [new("\u1014", RankBase)],
        '\u1090' => [new("\u101B", RankBase)],
        '\u106E' => [new("\u100D", RankBase), new("\u1039\u100D", RankStack)],
        '\u106F' => [new("\u100D", RankBase), new("\u1039\u100E", RankStack)],
        '\u1091' => [new("\u100F", RankBase), new("\u1039\u100D", RankStack)],
        '\u1092' => [new("\u100B", RankBase), new("\u1039\u100C", RankStack)],
        '\u1097' => [new("\u100B", RankBase), new("\u1039\u100B", RankStack)],
        '\u1031' => [new("\u1031", RankE)],
        '\u103B' or (>= '\u107E' and <= '\u1084') => [new("\u103C", RankMedialR)],
        '\u103A' or '\u107D' => [new("\u103B", RankMedialY)],
        '\u103C' => [new("\u103D", RankMedialW)],
        '\u103D' or '\u1087' => [new("\u103E", RankMedialH)],
        '\u108A' => [new("\u103D", RankMedialW), new("\u103E", RankMedialH)],
        '\u1088' => [new("\u103E", RankMedialH), new("\u102F", RankLower)],
        '\u1089' => [new("\u103E", RankMedialH), new("\u1030", RankLower)],
        '\u1039' => [new("\u103A", RankAsat)],
        '\u102D' or '\u102E' or '\u1032' => [new(c.ToString(), RankUpper)],
        '\u108E' => [new("\u102D", RankUpper), new("\u1036", RankAnusvara)],
        '\u102F' or '\u1030' => [new(c.ToString(), RankLower)],
        '\u1033' => [new("\u102F", RankLower)],
        '\u1034' => [new("\u1030", RankLower)],
        '\u102B' or '\u102C' => [new(c.ToString(), RankAa)],
        '\u105A' => [new("\u102B", RankAa), new("\u103A", RankAsatAa)],
        '\u1036' => [new("\u1036", RankAnusvara)],
        '\u1037' or '\u1094' or '\u1095' => [new("\u1037", RankDot)],
        '\u1038' => [new("\u1038", RankVisarga)],
        '\u1064' => [new("\u1004\u103A\u1039", RankKinzi)],
        '\u108B' => [new("\u1004\u103A\u1039", RankKinzi), new("\u102D", RankUpper)],
        '\u108C' => [new("\u1004\u103A\u1039", RankKinzi), new("\u102E", RankUpper)],
        '\u108D' => [new("\u1004\u103A\u1039", RankKinzi), new("\u1036", RankAnusvara)],
        '\u1060' => [new("\u1039\u1000", RankStack)],
        '\u1061' => [new("\u1039\u1001", RankStack)],
        '\u1062' => [new("\u1039\u1002", RankStack)],
        '\u1063' => [new("\u1039\u1003", RankStack)],
        '\u1065' => [new("\u1039\u1005", RankStack)],
        '\u1066' or '\u1067' => [new("\u1039\u1006", RankStack)],
        '\u1068' => [new("\u1039\u1007", RankStack)],
        '\u1069' => [new("\u1039\u1008", RankStack)],
        '\u106C' => [new("\u1039\u100B", RankStack)],
        '\u106D' => [new("\u1039\u100C", RankStack)],
        '\u1070' => [new("\u1039\u100F", RankStack)],
        '\u1071' or '\u1072' => [new("\u1039\u1010", RankStack)],
        '\u1073' or '\u1074' => [new("\u1039\u1011", RankStack)],
        '\u1075' => [new("\u1039\u1012", RankStack)],
        '\u1076' => [new("\u1039\u1013", RankStack)],
        '\u1077' => [new("\u1039\u1014", RankStack)],
        '\u1078' => [new("\u1039\u1015", RankStack)],
        '\u1079' => [new("\u1039\u1016", RankStack)],
        '\u107A' => [new("\u1039\u1017", RankStack)],
        '\u107B' or '\u1093' => [new("\u1039\u1018", RankStack)],
        '\u107C' => [new("\u1039\u1019", RankStack)],
        '\u1085' => [new("\u1039\u101C", RankStack)],
        '\u1096' => [new("\u1039\u1010", RankStack), new("\u103D", RankMedialW)],
        _ => null,
    };
}
