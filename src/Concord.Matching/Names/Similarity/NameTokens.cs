using System.Globalization;
using System.Text;

namespace Concord.Matching.Similarity;

internal enum TokenKind { Word, Initial, Number, Particle, Generic, Script, Patronymic }

internal sealed record NameToken(string Text, TokenKind Kind, double Weight);

/// <summary>Turns one folded, romanised variant into weighted tokens: legal forms out, particles and generic words light.</summary>
internal static class NameTokens
{
    public sealed record Result(IReadOnlyList<NameToken> Tokens, bool Reordered, IReadOnlyList<string> Dropped, IReadOnlySet<string> LegalClasses);

    // Which family of company law a legal form belongs to: a private limited company and a stock company of one
    // name are usually two bodies (a parent and its subsidiary), while "JSC" and "OAO" are one form in two languages.
    private static readonly Dictionary<string, string> LegalClass = Tables.Words(
        "limited liability company=limited|llc=limited|ooo=limited|gmbh=limited|" +
        "gesellschaft mit beschrankter haftung=limited|sarl=limited|srl=limited|sp z o o=limited|" +
        "sp z oo=limited|spzoo=limited|s de rl=limited|sl=limited|sociedad limitada=limited|" +
        "societatea cu raspundere limitata=limited|societe a responsabilite limitee=limited|tov=limited|" +
        "bv=limited|besloten vennootschap=limited|ltd=limited|limited=limited|pty ltd=limited|" +
        "pte ltd=limited|co ltd=limited|private limited company=limited|ltd co=limited|jsc=stock|ojsc=stock|" +
        "cjsc=stock|pjsc=stock|oao=stock|zao=stock|pao=stock|ao=stock|ag=stock|aktiengesellschaft=stock|" +
        "sa=stock|sas=stock|societe anonyme=stock|sociedad anonima=stock|nv=stock|" +
        "naamloze vennootschap=stock|plc=stock|public limited company=stock|spa=stock|ab=stock|asa=stock|" +
        "oyj=stock|kk=stock|kabushiki kaisha=stock|joint stock company=stock|open joint stock company=stock|" +
        "closed joint stock company=stock|public joint stock company=stock|lp=partnership|llp=partnership|" +
        "limited partnership=partnership|limited liability partnership=partnership|kg=partnership|" +
        "ohg=partnership|inc=incorporated|incorporated=incorporated|ano=nonprofit|");

    // Legal forms say what kind of body a name belongs to, not which one: "Gazprom OAO" and "JSC Gazprom" are one.
    // Multi-word forms are listed word by word; the longest run wins.
    private static readonly string[][] LegalForms = new[]
    {
        "limited liability company", "limited liability partnership", "limited partnership", "joint stock company", "open joint stock company",
        "closed joint stock company", "public joint stock company", "public limited company", "private limited company",
        "gesellschaft mit beschrankter haftung", "societatea cu raspundere limitata", "societe anonyme", "sociedad anonima",
        "societe a responsabilite limitee", "sociedad limitada", "naamloze vennootschap", "besloten vennootschap", "kabushiki kaisha",
        "sp z o o", "sp z oo", "s de rl", "co ltd", "pty ltd", "pte ltd", "ltd co",
        "llc", "llp", "ltd", "limited", "inc", "incorporated", "corp", "corporation", "co", "company", "plc", "lp", "gmbh", "ag",
        "aktiengesellschaft", "kg", "ohg", "se", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "ab", "asa", "oy", "oyj", "as",
        "kk", "pte", "pty", "jsc", "ojsc", "cjsc", "pjsc", "oao", "zao", "pao", "ooo", "ao", "tov", "sp", "spzoo", "sl",
        "ano", "fzco", "fze", "dmcc", "bhd", "sdn", "tbk", "pt", "cv", "sc",
    }.Select(f => f.Split(' ')).OrderByDescending(f => f.Length).ToArray();

    // Romanised Russian and Ukrainian legal-form words, matched by stem so that every transliteration scheme hits.
    private static readonly string[] LegalStems = ["obshchestv", "obshestv", "obschestv", "obscestv", "ogranichenn", "ogranicenn", "otvetstvenn", "aktsioner", "aktsyoner", "aktcioner", "akcioner", "tovarystv", "tovarishchestv"];

    // Words that carry little identity: articles, prepositions, honorifics and Arabic/Dutch/German name particles.
    private static readonly HashSet<string> Particles = new(StringComparer.Ordinal)
    {
        "the", "of", "and", "for", "in", "at", "on", "de", "del", "della", "der", "den", "des", "du", "da", "di", "do", "dos", "das",
        "van", "von", "la", "le", "les", "el", "al", "bin", "ibn", "ben", "bint", "binti", "bte", "y", "e", "und", "et",
        "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "president", "prasident", "monsieur", "madame", "mme",
        "herr", "frau", "shaikh", "sheikh", "sheik", "mv", "mt", "ss",
    };

    // Words that many organisations share; they count, but less than the distinctive part of the name.
    private static readonly HashSet<string> Generic = new(StringComparer.Ordinal)
    {
        "bank", "group", "holding", "holdings", "international", "intl", "trust", "foundation", "fund", "capital", "partners",
        "industries", "industry", "industrial", "systems", "solutions", "services", "global", "management", "investment",
        "investments", "enterprises", "trading", "business", "organization", "organisation", "association", "society",
        "institute", "national", "general", "united", "technologies", "technology", "energy", "finance", "financial",
    };

    // Spellings of one particle or word that differ only by convention.
    private static readonly Dictionary<string, string> Canonical = Tables.Words(
        "ibn=bin|ben=bin|el=al|organisation=organization|intl=international|corporation=corp|" +
        "incorporated=inc|limited=ltd|company=co|");

    private static readonly Dictionary<string, int> Units = Tables.Numbers(
        "zero=0|one=1|two=2|three=3|four=4|five=5|six=6|seven=7|eight=8|nine=9|ten=10|eleven=11|twelve=12|" +
        "thirteen=13|fourteen=14|fifteen=15|sixteen=16|seventeen=17|eighteen=18|nineteen=19|first=1|second=2|" +
        "third=3|fourth=4|fifth=5|sixth=6|seventh=7|eighth=8|ninth=9|tenth=10|");

    private static readonly Dictionary<string, int> Tens = Tables.Numbers(
        "twenty=20|thirty=30|forty=40|fourty=40|fifty=50|sixty=60|seventy=70|eighty=80|ninety=90|hundred=100|");

    public static Result Tokenize(string variant)
    {
        var text = variant;
        var reordered = false;
        // "Putin, Vladimir": a family name written first and set off by a comma; "Apple, Inc." is not that.
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        if (comma > 0 && text.IndexOf(',', comma + 1) < 0)
        {
            var head = RawWords(text[..comma]);
            var tail = RawWords(text[(comma + 1)..]);
            if (head.Count is >= 1 and <= 2 && tail.Count >= 1 && !tail.All(IsLegalWord))
            {
                text = text[(comma + 1)..] + " " + text[..comma];
                reordered = true;
            }
        }
        var raw = RawWords(text.Replace(',', ' ')).Select(Deobfuscate).ToList();
        var words = SplitScripts(raw);
        var dropped = new List<string>();
        var classes = new HashSet<string>(StringComparer.Ordinal);
        var tokens = new List<NameToken>();
        for (var i = 0; i < words.Count; i++)
        {
            var legal = LegalRun(words, i);
            if (legal > 0)
            {
                var form = string.Join(' ', words.Skip(i).Take(legal));
                dropped.Add(form);
                if (LegalClass.TryGetValue(form, out var cls)) classes.Add(cls);
                else if (LegalStems.Any(st => form.StartsWith(st, StringComparison.Ordinal))) classes.Add(form.Contains("ogranic", StringComparison.Ordinal) ? "limited" : "stock");
                i += legal - 1;
                continue;
            }
            var w = words[i];
            if (NumberAt(words, ref i) is { } n) { tokens.Add(new(n.ToString(CultureInfo.InvariantCulture), TokenKind.Number, 1.5)); continue; }
            w = Canonical.GetValueOrDefault(w, w);
            var family = NameFolding.FamilyOf(w[0]);
            if (family is not (ScriptFamily.Latin or ScriptFamily.Digit)) tokens.Add(new(w, TokenKind.Script, w.Length * 2.0));
            else if (w.Length == 1 && char.IsLetter(w[0])) tokens.Add(new(w, TokenKind.Initial, 1));
            else if (Particles.Contains(w)) tokens.Add(new(w, TokenKind.Particle, 0.3 * w.Length));
            else if (Generic.Contains(w)) tokens.Add(new(w, TokenKind.Generic, 0.5 * w.Length));
            else if (IsPatronymic(w)) tokens.Add(new(w, TokenKind.Patronymic, w.Length));
            else tokens.Add(new(w, TokenKind.Word, w.Length));
        }
        // A name made only of legal forms or particles ("The Company") is still a name: keep what was there.
        if (tokens.Count == 0 || tokens.All(t => t.Kind == TokenKind.Particle))
        {
            tokens = words.Select(w => new NameToken(w, TokenKind.Word, w.Length)).ToList();
            dropped.Clear();
            classes.Clear();
        }
        return new(tokens, reordered, dropped, classes);
    }

    // Russian, Ukrainian, Belarusian, Serbian, Turkic patronymics: often left out of a record, so missing costs less.
    private static readonly string[] PatronymicEndings = ["ovich", "evich", "ovych", "evych", "ovitch", "ovna", "evna", "ivna", "ovič", "ogly", "oglu", "kyzy", "qizi", "uly", "ulu"];

    private static bool IsPatronymic(string w) => w.Length >= 7 && PatronymicEndings.Any(e => w.EndsWith(e, StringComparison.Ordinal));

    // Long legal-form words, to be recognised through a slip ("Aktiengeselschaft").
    private static readonly string[] LongLegalWords = LegalForms.Where(f => f.Length == 1 && f[0].Length >= 8).Select(f => f[0]).ToArray();

    private static bool IsLegalWord(string w) => LegalForms.Any(f => f.Length == 1 && f[0] == w) || Particles.Contains(w);

    private static int LegalRun(List<string> words, int i)
    {
        foreach (var form in LegalForms)
        {
            if (i + form.Length > words.Count) continue;
            var ok = true;
            for (var k = 0; k < form.Length && ok; k++) ok = words[i + k] == form[k];
            if (ok) return form.Length;
        }
        if (words[i].Length >= 8 && LongLegalWords.Any(l => StringMetrics.LevenshteinRatio(words[i], l) >= 0.88)) return 1;
        var n = 0;
        while (i + n < words.Count && LegalStems.Any(s => words[i + n].StartsWith(s, StringComparison.Ordinal))) n++;
        // "s ogranichennoy" keeps its preposition inside the form.
        if (n > 0 && i + n + 1 < words.Count && words[i + n] is "s" && LegalStems.Any(s => words[i + n + 1].StartsWith(s, StringComparison.Ordinal)))
        {
            n += 1;
            while (i + n < words.Count && LegalStems.Any(s => words[i + n].StartsWith(s, StringComparison.Ordinal))) n++;
        }
        return n;
    }

    private static int? NumberAt(List<string> words, ref int i)
    {
        var w = words[i];
        int value;
        if (w.Length > 2 && char.IsAsciiDigit(w[0]) && w[^2..] is "st" or "nd" or "rd" or "th" && w[..^2].All(char.IsAsciiDigit)) w = w[..^2];
        if (w.All(char.IsAsciiDigit) && w.Length <= 9) value = int.Parse(w, CultureInfo.InvariantCulture);
        else if (Units.TryGetValue(w, out var u)) value = u;
        else if (Tens.TryGetValue(w, out var t))
        {
            value = t;
            // "forty four", "forty-four", "forty 4" are one number.
            if (t < 100 && i + 1 < words.Count && (Units.TryGetValue(words[i + 1], out var u2) || int.TryParse(words[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out u2)) && u2 is > 0 and < 10)
            {
                value += u2;
                i++;
            }
        }
        else return null;
        return value;
    }

    /// <summary>
    /// Digits standing between letters are letters typed as look-alikes ("Ig0r Sech1n", "I9or"); digits at the edge of
    /// a word ("AHL1", "2007") are real numbers and stay.
    /// </summary>
    private static string Deobfuscate(string w)
    {
        if (w.Length < 3 || !w.Any(char.IsAsciiDigit)) return w;
        var chars = w.ToCharArray();
        var changed = false;
        for (var i = 1; i < chars.Length - 1; i++)
        {
            if (!char.IsAsciiDigit(chars[i]) || !char.IsLetter(chars[i - 1]) || !char.IsLetter(chars[i + 1])) continue;
            var letter = chars[i] switch { '0' => 'o', '1' => 'i', '3' => 'e', '4' => 'a', '5' => 's', '7' => 't', '8' => 'b', '9' => 'g', _ => chars[i] };
            changed |= letter != chars[i];
            chars[i] = letter;
        }
        return changed ? new string(chars) : w;
    }

    /// <summary>Words split on spaces; "a.b.c." (single letters between periods) kept as one initialism, other periods split.</summary>
    private static List<string> RawWords(string text)
    {
        var result = new List<string>();
        foreach (var chunk in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!chunk.Contains('.', StringComparison.Ordinal)) { result.Add(chunk); continue; }
            var parts = chunk.Split('.', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && parts.All(p => p.Length == 1)) result.Add(string.Concat(parts));
            else result.AddRange(parts);
        }
        return result;
    }

    /// <summary>Splits words where the script changes, so "贝拉克·奥巴马" or "PLA中国" give separate tokens per script.</summary>
    private static List<string> SplitScripts(List<string> words)
    {
        var result = new List<string>();
        foreach (var w in words)
        {
            var sb = new StringBuilder();
            var current = ScriptFamily.None;
            foreach (var c in w)
            {
                var f = NameFolding.FamilyOf(c);
                if (f == ScriptFamily.Digit) f = ScriptFamily.Latin;
                if (f == ScriptFamily.None && char.IsSurrogate(c)) f = ScriptFamily.Han;
                if (sb.Length > 0 && f != current && f != ScriptFamily.None) { result.Add(sb.ToString()); sb.Clear(); }
                if (f != ScriptFamily.None || char.IsSurrogate(c)) current = f;
                sb.Append(c);
            }
            if (sb.Length > 0) result.Add(sb.ToString());
        }
        return result;
    }
}
