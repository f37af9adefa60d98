using System.Collections;
using System.Collections.Immutable;
using System.Globalization;
using Concord.Matching.Similarity;

namespace Concord.Matching;

/// <summary>How alike two names are, with the reasons.</summary>
public sealed record NameComparison(double Score, IReadOnlyList<Evidence> Evidence);

/// <summary>
/// General similarity of two person or organisation names in any script, in [0, 1]. Both names are folded (NFKD,
/// marks, case, punctuation), romanised into a few alternates (Cyrillic, Greek, Arabic/Persian, Hebrew, Georgian,
/// Armenian, plus whatever other modules register in <see cref="Transliterators"/>), cut into weighted tokens (legal
/// forms dropped, particles and generic organisation words light), and the tokens of the two names are paired greedily
/// best-first regardless of order. The score is the similarity of the pairs weighted by their characters, over all the
/// characters of both names; tokens left without a partner cost their share, less so when the shorter name is wholly
/// found inside the longer one (an added middle name or patronymic).
/// </summary>
public static class NameSimilarity
{
    /// <summary>
    /// The score at or above which two names are taken as one. Calibrated on the nomenklatura name benchmark
    /// (testdata/eval/names, 826 labelled pairs): the threshold of best F1 on the whole file in a sweep from 0.30 to
    /// 0.95 in steps of 0.01 (F1 0.889 at 0.70; the curve is flat, 0.886 to 0.889, from 0.67 to 0.80). The sweep,
    /// the curve and a two-fold cross-validation of the choice are rerun and printed by
    /// tests/Concord.Matching.Tests/Similarity/NameBenchmarkTests.cs; `concord eval pairs FILE --sweep` shows the curve.
    /// </summary>
    public const double DefaultThreshold = 0.70;

    /// <summary>
    /// Extra romanisations that other modules (Chinese, Burmese) register once at start-up: each gets the folded name
    /// and returns alternate Latin readings of it. Registration is copy-on-write, so comparisons running on other
    /// threads always see a complete list.
    /// </summary>
    public static TransliteratorRegistry Transliterators { get; } = Defaults();

    // Pinyin with its syllables apart, then the joined keys that carry the regional and Wade–Giles spellings.
    private static IEnumerable<string> HanReadings(string han) => ChineseNames.Pinyin(han, 2).Concat(ChineseNames.LatinKeys(han).Take(12));

    // Chinese characters and Burmese script are read by their own modules, with the spellings names really use.
    private static TransliteratorRegistry Defaults()
    {
        var registry = new TransliteratorRegistry();
        registry.Add(static folded => NameText.DetectScript(folded) == Script.Han ? HanReadings(folded.Replace(" ", "", StringComparison.Ordinal)) : []);
        registry.Add(static folded => NameText.DetectScript(folded) == Script.Myanmar ? BurmeseNames.Romanize(folded, 2) : []);
        return registry;
    }

    // A pair of tokens counts as the same token from this similarity on; below it they are two different tokens.
    private const double PairFloor = 0.62;
    // Tokens of the longer name that the shorter name does not have cost this share of their weight when the shorter
    // name is wholly and closely found in the longer one.
    private const double ExtraTokenDiscount = 0.25;
    private const double CoveredPairFloor = 0.7;
    private const double OrderPenalty = 0.03;
    private const double LegalClassPenalty = 0.15;
    private const double ConflictPenalty = 0.05;

    private static bool IsNamePart(NameToken t) => t.Kind is TokenKind.Word or TokenKind.Script;

    public static double Score(string a, string b) => Compare(a, b).Score;

    public static NameComparison Compare(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var va = VariantsOf(a);
        var vb = VariantsOf(b);
        // Greedy pairing breaks ties by position, so each direction is tried and the better kept: the score is
        // symmetric, and the evidence reads in the caller's order whenever that direction is as good.
        var forward = Best(va, vb);
        var backward = Best(vb, va);
        var best = backward is not null && (forward is null || backward.Score > forward.Score) ? backward : forward;
        if (best is null) return new NameComparison(0, []);
        return new NameComparison(Math.Round(Math.Clamp(best.Score, 0, 1), 4), best.Evidence);
    }

    private static Alignment? Best(List<Prepared> va, List<Prepared> vb)
    {
        Alignment? best = null;
        foreach (var x in va)
        {
            foreach (var y in vb)
            {
                var al = Align(x, y);
                if (best is null || al.Score > best.Score) best = al;
            }
        }
        return best;
    }

    private sealed record Prepared(Variant Variant, NameTokens.Result Tokens);

    private static List<Prepared> VariantsOf(string name)
    {
        var result = new List<Prepared>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // "Al-Qa'ida/Islamic Army": a slash between names gives alternatives, each a name of its own.
        var parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var part in parts.Length > 1 ? parts.Prepend(name) : parts) AddVariants(part, seen, result);
        return result;
    }

    private static void AddVariants(string name, HashSet<string> seen, List<Prepared> result)
    {
        var folded = NameFolding.Fold(name);
        var variants = new List<Variant>(Transliteration.Variants(folded));
        foreach (var t in Transliterators)
        {
            foreach (var alt in t(folded)) if (!string.IsNullOrWhiteSpace(alt)) variants.Add(new(NameFolding.Fold(alt), VariantKind.Registered));
        }
        foreach (var v in variants)
        {
            if (!seen.Add(v.Text)) continue;
            var tokens = NameTokens.Tokenize(v.Text);
            if (tokens.Tokens.Count > 0) result.Add(new(v, tokens));
        }
    }

    private sealed record Alignment(double Score, IReadOnlyList<Evidence> Evidence);

    private sealed record Pair(int A, int B, double Sim, string Why);

    private static Alignment Align(Prepared pa, Prepared pb)
    {
        var abjad = pa.Variant.Kind == VariantKind.Abjad || pb.Variant.Kind == VariantKind.Abjad;
        var ta = pa.Tokens.Tokens.ToList();
        var tb = pb.Tokens.Tokens.ToList();
        var evidence = new List<Evidence>();
        foreach (var p in new[] { pa, pb })
        {
            if (p.Variant.Kind is not (VariantKind.AsWritten or VariantKind.Registered))
                evidence.Add(new("name", $"{p.Variant.Kind.ToString().ToLowerInvariant()} transliterated: '{p.Variant.Text.Trim()}'", 0));
            else if (p.Variant.Kind == VariantKind.Registered)
                evidence.Add(new("name", $"romanised by a registered transliterator: '{p.Variant.Text.Trim()}'", 0));
            foreach (var d in p.Tokens.Dropped) evidence.Add(new("name", $"legal form '{d}' ignored", 0));
        }
        UnglueLegalForms(ta, pb.Tokens.Dropped, evidence);
        UnglueLegalForms(tb, pa.Tokens.Dropped, evidence);
        MergeAcronyms(ta, tb, evidence);
        MergeAcronyms(tb, ta, evidence);
        MergeJoined(ta, tb, abjad, evidence);
        MergeJoined(tb, ta, abjad, evidence);

        // Every candidate pair, best first; each token takes its best free partner.
        var candidates = new List<Pair>();
        for (var i = 0; i < ta.Count; i++)
        {
            for (var j = 0; j < tb.Count; j++)
            {
                var (sim, why) = TokenSimilarity(ta[i], tb[j], abjad);
                if (sim >= PairFloor) candidates.Add(new(i, j, sim, why));
            }
        }
        candidates.Sort((x, y) => y.Sim != x.Sim ? y.Sim.CompareTo(x.Sim) : Math.Abs(x.A - x.B).CompareTo(Math.Abs(y.A - y.B)));
        var usedA = new bool[ta.Count];
        var usedB = new bool[tb.Count];
        var pairs = new List<Pair>();
        foreach (var c in candidates)
        {
            if (usedA[c.A] || usedB[c.B]) continue;
            usedA[c.A] = usedB[c.B] = true;
            pairs.Add(c);
        }

        double matched = 0, pairWeight = 0;
        foreach (var p in pairs)
        {
            var w = PairWeight(ta[p.A], tb[p.B]);
            matched += p.Sim * w;
            pairWeight += w;
            if (p.Sim < 1 || ta[p.A].Text != tb[p.B].Text)
                evidence.Add(new("name", string.Create(CultureInfo.InvariantCulture, $"token '{ta[p.A].Text}' ~ '{tb[p.B].Text}' {p.Sim:0.00}{p.Why}"), p.Sim * w));
            else evidence.Add(new("name", $"token '{ta[p.A].Text}' equal", w));
        }
        var missingA = ta.Where((_, i) => !usedA[i]).ToList();
        var missingB = tb.Where((_, j) => !usedB[j]).ToList();
        // The shorter name wholly and closely inside the longer one: what the longer one adds is an extra name.
        var coveredA = missingA.All(t => t.Kind == TokenKind.Particle) && pairs.All(p => p.Sim >= CoveredPairFloor);
        var coveredB = missingB.All(t => t.Kind == TokenKind.Particle) && pairs.All(p => p.Sim >= CoveredPairFloor);
        // The closer the shorter name's tokens are to their partners, the more the rest of the longer name is taken
        // as extra names (full discount from 0.9 on, none at the covered floor).
        var closeness = pairs.Count == 0 ? 0 : Math.Clamp((pairs.Min(p => p.Sim) - CoveredPairFloor) / (0.9 - CoveredPairFloor), 0, 1);
        var discount = 1 - (1 - ExtraTokenDiscount) * closeness;
        var missWeightA = missingA.Sum(t => MissingWeight(t) * (coveredB && Discountable(t) ? discount : 1));
        var missWeightB = missingB.Sum(t => MissingWeight(t) * (coveredA && Discountable(t) ? discount : 1));
        foreach (var t in missingA.Concat(missingB)) evidence.Add(new("name", $"token '{t.Text}' has no counterpart", -MissingWeight(t)));
        var total = pairWeight + missWeightA + missWeightB;
        var score = total <= 0 ? 0 : matched / total;
        // A name part on each side with no partner is a conflict (another family or given name), not an omission.
        if (pairs.Count > 0 && missingA.Any(IsNamePart) && missingB.Any(IsNamePart))
        {
            score -= ConflictPenalty;
            evidence.Add(new("name", $"'{missingA.First(IsNamePart).Text}' and '{missingB.First(IsNamePart).Text}' differ", -ConflictPenalty));
        }

        var ca = pa.Tokens.LegalClasses;
        var cb = pb.Tokens.LegalClasses;
        if (ca.Count > 0 && cb.Count > 0 && !ca.Overlaps(cb))
        {
            score -= LegalClassPenalty;
            evidence.Add(new("name", $"legal forms differ: {string.Join('/', ca)} vs {string.Join('/', cb)}", -LegalClassPenalty));
        }
        var ordered = pairs.OrderBy(p => p.A).Select(p => p.B).ToList();
        var inOrder = ordered.Zip(ordered.Skip(1)).All(x => x.First < x.Second);
        if (!inOrder && !pa.Tokens.Reordered && !pb.Tokens.Reordered)
        {
            score -= OrderPenalty;
            evidence.Add(new("name", "name order differs", -OrderPenalty));
        }
        else if (pa.Tokens.Reordered || pb.Tokens.Reordered) evidence.Add(new("name", "'Family, Given' form read as 'Given Family'", 0));
        return new(Math.Max(0, score), evidence);
    }

    // A middle initial or a number with no partner is evidence of another person or body (another middle name, the
    // 23rd company of a series); a generic word counts in full when missing; a patronymic with no partner is usually
    // just left out of the shorter record.
    private static double MissingWeight(NameToken t) => t.Kind switch
    {
        TokenKind.Initial or TokenKind.Number => 3,
        TokenKind.Generic => t.Text.Length,
        TokenKind.Patronymic => 0.5 * t.Weight,
        _ => t.Weight,
    };

    // An extra given name or patronymic is the same person written longer; an extra number ("Company 23") or a
    // generic organisation word ("Systems", "Trust") names another body.
    private static bool Discountable(NameToken t) => t.Kind is not (TokenKind.Number or TokenKind.Generic);

    /// <summary>"SiemensAG" ~ "Siemens AG": a legal form that the other name writes apart, written onto the last word.</summary>
    private static void UnglueLegalForms(List<NameToken> side, IReadOnlyList<string> otherForms, List<Evidence> evidence)
    {
        foreach (var form in otherForms.Where(f => !f.Contains(' ', StringComparison.Ordinal) && f.Length >= 2))
        {
            for (var i = 0; i < side.Count; i++)
            {
                var t = side[i];
                if (t.Kind != TokenKind.Word || t.Text.Length - form.Length < 4 || !t.Text.EndsWith(form, StringComparison.Ordinal)) continue;
                var stem = t.Text[..^form.Length];
                side[i] = new NameToken(stem, TokenKind.Word, stem.Length);
                evidence.Add(new("name", $"legal form '{form}' written onto '{t.Text}'", 0));
            }
        }
    }

    /// <summary>"PLA" ~ "People's Liberation Army", "JC" ~ "Jean-Claude": a short token spelled by the first letters of a run of words.</summary>
    private static void MergeAcronyms(List<NameToken> side, List<NameToken> other, List<Evidence> evidence)
    {
        // Two letters alone ("N.N.") are too little to stand for a whole name.
        var minimum = side.Count == 1 ? 3 : 2;
        foreach (var t in side.Where(t => t.Kind == TokenKind.Word && t.Text.Length >= minimum && t.Text.Length <= 5 && t.Text.All(char.IsLetter)).ToList())
        {
            if (other.Any(o => o.Text == t.Text)) continue;
            for (var i = 0; i + t.Text.Length <= other.Count; i++)
            {
                var run = other.Skip(i).Take(t.Text.Length).ToList();
                if (run.Any(r => r.Kind is TokenKind.Script or TokenKind.Number or TokenKind.Initial || r.Text.Length < 2)) continue;
                if (!run.Select(r => r.Text[0]).SequenceEqual(t.Text)) continue;
                other.RemoveRange(i, run.Count);
                other.Insert(i, new NameToken(t.Text, TokenKind.Word, run.Sum(r => r.Weight) / 2));
                evidence.Add(new("name", $"'{t.Text}' read as the initials of '{string.Join(' ', run.Select(r => r.Text))}'", 0));
                break;
            }
        }
    }

    private static double PairWeight(NameToken a, NameToken b) =>
        a.Kind == TokenKind.Initial || b.Kind == TokenKind.Initial ? Math.Min(a.Weight, b.Weight) + 1 : (a.Weight + b.Weight) / 2;

    /// <summary>
    /// "SiemensAG" ~ "Siemens AG", "Patr ushev" ~ "Patrushev": a run of two or three neighbouring tokens on one side
    /// written as one token on the other becomes one token, when the joined form matches better than any part alone.
    /// </summary>
    private static void MergeJoined(List<NameToken> side, List<NameToken> other, bool abjad, List<Evidence> evidence)
    {
        for (var len = 2; len <= 3; len++)
        {
            for (var i = 0; i + len <= side.Count; i++)
            {
                var run = side.Skip(i).Take(len).ToList();
                if (run.Any(t => t.Kind is TokenKind.Script or TokenKind.Number)) continue;
                var joined = string.Concat(run.Select(t => t.Text));
                var joinedToken = new NameToken(joined, TokenKind.Word, joined.Length);
                foreach (var o in other)
                {
                    if (o.Kind is not (TokenKind.Word or TokenKind.Patronymic or TokenKind.Generic) || o.Text.Length < 4) continue;
                    var (js, _) = TokenSimilarity(joinedToken, o, abjad);
                    if (js < 0.85) continue;
                    var partBest = run.Max(t => TokenSimilarity(t, o, abjad).Sim);
                    if (partBest >= js) continue;
                    side.RemoveRange(i, len);
                    side.Insert(i, joinedToken);
                    evidence.Add(new("name", $"'{string.Join(' ', run.Select(t => t.Text))}' read as one word '{joined}'", 0));
                    break;
                }
            }
        }
    }

    internal static (double Sim, string Why) TokenSimilarity(NameToken a, NameToken b, bool abjad)
    {
        if (a.Text == b.Text) return (1, "");
        if (a.Kind == TokenKind.Script || b.Kind == TokenKind.Script)
        {
            if (a.Kind != b.Kind) return (0, "");
            return (StringMetrics.CharacterDice(a.Text, b.Text), " (characters in common)");
        }
        if (a.Kind == TokenKind.Number || b.Kind == TokenKind.Number) return (0, "");
        if (a.Kind == TokenKind.Initial || b.Kind == TokenKind.Initial)
        {
            if (a.Kind == b.Kind) return (0, "");
            return a.Text[0] == b.Text[0] ? (0.85, " (initial)") : (0, "");
        }
        var (at, bt) = (a.Text, b.Text);
        // Latvian and Lithuanian add a nominative -s to every name ("Sergejs Lavrovs" is Sergey Lavrov).
        if (at.Length >= 5 && at[^1] == 's' && bt[^1] != 's') at = at[..^1];
        else if (bt.Length >= 5 && bt[^1] == 's' && at[^1] != 's') bt = bt[..^1];
        if (at == bt) return (0.95, " (nominative -s)");
        var lev = Math.Max(StringMetrics.LevenshteinRatio(a.Text, b.Text), at == a.Text ? 0 : StringMetrics.LevenshteinRatio(at, bt) - 0.03);
        var longer = Math.Max(a.Text.Length, b.Text.Length);
        // One letter of four is a different short word more often than a slip ("Snow" and "Snoe", "Pol" and "Paul").
        var sim = longer switch { <= 3 => lev - 0.15, 4 => lev - 0.1, _ => lev };
        var why = "";
        var shorter = Math.Min(a.Text.Length, b.Text.Length);
        if (shorter >= 3 && lev >= 0.6 && StringMetrics.Phonetic(at) == StringMetrics.Phonetic(bt))
        {
            var bonus = 0.6 + 0.4 * lev;
            if (bonus > sim) { sim = bonus; why = " (sounds alike)"; }
        }
        if (sim < 0.9 && Undoubled(a.Text) == Undoubled(b.Text))
        {
            sim = 0.9;
            why = " (doubled letters)";
        }
        if (shorter >= 4 && a.Text.Length == b.Text.Length && Sorted(a.Text) == Sorted(b.Text) && sim < 0.8)
        {
            sim = 0.8;
            why = " (same letters)";
        }
        if (abjad && shorter >= 2)
        {
            var ka = StringMetrics.Skeleton(a.Text);
            var kb = StringMetrics.Skeleton(b.Text);
            if (ka.Length >= 1 && kb.Length >= 1)
            {
                var skel = ka == kb ? 0.92 : 0.9 * StringMetrics.LevenshteinRatio(ka, kb);
                if (skel > sim) { sim = skel; why = " (consonant skeleton)"; }
            }
        }
        return (sim, why);
    }

    private static string Undoubled(string s)
    {
        var sb = new System.Text.StringBuilder(s.Length);
        foreach (var c in s) if (sb.Length == 0 || sb[^1] != c) sb.Append(c);
        return sb.ToString();
    }

    private static string Sorted(string s)
    {
        var c = s.ToCharArray();
        Array.Sort(c);
        return new string(c);
    }
}

/// <summary>A copy-on-write list of romanisation functions; safe to read while another thread registers.</summary>
public sealed class TransliteratorRegistry : IEnumerable<Func<string, IEnumerable<string>>>
{
    private ImmutableArray<Func<string, IEnumerable<string>>> _items = [];

    public void Add(Func<string, IEnumerable<string>> transliterator)
    {
        ArgumentNullException.ThrowIfNull(transliterator);
        ImmutableInterlocked.Update(ref _items, list => list.Contains(transliterator) ? list : list.Add(transliterator));
    }

    public bool Remove(Func<string, IEnumerable<string>> transliterator) =>
        ImmutableInterlocked.Update(ref _items, list => list.Remove(transliterator));

    public int Count => _items.Length;

    public IEnumerator<Func<string, IEnumerable<string>>> GetEnumerator() => ((IEnumerable<Func<string, IEnumerable<string>>>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
