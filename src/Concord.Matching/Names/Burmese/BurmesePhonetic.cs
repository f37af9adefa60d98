using System.Text;

namespace Concord.Matching;

// Rule-based spelling for a unit the training data never showed: onset + medials + rhyme, using the spellings
// clerks use on Myanmar ID cards and passports (not a scholarly transcription), so "ကြည်" → "kyi", "ထွန်း" → "tun".
internal static class BurmesePhonetic
{
    internal static string Spell(string unit)
    {
        if (unit.Length == 0)
        {
            return string.Empty;
        }
        var onset = unit[0];
        var closed = (unit.Length > 1 && BurmeseSyllables.IsStarter(unit[^1])) || unit.Contains('\u103A', StringComparison.Ordinal) || unit.Contains('\u1036', StringComparison.Ordinal);
        var independent = onset switch
        {
            '\u1023' or '\u1024' => "i",
            // U with a nasal or stop final is the "Ohn"/"Oke" of names like ဥမ္မာ (Ohnmar).
            '\u1025' => closed ? (unit.IndexOfAny(['\u1010', '\u1015', '\u1000']) >= 0 ? "oke" : "ohn") : "u",
            '\u1026' => "oo",
            '\u1027' => "ay",
            '\u1029' or '\u102A' => "aw",
            _ => null,
        };
        if (independent is not null)
        {
            return independent;
        }
        var i = 1;
        var medials = new StringBuilder();
        while (i < unit.Length && unit[i] is >= '\u103B' and <= '\u103E')
        {
            medials.Append(unit[i]);
            i++;
        }
        var vowels = new StringBuilder();
        char final = '\0';
        for (; i < unit.Length; i++)
        {
            var c = unit[i];
            if (BurmeseSyllables.IsStarter(c))
            {
                final = c;
            }
            else if (c is '\u1031' or '\u102B' or '\u102C' or '\u102D' or '\u102E' or '\u102F' or '\u1030' or '\u1032' or '\u1036')
            {
                vowels.Append(c == '\u102B' ? '\u102C' : c);
            }
        }
        var m = medials.ToString();
        var hasW = m.Contains('\u103D', StringComparison.Ordinal);
        var rhyme = Rhyme(vowels.ToString(), final, hasW, out var rhymeTakesW);
        var head = Onset(onset, m, hasW && !rhymeTakesW);
        return head + rhyme;
    }

    private static string Onset(char c, string medials, bool w)
    {
        var y = medials.Contains('\u103B', StringComparison.Ordinal) || medials.Contains('\u103C', StringComparison.Ordinal);
        var h = medials.Contains('\u103E', StringComparison.Ordinal);
        var baseSpelling = c switch
        {
            '\u1000' => y ? "ky" : "k",
            '\u1001' => y ? "ch" : "kh",
            '\u1002' or '\u1003' => y ? "gy" : "g",
            '\u1004' => y ? "ny" : "ng",
            '\u1005' => "s",
            '\u1006' => "hs",
            '\u1007' or '\u1008' => "z",
            '\u1009' or '\u100A' => "ny",
            '\u100F' => "n",
            '\u100B' => "t",
            '\u100C' => "ht",
            '\u100D' or '\u100E' => "d",
            '\u1010' => "t",
            '\u1011' => "ht",
            '\u1012' or '\u1013' => "d",
            '\u1014' => "n",
            '\u1015' => y ? "py" : "p",
            '\u1016' => y ? "phy" : "ph",
            '\u1017' or '\u1018' => y ? "by" : "b",
            '\u1019' => y ? "my" : "m",
            '\u101A' or '\u101B' => "y",
            '\u101C' => y ? "ly" : "l",
            '\u101D' => "w",
            '\u101E' => "th",
            '\u101F' => "h",
            '\u1020' => "l",
            '\u103F' => "th",
            _ => string.Empty,
        };
        if (h)
        {
            baseSpelling = c switch
            {
                '\u101A' or '\u101B' => "sh",
                '\u101C' when y => "sh",
                '\u1019' or '\u1014' or '\u101C' or '\u1004' or '\u100A' or '\u1009' or '\u101D' => "h" + baseSpelling,
                _ => baseSpelling,
            };
        }
        return w ? baseSpelling + "w" : baseSpelling;
    }

    private static string Rhyme(string v, char final, bool w, out bool takesW)
    {
        takesW = false;
        if (final == '\0')
        {
            return v switch
            {
                "" => "a",
                "\u102C" => "ar",
                "\u102D" or "\u102E" => "i",
                "\u102F" or "\u1030" => "u",
                "\u1031" => "ay",
                "\u1032" => "e",
                "\u1031\u102C" => "aw",
                "\u102D\u102F" => "o",
                "\u1036" => Take(w, "un", "an", out takesW),
                "\u102F\u1036" => "on",
                "\u102D\u1036" => "ein",
                _ => "a",
            };
        }
        return (v, final) switch
        {
            ("\u1031\u102C", '\u1004') => "aung",
            ("\u1031\u102C", '\u1000') => "auk",
            ("\u102D\u102F", '\u1004') => "aing",
            ("\u102D\u102F", '\u1000') => "aik",
            ("\u1031\u102C", _) => "aw",
            (_, '\u101A') => "e",
            (_, '\u100A') => "i",
            (_, '\u1009') => "in",
            ("", '\u1004') => "in",
            ("", '\u1000') => Take(w, "wet", "et", out takesW),
            ("", '\u1005') => "it",
            ("", '\u1010' or '\u1015' or '\u100B') => Take(w, "ut", "at", out takesW),
            ("", '\u1014' or '\u1019' or '\u100F') => Take(w, "un", "an", out takesW),
            ("\u102D", '\u1010' or '\u1015') => "eik",
            ("\u102D", '\u1014' or '\u1019') => "ein",
            ("\u102F", '\u1010' or '\u1015') => "oke",
            ("\u102F", '\u1014' or '\u1019') => "on",
            // Any other final (လ် in ဗိုလ်, say) is silent or rare in names: read the vowel as if open.
            _ => Rhyme(v, '\0', w, out takesW),
        };
    }

    private static string Take(bool w, string withW, string plain, out bool takesW)
    {
        takesW = w;
        return w ? withW : plain;
    }
}
