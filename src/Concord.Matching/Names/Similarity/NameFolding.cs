using System.Globalization;
using System.Text;

namespace Concord.Matching.Similarity;

/// <summary>Case, accent and punctuation folding that keeps every script's letters (transliteration comes later).</summary>
internal static class NameFolding
{
    // Letters that NFKD does not decompose but that Latin-script records write without a mark.
    private static readonly Dictionary<char, string> Special = Tables.Chars(
        "ß=ss|æ=ae|œ=oe|ø=o|đ=d|ð=d|ł=l|ı=i|þ=th|ŋ=ng|ħ=h|ŧ=t|ſ=s|");

    /// <summary>
    /// NFKD, marks removed, lower case, every run of punctuation or space made one space. Apostrophes and similar
    /// marks inside a word vanish ("Qa'ida" is "qaida"); periods between single letters are kept as '.' so that the
    /// tokenizer can join "A.B.C." into one initialism; '&amp;' becomes "and".
    /// </summary>
    public static string Fold(string text)
    {
        var composed = text.Normalize(NormalizationForm.FormC);
        var sb = new StringBuilder(composed.Length);
        foreach (var whole in composed)
        {
            if (char.IsSurrogate(whole)) { sb.Append(whole); continue; } // supplementary Han: kept as written
            // Cyrillic (й, ї, ў), Hangul syllables and kana carry marks that change the letter, not decorate it.
            if (FamilyOf(char.ToLowerInvariant(whole)) is ScriptFamily.Cyrillic or ScriptFamily.Hangul or ScriptFamily.Kana)
            {
                var lower = char.ToLowerInvariant(whole);
                sb.Append(lower == 'ё' ? 'е' : lower);
                continue;
            }
            AppendDecomposed(sb, whole);
        }
        return sb.ToString();
    }

    private static void AppendDecomposed(StringBuilder sb, char whole)
    {
        foreach (var raw in whole.ToString().Normalize(NormalizationForm.FormKD))
        {
            var cat = CharUnicodeInfo.GetUnicodeCategory(raw);
            if (cat is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                // Myanmar, Thai, Khmer and Indic scripts write vowels as combining marks: they are part of the name.
                if (raw is >= '\u0900' and <= '\u1CFF' or >= '\uA9E0' and <= '\uAA7F') sb.Append(raw);
                continue;
            }
            if (cat == UnicodeCategory.Format) continue; // ZWNJ in Persian, soft hyphens
            var c = char.ToLowerInvariant(raw);
            if (Special.TryGetValue(c, out var special)) { sb.Append(special); continue; }
            if (char.IsLetterOrDigit(c)) { sb.Append(c); continue; }
            switch (c)
            {
                case '\'' or '\u2019' or '\u2018' or '`' or '\u02BC' or '\u02BB' or '\u00B4':
                    break; // in-word apostrophes: "O'Brien", "Qa'ida", "Ba'asyir"
                case '.':
                    sb.Append('.');
                    break;
                case '&':
                    sb.Append(" and ");
                    break;
                case '%':
                    sb.Append(" percent ");
                    break;
                case ',':
                    sb.Append(',');
                    break;
                default:
                    sb.Append(' ');
                    break;
            }
        }
    }

    /// <summary>The script family of one character, coarse enough to choose a transliteration table.</summary>
    public static ScriptFamily FamilyOf(char c) => c switch
    {
        >= 'a' and <= 'z' => ScriptFamily.Latin,
        >= '0' and <= '9' => ScriptFamily.Digit,
        >= '\u00C0' and <= '\u024F' => ScriptFamily.Latin,
        >= '\u0370' and <= '\u03FF' => ScriptFamily.Greek,
        >= '\u0400' and <= '\u052F' => ScriptFamily.Cyrillic,
        >= '\u0530' and <= '\u058F' => ScriptFamily.Armenian,
        >= '\u0590' and <= '\u05FF' => ScriptFamily.Hebrew,
        >= '\u0600' and <= '\u06FF' or >= '\u0750' and <= '\u077F' or >= '\uFB50' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF' => ScriptFamily.Arabic,
        >= '\u10A0' and <= '\u10FF' or >= '\u1C90' and <= '\u1CBF' => ScriptFamily.Georgian,
        >= '\u1000' and <= '\u109F' or >= '\uA9E0' and <= '\uA9FF' or >= '\uAA60' and <= '\uAA7F' => ScriptFamily.Myanmar,
        >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' => ScriptFamily.Han,
        >= '\u3040' and <= '\u30FF' => ScriptFamily.Kana,
        >= '\uAC00' and <= '\uD7AF' or >= '\u1100' and <= '\u11FF' => ScriptFamily.Hangul,
        _ when char.IsLetter(c) => ScriptFamily.OtherLetters,
        _ => ScriptFamily.None,
    };
}

internal enum ScriptFamily { None, Latin, Digit, Greek, Cyrillic, Armenian, Hebrew, Arabic, Georgian, Myanmar, Han, Kana, Hangul, OtherLetters }
