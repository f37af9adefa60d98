using System.Text;

namespace Concord.Matching.Similarity;

/// <summary>
/// Hand-written romanisation tables for the scripts that police records most often carry beside Latin. Each script
/// yields a few alternates (schemes), because the same Cyrillic name is "Yuriy" on one passport and "Iurii" on the
/// next; comparing against every alternate and keeping the best is cheaper than guessing the scheme.
/// </summary>
internal static class Transliteration
{
    /// <summary>Alternate Latin readings of a folded name; the name itself first when it holds no foreign script.</summary>
    public static IReadOnlyList<Variant> Variants(string folded)
    {
        var families = new HashSet<ScriptFamily>();
        foreach (var c in folded) families.Add(NameFolding.FamilyOf(c));
        var result = new List<Variant> { new(folded, VariantKind.AsWritten) };
        if (families.Contains(ScriptFamily.Cyrillic))
        {
            foreach (var scheme in CyrillicSchemes) result.Add(new(Cyrillic(folded, scheme), VariantKind.Cyrillic));
        }
        if (families.Contains(ScriptFamily.Greek))
        {
            result.Add(new(Greek(folded, modern: true), VariantKind.Greek));
            result.Add(new(Greek(folded, modern: false), VariantKind.Greek));
        }
        if (families.Contains(ScriptFamily.Arabic)) result.Add(new(Map(folded, ArabicTable), VariantKind.Abjad));
        if (families.Contains(ScriptFamily.Hebrew)) result.Add(new(Map(folded, HebrewTable), VariantKind.Abjad));
        if (families.Contains(ScriptFamily.Georgian)) result.Add(new(Map(folded, GeorgianTable), VariantKind.Georgian));
        if (families.Contains(ScriptFamily.Armenian)) result.Add(new(Map(folded, ArmenianTable), VariantKind.Armenian));
        // Once romanised, the name as written adds nothing but false overlap of foreign letters ("ООО" and "ООО").
        if (result.Count > 1) result.RemoveAt(0);
        return result;
    }

    private sealed record CyrillicScheme(string Name, Dictionary<char, string> Letters, string IyEnding, bool YeAfterVowel);

    private static readonly Dictionary<char, string> CyrillicBase = Tables.Chars(
        "а=a|б=b|в=v|г=g|д=d|е=e|ж=zh|з=z|и=i|й=y|к=k|л=l|м=m|н=n|о=o|п=p|р=r|с=s|т=t|у=u|ф=f|х=kh|ц=ts|ч=ch|" +
        "ш=sh|щ=shch|ъ=|ы=y|ь=|э=e|ю=yu|я=ya|" +
        "і=i|ї=yi|є=ye|ґ=g|ў=u|" + // Ukrainian, Belarusian
        "ђ=dj|ј=j|љ=lj|њ=nj|ћ=c|џ=dz|ѓ=gj|ќ=kj|ѕ=dz|" + // Serbian, Macedonian
        "ә=a|ғ=g|қ=k|ң=n|ө=o|ұ=u|ү=u|һ=h|ҳ=h|ӣ=i|ӯ=u|ҷ=j|ҫ=s"); // Kazakh, Kyrgyz, Mongolian, Tatar, Tajik

    private static Dictionary<char, string> With(params (char C, string S)[] changes)
    {
        var d = new Dictionary<char, string>(CyrillicBase);
        foreach (var (c, s) in changes) d[c] = s;
        return d;
    }

    // BGN/PCGN-like (English press), ICAO passport (Russian since 2013), Ukrainian national, and a
    // German/South-Slavic/Baltic-style reading (j for й, h for х, c for ц) that Latvian, Serbian and German records use.
    private static readonly CyrillicScheme[] CyrillicSchemes =
    [
        new("bgn", CyrillicBase, "iy", true),
        new("icao", With(('й', "i"), ('х', "kh"), ('ю', "iu"), ('я', "ia"), ('ы', "y"), ('ц', "ts")), "ii", false),
        new("ukrainian", With(('г', "h"), ('и', "y"), ('й', "i"), ('х', "kh"), ('є', "ie"), ('ї', "i")), "yi", false),
        new("continental", With(('й', "j"), ('х', "h"), ('ц', "c"), ('ч', "c"), ('ш', "s"), ('ж', "z"), ('ю', "ju"), ('я', "ja"), ('щ', "sc"), ('ы', "i"), ('ћ', "c")), "ij", false),
    ];

    private static string Cyrillic(string text, CyrillicScheme scheme)
    {
        var sb = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : ' ';
            var prev = i > 0 ? text[i - 1] : ' ';
            // -ий / -ый at the end of a word: the scheme's own ending ("Yuriy", "Iurii", "Zelenskyi", "Jurij").
            if (c is 'и' or 'ы' && next == 'й' && (i + 2 >= text.Length || !char.IsLetter(text[i + 2])))
            {
                sb.Append(c == 'ы' ? "y" : scheme.IyEnding);
                i++;
                continue;
            }
            // е after a vowel or at the start of a word is "ye" in BGN ("Yevgeny", "Sergeyev").
            if (c == 'е' && scheme.YeAfterVowel && (!char.IsLetter(prev) || "аеёиоуыэюяіїєь".Contains(prev, StringComparison.Ordinal)))
            {
                sb.Append("ye");
                continue;
            }
            sb.Append(scheme.Letters.TryGetValue(c, out var s) ? s : c.ToString());
        }
        return sb.ToString();
    }

    private static readonly Dictionary<char, string> GreekTable = Tables.Chars(
        "α=a|β=v|γ=g|δ=d|ε=e|ζ=z|η=i|θ=th|ι=i|κ=k|λ=l|μ=m|ν=n|ξ=x|ο=o|π=p|ρ=r|σ=s|ς=s|τ=t|υ=y|φ=f|χ=ch|ψ=ps|" +
        "ω=o|");

    // Modern Greek reads some digraphs as one sound (ου = u, μπ = b, ντ = d); classical transcription keeps the letters.
    private static readonly (string From, string To)[] GreekDigraphs =
    [
        ("ου", "ou"), ("αι", "ai"), ("ει", "i"), ("οι", "i"), ("μπ", "b"), ("ντ", "d"), ("γκ", "g"), ("γγ", "ng"), ("αυ", "av"), ("ευ", "ev"),
    ];

    private static string Greek(string text, bool modern)
    {
        if (modern) foreach (var (from, to) in GreekDigraphs) text = text.Replace(from, to, StringComparison.Ordinal);
        return Map(text, GreekTable);
    }

    // Arabic and Persian: consonants as the common English press writes them; long vowels as vowels. The comparison of
    // abjad-derived tokens uses a consonant skeleton as well, because short vowels are not written at all.
    private static readonly Dictionary<char, string> ArabicTable = Tables.Chars(
        "ا=a|ب=b|ت=t|ث=th|ج=j|ح=h|خ=kh|د=d|ذ=dh|ر=r|ز=z|س=s|ش=sh|ص=s|ض=d|ط=t|ظ=z|ع=|غ=gh|ف=f|ق=q|ك=k|ل=l|م=m|" +
        "ن=n|ه=h|و=u|ي=i|ى=a|ة=a|ء=|ئ=i|ؤ=u|ٱ=a|پ=p|چ=ch|ژ=zh|گ=g|ک=k|ی=i|ۀ=e|ە=e|ھ=h|ـ=|");

    private static readonly Dictionary<char, string> HebrewTable = Tables.Chars(
        "א=a|ב=b|ג=g|ד=d|ה=h|ו=o|ז=z|ח=ch|ט=t|י=i|כ=k|ך=k|ל=l|מ=m|ם=m|נ=n|ן=n|ס=s|ע=|פ=p|ף=f|צ=ts|ץ=ts|ק=k|" +
        "ר=r|ש=sh|ת=t|");

    private static readonly Dictionary<char, string> GeorgianTable = Tables.Chars(
        "ა=a|ბ=b|გ=g|დ=d|ე=e|ვ=v|ზ=z|თ=t|ი=i|კ=k|ლ=l|მ=m|ნ=n|ო=o|პ=p|ჟ=zh|რ=r|ს=s|ტ=t|უ=u|ფ=p|ქ=k|ღ=gh|ყ=q|" +
        "შ=sh|ჩ=ch|ც=ts|ძ=dz|წ=ts|ჭ=ch|ხ=kh|ჯ=j|ჰ=h|");

    private static readonly Dictionary<char, string> ArmenianTable = Tables.Chars(
        "ա=a|բ=b|գ=g|դ=d|ե=e|զ=z|է=e|ը=y|թ=t|ժ=zh|ի=i|լ=l|խ=kh|ծ=ts|կ=k|հ=h|ձ=dz|ղ=gh|ճ=ch|մ=m|յ=y|ն=n|շ=sh|" +
        "ո=o|չ=ch|պ=p|ջ=j|ռ=r|ս=s|վ=v|տ=t|ր=r|ց=ts|ւ=v|փ=p|ք=k|օ=o|ֆ=f|և=ev|");

    private static string Map(string text, Dictionary<char, string> table)
    {
        var sb = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            // Armenian ու is one vowel, u.
            if (c == 'ո' && i + 1 < text.Length && text[i + 1] == 'ւ') { sb.Append('u'); i++; continue; }
            sb.Append(table.TryGetValue(c, out var s) ? s : c.ToString());
        }
        return sb.ToString();
    }
}

internal enum VariantKind { AsWritten, Cyrillic, Greek, Abjad, Georgian, Armenian, Registered }

internal sealed record Variant(string Text, VariantKind Kind);
