using System.Globalization;

namespace Concord.Matching;

/// <summary>
/// Scores a pair of records. The score is the sum of the evidence weights (clamped to [0, 1]). The rules below say
/// what the records settle (two valid different ID numbers are two persons; a shared document with nothing against it
/// is one person) and so the highest band (NoMatch, Review, Accept) the pair may reach; the thresholds then ask for
/// enough evidence in that band: an accept below the accept threshold is queued, a proposal below the review
/// threshold dropped. Raising a threshold never lets through what the rules forbid.
/// </summary>
public sealed class IdentityMatcher
{
    private const int CandidatePool = 200;
    private readonly MatchThresholds thresholds;

    public IdentityMatcher(MatchThresholds? thresholds = null)
    {
        this.thresholds = thresholds ?? new MatchThresholds();
    }

    public MatchProposal Score(IdentityRecord query, IdentityRecord candidate) =>
        Score(Profile.Create(query), Profile.Create(candidate));

    public IReadOnlyList<MatchProposal> Match(IdentityRecord query, IdentityIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        var q = Profile.Create(query);
        // A record is not its own duplicate.
        return Weigh(q, index.CandidateIds(q, CandidatePool).Select(index.ProfileAt).Where(c => !string.Equals(c.Record.Key, query.Key, StringComparison.Ordinal)));
    }

    /// <summary>
    /// Scores the <paramref name="pool"/> best candidates the compact index retrieves for <paramref name="query"/>;
    /// <paramref name="skip"/> drops records the caller no longer counts (withdrawn or corrected ones).
    /// </summary>
    public IReadOnlyList<MatchProposal> Match(IdentityRecord query, CompactIdentityIndex index, int pool = 50, Func<Candidate, bool>? skip = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(index);
        var q = Profile.Create(query);
        return Weigh(q, index.Search(query, pool)
            .Where(c => !string.Equals(c.Key, query.Key, StringComparison.Ordinal) && (skip is null || !skip(c)))
            .Select(c => Profile.Create(index.Get(c.Ordinal))));
    }

    /// <summary>
    /// Scores each candidate, then weighs the pool as a whole: a name, birth date and sex that would settle a pair alone
    /// settle nothing when the list holds several records that agree on them all, or many of that name born the same year
    /// (at a national list's size a namesake with the same birth date is then a matter of time). Such accepts are queued
    /// with how many records stand behind them; an accept on a document stands.
    /// </summary>
    private List<MatchProposal> Weigh(Profile q, IEnumerable<Profile> candidates)
    {
        var scored = new List<(MatchProposal Proposal, PairFacts Facts)>();
        foreach (var c in candidates)
        {
            scored.Add((Score(q, c, out var facts), facts));
        }
        var onNameAndDate = scored.Count(s => s.Facts.AcceptedOnNameAndDate);
        var result = new List<MatchProposal>(scored.Count);
        foreach (var (proposal, facts) in scored)
        {
            var p = proposal;
            if (facts.AcceptedOnNameAndDate)
            {
                // The others of this name born that year, besides the candidate itself.
                var sameYear = scored.Count(s => s.Facts.NamesakeSameYear) - 1;
                if (onNameAndDate > 1)
                {
                    p = Queue(p, new Phrase(Findings.RuleSeveralAgree, onNameAndDate.ToString(CultureInfo.InvariantCulture)));
                }
                else if (sameYear >= (facts.ViaSpelling ? thresholds.NamesakesSameYearViaSpelling : thresholds.NamesakesSameYear))
                {
                    p = Queue(p, new Phrase(Findings.RuleCommonNameSameYear, sameYear.ToString(CultureInfo.InvariantCulture)));
                }
            }
            if (p.Decision != MatchDecision.NoMatch)
            {
                result.Add(p);
            }
        }
        result.Sort(static (a, b) => b.Score.CompareTo(a.Score));
        return result;
    }

    /// <summary>An accept turned into a proposal for a reviewer, the reason added to its rule finding.</summary>
    private static MatchProposal Queue(MatchProposal p, Phrase why)
    {
        var evidence = p.Evidence.ToList();
        var rule = evidence[^1];
        evidence[^1] = new Evidence(rule.Kind, rule.Weight, [.. rule.Phrases, why]);
        return p with { Decision = MatchDecision.Review, Evidence = evidence };
    }

    /// <summary>
    /// What weighing a pool needs of one pair: whether it was accepted on name, birth date and sex alone, and whether the
    /// candidate is a namesake born the same year (name agreeing, sex not against, a birth date of the query's year).
    /// </summary>
    private readonly record struct PairFacts(bool AcceptedOnNameAndDate, bool NamesakeSameYear, bool ViaSpelling);

    private enum NameLevel { NotComparable, Different, Alias, Weak, Reading, Variant, Exact }

    internal MatchProposal Score(Profile q, Profile c) => Score(q, c, out _);

    private MatchProposal Score(Profile q, Profile c, out PairFacts facts)
    {
        var evidence = new List<Evidence>(8);
        var raw = 0.0;
        void Add(string kind, double weight, string template, params string[] args)
        {
            evidence.Add(new Evidence(kind, weight, new Phrase(template, args)));
            raw += weight;
        }

        // Documents
        var strongEqual = false;
        var cnConflict = false;
        var docAgainst = false;
        var nrcConflict = false;
        IdComparisonResult? near = null;
        var nearWithoutCheck = false;
        foreach (var (qt, qn) in q.Documents)
        {
            foreach (var (ct, cn) in c.Documents)
            {
                if (!string.Equals(qt, ct, StringComparison.Ordinal))
                {
                    continue;
                }
                var equal = string.Equals(qn, cn, StringComparison.Ordinal);
                switch (qt)
                {
                    case DocumentNumbers.CnRic:
                        var cmp = ChineseResidentId.Compare(qn, cn);
                        var bothTrusted = ChineseResidentId.IsTrustworthy(qn) && ChineseResidentId.IsTrustworthy(cn);
                        if (cmp.Kind == IdComparison.Equal)
                        {
                            strongEqual = true;
                            Add("document", 0.6, Findings.IdEqual, qn);
                        }
                        else if (bothTrusted)
                        {
                            cnConflict = true;
                            Add("document", -1.0, Findings.IdsDifferBothValid, qn, cn);
                        }
                        else if (cmp.Kind is IdComparison.OneDigitDifferent or IdComparison.TransposedDigits)
                        {
                            near = cmp;
                            Add("document", 0.3, cmp.Kind == IdComparison.OneDigitDifferent ? Findings.IdOneDigit : Findings.IdTwoDigitsSwapped,
                                cmp.Position.ToString(CultureInfo.InvariantCulture), qn, cn);
                        }
                        else
                        {
                            docAgainst = true;
                            Add("document", -0.3, Findings.IdsDifferOneInvalid, qn, cn);
                        }
                        break;
                    case DocumentNumbers.MmNrc:
                        if (equal)
                        {
                            strongEqual = true;
                            Add("document", 0.55, Findings.NrcEqual, qn);
                        }
                        else if (OneSlipApart(qn, cn) is { } slip)
                        {
                            // An NRC has no check digit, so a copying slip cannot be told from another card:
                            // the other fields must carry the decision.
                            near = slip;
                            nearWithoutCheck = true;
                            Add("document", 0.2, slip.Kind == IdComparison.OneDigitDifferent ? Findings.NrcOneCharacter : Findings.NrcTwoCharactersSwapped,
                                qn, cn, slip.Position.ToString(CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            nrcConflict = true;
                            Add("document", -0.6, Findings.NrcDiffers, qn, cn);
                        }
                        break;
                    case DocumentNumbers.Phone:
                        if (equal)
                        {
                            Add("document", 0.15, Findings.PhoneEqual, qn);
                        }
                        break;
                    default:
                        if (equal)
                        {
                            strongEqual = true;
                            if (qt == DocumentNumbers.Passport) Add("document", 0.55, Findings.PassportEqual, qn);
                            else Add("document", 0.55, Findings.DocumentEqual, qt.ToLowerInvariant(), qn);
                        }
                        else
                        {
                            // A person may hold several passports over the years: against, but weakly.
                            docAgainst = true;
                            if (qt == DocumentNumbers.Passport) Add("document", -0.1, Findings.PassportDiffers, qn, cn);
                            else Add("document", -0.1, Findings.DocumentDiffers, qt.ToLowerInvariant(), qn, cn);
                        }
                        break;
                }
            }
        }

        var nameLevel = CompareNames(q, c, Add);

        // Birth date
        if (q.OverruledWrittenDate is { } qw)
        {
            Add("date", 0, Findings.WrittenDateOverruled, Text(qw), Text(q.BirthDate));
        }
        if (c.OverruledWrittenDate is { } cw)
        {
            Add("date", 0, Findings.CandidateWrittenDateOverruled, Text(cw), Text(c.BirthDate));
        }
        var dates = DateComparison.Compare(q.BirthDate, c.BirthDate);
        if (q.BirthDate is { } qd && c.BirthDate is { } cd)
        {
            switch (dates)
            {
                case DateAgreement.Exact:
                    Add("date", 0.3, Findings.BirthDateEqual, Text(qd), Text(cd));
                    break;
                case DateAgreement.Swapped:
                    Add("date", 0.25, Findings.BirthDateSwapped, Text(qd), Text(cd));
                    break;
                case DateAgreement.Compatible:
                    Add("date", 0.1, Findings.BirthDateCompatible, Text(qd), Text(cd));
                    break;
                case DateAgreement.Conflict:
                    if (qd.Year != cd.Year) Add("date", -0.6, Findings.BirthYearDiffers, qd.Year.ToString(CultureInfo.InvariantCulture), cd.Year.ToString(CultureInfo.InvariantCulture));
                    else Add("date", -0.6, Findings.BirthDateDiffers, Text(qd), Text(cd));
                    break;
                default:
                    break;
            }
        }

        var sexKnown = q.Sex != Sex.Unknown && c.Sex != Sex.Unknown;
        var sexEqual = sexKnown && q.Sex == c.Sex;
        if (sexKnown)
        {
            Add("sex", sexEqual ? 0.08 : -0.5, sexEqual ? Findings.SexEqual : Findings.SexDiffers);
        }

        var nationalityDiffers = false;
        if (q.Nationality is { } qn2 && c.Nationality is { } cn2)
        {
            nationalityDiffers = !string.Equals(qn2, cn2, StringComparison.Ordinal);
            if (nationalityDiffers) Add("nationality", -0.4, Findings.NationalityDiffersFrom, qn2, cn2);
            else Add("nationality", 0.02, Findings.NationalityEqual, qn2);
        }

        var dateConflict = dates == DateAgreement.Conflict;
        var sexConflict = sexKnown && !sexEqual;
        var dateStrong = dates is DateAgreement.Exact or DateAgreement.Swapped;
        var dateAgrees = dateStrong || dates == DateAgreement.Compatible;
        var nameStrong = nameLevel is NameLevel.Exact or NameLevel.Variant or NameLevel.Reading;
        var against = nationalityDiffers || docAgainst;

        MatchDecision band;
        string reason;
        // The decision's reason, with what lowered it after.
        var also = new List<Phrase>(2);
        if (cnConflict && !strongEqual)
        {
            (band, reason) = (MatchDecision.NoMatch, Findings.RuleTwoValidIds);
        }
        else if (strongEqual)
        {
            if (nameLevel == NameLevel.Different)
            {
                (band, reason) = (MatchDecision.Review, Findings.RuleSameDocumentNamesDiffer);
            }
            else if (dateConflict || sexConflict || nationalityDiffers)
            {
                (band, reason) = (MatchDecision.Review, Findings.RuleSameDocumentOtherFieldsDisagree);
            }
            else
            {
                (band, reason) = (MatchDecision.Accept, Findings.RuleSameDocumentNothingAgainst);
            }
        }
        else if (dateConflict || sexConflict)
        {
            (band, reason) = (MatchDecision.NoMatch, dateConflict ? Findings.RuleBirthDatesConflict : Findings.SexDiffers);
        }
        else if (nrcConflict)
        {
            (band, reason) = (MatchDecision.NoMatch, Findings.RuleDifferentNrcs);
        }
        else if (near is not null)
        {
            // A number with no check digit says less about its slip: it then takes a full birth date to accept.
            if (nameLevel == NameLevel.Exact && (nearWithoutCheck ? dateStrong : dateAgrees) && q.BirthDate is not null && c.BirthDate is not null && sexEqual && !against)
            {
                (band, reason) = (MatchDecision.Accept, Findings.RuleSlipAgreeing);
            }
            else if (nameLevel is NameLevel.Different)
            {
                (band, reason) = (MatchDecision.NoMatch, Findings.RuleSlipNamesDiffer);
            }
            else
            {
                (band, reason) = (MatchDecision.Review, Findings.RuleSlipReview);
            }
        }
        else if (nameStrong)
        {
            if (dateStrong && sexEqual && !against && nameLevel != NameLevel.Reading)
            {
                (band, reason) = (MatchDecision.Accept, Findings.RuleNameDateSexAgree);
            }
            else if (nameLevel == NameLevel.Reading)
            {
                // Characters read aloud fit many names (李佳, 李家, 李嘉): a human compares them.
                (band, reason) = (MatchDecision.Review, Findings.RuleNameOnlyAsRead);
            }
            else
            {
                (band, reason) = (MatchDecision.Review, Findings.RuleNameNotSettled);
            }
        }
        else if (nameLevel == NameLevel.Weak)
        {
            (band, reason) = dateAgrees && q.BirthDate is not null
                ? (MatchDecision.Review, Findings.RuleNamesNearlyDatesAgree)
                : (MatchDecision.NoMatch, Findings.RuleNamesNearlyNothingElse);
        }
        else if (nameLevel == NameLevel.Alias)
        {
            (band, reason) = dateStrong
                ? (MatchDecision.Review, Findings.RuleAliasWithBirthDate)
                : (MatchDecision.NoMatch, Findings.RuleAliasOnly);
        }
        else
        {
            (band, reason) = (MatchDecision.NoMatch, Findings.RuleNamesDisagree);
        }

        if (nationalityDiffers && band != MatchDecision.NoMatch)
        {
            band = band == MatchDecision.Accept ? MatchDecision.Review : MatchDecision.NoMatch;
            also.Add(new Phrase(Findings.RuleNationalityDiffers));
        }

        var score = Math.Clamp(raw, 0, 1);
        if (band == MatchDecision.Accept && score < thresholds.Accept)
        {
            band = MatchDecision.Review;
            also.Add(new Phrase(Findings.RuleBelowAccept, thresholds.Accept.ToString("0.00", CultureInfo.InvariantCulture)));
        }
        if (band == MatchDecision.Review && score < thresholds.Review)
        {
            band = MatchDecision.NoMatch;
            also.Add(new Phrase(Findings.RuleBelowReview, thresholds.Review.ToString("0.00", CultureInfo.InvariantCulture)));
        }
        evidence.Add(new Evidence("rule", 0, [new Phrase(reason), .. also]));
        facts = new PairFacts(
            band == MatchDecision.Accept && string.Equals(reason, Findings.RuleNameDateSexAgree, StringComparison.Ordinal),
            nameStrong && !sexConflict && q.BirthDate is { } qy && c.BirthDate is { } cy && qy.Year == cy.Year,
            nameLevel == NameLevel.Variant);
        return new MatchProposal(c.Record, score, band, evidence);
    }

    private delegate void Finding(string kind, double weight, string template, params string[] args);

    private static string Text(PartialDate? date) => date?.ToString() ?? "";

    private static NameLevel CompareNames(Profile q, Profile c, Finding add)
    {
        var hanComparable = q.Han.Count > 0 && c.Han.Count > 0;
        var level = NameLevel.NotComparable;
        if (hanComparable)
        {
            foreach (var (qk, qo) in q.Han)
            {
                foreach (var (ck, co) in c.Han)
                {
                    if (string.Equals(qk, ck, StringComparison.Ordinal))
                    {
                        add("name", 0.55, Findings.NameEquals, qo, co);
                        level = NameLevel.Exact;
                        goto hanDone;
                    }
                }
            }
            level = NameLevel.Different;
        hanDone:;
        }

        if (level != NameLevel.Exact && q.Latin.Count > 0 && c.Latin.Count > 0)
        {
            (string, string?, string)? best = null;
            string? bestOther = null;
            foreach (var qk in q.Latin)
            {
                foreach (var ck in c.Latin)
                {
                    if (!string.Equals(qk.Key, ck.Key, StringComparison.Ordinal))
                    {
                        continue;
                    }
                    // One regional spelling at most (Choi = Xu = Su is two), and only to a surname the characters allow.
                    if ((qk.Via is not null && ck.Via is not null) || !q.Fits(qk) || !c.Fits(ck))
                    {
                        continue;
                    }
                    var plain = qk.Via is null && ck.Via is null;
                    if (qk.SurnameLength != ck.SurnameLength && (!plain || (qk.SurnameLength > 0 && ck.SurnameLength > 0)))
                    {
                        // A surname met part of a given name: "chen = zhen" read into "Zhenxin Yang", or the same letters
                        // split elsewhere ("feng guoze" is Feng Guoze or Guoze Feng, never Guo Zefeng). A name written
                        // as one word could split anywhere.
                        continue;
                    }
                    if (best is null || (plain && best.Value.Item2 is not null))
                    {
                        best = (qk.Key, plain ? null : qk.Via ?? ck.Via, qk.Original);
                        bestOther = ck.Original;
                    }
                }
            }
            // Different characters, and Latin names that meet only through a regional spelling (Liao = Liu): two hops
            // from one name to the other, no finding.
            if (best is { } b && !(level == NameLevel.Different && b.Item2 is not null))
            {
                if (level == NameLevel.Different)
                {
                    // Same spelling, different characters: two people whose names sound alike, or a character slip.
                    add("name", 0.25, Findings.LatinNameMatchesHanDiffers, b.Item3, bestOther ?? "");
                    return NameLevel.Weak;
                }
                if (b.Item2 is null)
                {
                    add("name", 0.5, Findings.LatinNameMatches, b.Item3, bestOther ?? "");
                    return NameLevel.Exact;
                }
                add("name", 0.45, Findings.LatinNameMatchesViaSurname, b.Item3, bestOther ?? "", b.Item2);
                return NameLevel.Variant;
            }
            if (level != NameLevel.Different)
            {
                level = NameLevel.Different;
                // One side also wrote the name in characters, whose readings hold every spelling of that surname: a
                // clerk's Latin form the other side did not use, or written as one word ("HOYULAN" is 何雨兰). The
                // Latin side meets them as written: its own regional readings would be a second hop (Huang = Heng = 王).
                if (Reading(q.HanReadings, HanFits(q, c.Latin.Where(l => l.Via is null)), c.Han.Count == 0, out var han, out var latin, out var key)
                    || Reading(c.HanReadings, HanFits(c, q.Latin.Where(l => l.Via is null)), q.Han.Count == 0, out latin, out han, out key))
                {
                    add("name", 0.45, Findings.HanNameReads, han, key, latin);
                    return NameLevel.Reading;
                }
                // The Latin name first in the finding, whichever side wrote it.
                if (NearSurname(q.Splits, c.Splits, out var lo, out var oo, out var ls, out var os)
                    || (q.Han.Count == 0 && NearSurname(q.Splits, c.HanSplits, out lo, out oo, out ls, out os))
                    || (c.Han.Count == 0 && NearSurname(c.Splits, q.HanSplits, out lo, out oo, out ls, out os)))
                {
                    add("name", 0.25, Findings.LatinNameSurnameSpelling, lo, oo, ls, os);
                    return NameLevel.Weak;
                }
            }
        }

        if (level != NameLevel.Exact && q.Myanmar.Count > 0 && c.Myanmar.Count > 0)
        {
            foreach (var (qk, qo) in q.Myanmar)
            {
                foreach (var (ck, co) in c.Myanmar)
                {
                    if (string.Equals(qk, ck, StringComparison.Ordinal))
                    {
                        add("name", 0.5, Findings.NameEquals, qo, co);
                        return NameLevel.Exact;
                    }
                }
            }
            level = NameLevel.Different;
        }

        if (level == NameLevel.NotComparable)
        {
            // Only one side wrote the name in its own script: read it and compare with the other side's Latin spelling.
            if (Reading(q.HanReadings, HanFits(q, c.Latin), c.Han.Count == 0, out var han, out var latin, out var key)
                || Reading(c.HanReadings, HanFits(c, q.Latin), q.Han.Count == 0, out latin, out han, out key))
            {
                add("name", 0.45, Findings.HanNameReads, han, key, latin);
                return NameLevel.Reading;
            }
            if (Reading(q.MyanmarReadings, c.BurmeseLatin, c.Myanmar.Count == 0, out var mm, out latin, out key)
                || Reading(c.MyanmarReadings, q.BurmeseLatin, q.Myanmar.Count == 0, out latin, out mm, out key))
            {
                add("name", 0.4, Findings.MyanmarNameSpelt, mm, latin);
                return NameLevel.Reading;
            }
        }

        // Aliases: supporting when names agree, weak on their own.
        foreach (var (qk, qo) in q.Aliases)
        {
            if (c.Aliases.Exists(a => string.Equals(a.Key, qk, StringComparison.Ordinal)))
            {
                add("alias", 0.1, Findings.AliasShared, qo);
                return level == NameLevel.Exact ? level : level is NameLevel.NotComparable or NameLevel.Different ? NameLevel.Alias : level;
            }
        }
        return level;
    }

    /// <summary>
    /// The Latin keys that can meet the Han name's readings: those whose surname ends where a reading's surname does
    /// (or that were written as one word, or meet a reading not split into surname and given name).
    /// </summary>
    private static IEnumerable<(string Key, string Original)> HanFits(Profile han, IEnumerable<(string Key, string? Via, int SurnameLength, string Original)> latin)
    {
        foreach (var l in latin)
        {
            if (l.SurnameLength == 0 || !han.HanSurnameLengths.TryGetValue(l.Key, out var lengths) || lengths.Contains(l.SurnameLength))
            {
                yield return (l.Key, l.Original);
            }
        }
    }

    /// <summary>The same given name under two spellings of a surname a letter or two apart, beginning alike (Chue / Chu).</summary>
    private static bool NearSurname(List<(string Surname, string Given, string Original)> a, List<(string Surname, string Given, string Original)> b,
        out string aOriginal, out string bOriginal, out string aSurname, out string bSurname)
    {
        foreach (var (qs, qg, qo) in a)
        {
            foreach (var (cs, cg, co) in b)
            {
                // One spelling a surname and both able to stand for one: "nanfang / nanping" and "xutong / xiong" are given
                // names read where the surname stands.
                if (qg.Length >= 2 && string.Equals(qg, cg, StringComparison.Ordinal) && qs.Length > 0 && cs.Length > 0
                    && qs[0] == cs[0] && !string.Equals(qs, cs, StringComparison.Ordinal) && EditDistanceAtMost2(qs, cs)
                    && (ChineseSurnames.IsSurname(qs) || ChineseSurnames.IsSurname(cs))
                    && ChineseSurnames.CouldBeSurname(qs) && ChineseSurnames.CouldBeSurname(cs))
                {
                    (aOriginal, bOriginal, aSurname, bSurname) = (qo, co, qs, cs);
                    return true;
                }
            }
        }
        (aOriginal, bOriginal, aSurname, bSurname) = (string.Empty, string.Empty, string.Empty, string.Empty);
        return false;
    }

    private static bool Reading(List<(string Key, string Original)> readings, IEnumerable<(string Key, string Original)> latin, bool otherHasNoScript,
        out string scriptOriginal, out string latinOriginal, out string key)
    {
        (scriptOriginal, latinOriginal, key) = (string.Empty, string.Empty, string.Empty);
        if (!otherHasNoScript || readings.Count == 0)
        {
            return false;
        }
        foreach (var (lk, lo) in latin)
        {
            foreach (var (rk, ro) in readings)
            {
                if (string.Equals(lk, rk, StringComparison.Ordinal))
                {
                    (scriptOriginal, latinOriginal, key) = (ro, lo, rk);
                    return true;
                }
            }
        }
        return false;
    }

    private static IdComparisonResult? OneSlipApart(string a, string b)
    {
        if (a.Length != b.Length)
        {
            return null;
        }
        var first = -1;
        var count = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                if (count++ == 0)
                {
                    first = i;
                }
            }
        }
        if (count == 1 && char.IsAsciiDigit(a[first]) && char.IsAsciiDigit(b[first]))
        {
            return new IdComparisonResult(IdComparison.OneDigitDifferent, first + 1);
        }
        if (count == 2 && first + 1 < a.Length && a[first] == b[first + 1] && a[first + 1] == b[first])
        {
            return new IdComparisonResult(IdComparison.TransposedDigits, first + 1);
        }
        return null;
    }

    private static bool EditDistanceAtMost2(string a, string b) =>
        Math.Abs(a.Length - b.Length) <= 2 && EditDistance.Levenshtein(a, b, 3) <= 2;
}
