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
        var result = new List<MatchProposal>();
        foreach (var id in index.CandidateIds(q, CandidatePool))
        {
            var c = index.ProfileAt(id);
            // A record is not its own duplicate.
            if (string.Equals(c.Record.Key, query.Key, StringComparison.Ordinal))
            {
                continue;
            }
            var proposal = Score(q, c);
            if (proposal.Decision != MatchDecision.NoMatch)
            {
                result.Add(proposal);
            }
        }
        result.Sort(static (a, b) => b.Score.CompareTo(a.Score));
        return result;
    }

    private enum NameLevel { NotComparable, Different, Alias, Weak, Reading, Variant, Exact }

    internal MatchProposal Score(Profile q, Profile c)
    {
        var evidence = new List<Evidence>(8);
        var raw = 0.0;
        void Add(string kind, string text, double weight)
        {
            evidence.Add(new Evidence(kind, text, weight));
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
                            Add("document", "ID number " + qn + " equal", 0.6);
                        }
                        else if (bothTrusted)
                        {
                            cnConflict = true;
                            Add("document", "ID numbers " + qn + " and " + cn + " differ, both with a valid check digit", -1.0);
                        }
                        else if (cmp.Kind is IdComparison.OneDigitDifferent or IdComparison.TransposedDigits)
                        {
                            near = cmp;
                            var what = cmp.Kind == IdComparison.OneDigitDifferent
                                ? "ID number equal but for one digit at position " + cmp.Position.ToString(CultureInfo.InvariantCulture)
                                : "ID number equal but for two digits swapped at position " + cmp.Position.ToString(CultureInfo.InvariantCulture);
                            Add("document", what + " (" + qn + " / " + cn + ", a check digit fails)", 0.3);
                        }
                        else
                        {
                            docAgainst = true;
                            Add("document", "ID numbers " + qn + " and " + cn + " differ (one fails its check digit)", -0.3);
                        }
                        break;
                    case DocumentNumbers.MmNrc:
                        if (equal)
                        {
                            strongEqual = true;
                            Add("document", "NRC " + qn + " equal", 0.55);
                        }
                        else if (OneSlipApart(qn, cn) is { } slip)
                        {
                            // An NRC has no check digit, so a copying slip cannot be told from another card:
                            // the other fields must carry the decision.
                            near = slip;
                            nearWithoutCheck = true;
                            Add("document", "NRC " + qn + " equal to " + cn + " but for " + (slip.Kind == IdComparison.OneDigitDifferent ? "one character" : "two characters swapped")
                                + " at position " + slip.Position.ToString(CultureInfo.InvariantCulture), 0.2);
                        }
                        else
                        {
                            nrcConflict = true;
                            Add("document", "NRC " + qn + " differs from " + cn, -0.6);
                        }
                        break;
                    case DocumentNumbers.Phone:
                        if (equal)
                        {
                            Add("document", "phone " + qn + " equal", 0.15);
                        }
                        break;
                    default:
                        if (equal)
                        {
                            strongEqual = true;
                            Add("document", qt.ToLowerInvariant() + " " + qn + " equal", 0.55);
                        }
                        else
                        {
                            // A person may hold several passports over the years: against, but weakly.
                            docAgainst = true;
                            Add("document", qt.ToLowerInvariant() + " " + qn + " differs from " + cn, -0.1);
                        }
                        break;
                }
            }
        }

        var nameLevel = CompareNames(q, c, Add);

        // Birth date
        if (q.OverruledWrittenDate is { } qw)
        {
            Add("date", "written birth date " + qw + " disagrees with its own ID number; the ID's " + q.BirthDate + " is used", 0);
        }
        if (c.OverruledWrittenDate is { } cw)
        {
            Add("date", "candidate's written birth date " + cw + " disagrees with its own ID number; the ID's " + c.BirthDate + " is used", 0);
        }
        var dates = DateComparison.Compare(q.BirthDate, c.BirthDate);
        if (q.BirthDate is { } qd && c.BirthDate is { } cd)
        {
            switch (dates)
            {
                case DateAgreement.Exact:
                    Add("date", "birth date " + qd + " equals " + cd, 0.3);
                    break;
                case DateAgreement.Swapped:
                    Add("date", "birth date " + qd + " equals " + cd + " with day and month swapped", 0.25);
                    break;
                case DateAgreement.Compatible:
                    Add("date", "birth date " + qd + " agrees with " + cd + " as far as both go", 0.1);
                    break;
                case DateAgreement.Conflict:
                    Add("date", qd.Year != cd.Year
                        ? "birth year " + qd.Year.ToString(CultureInfo.InvariantCulture) + " differs from " + cd.Year.ToString(CultureInfo.InvariantCulture)
                        : "birth date " + qd + " differs from " + cd, -0.6);
                    break;
                default:
                    break;
            }
        }

        var sexKnown = q.Sex != Sex.Unknown && c.Sex != Sex.Unknown;
        var sexEqual = sexKnown && q.Sex == c.Sex;
        if (sexKnown)
        {
            Add("sex", sexEqual ? "sex equal" : "sex differs", sexEqual ? 0.08 : -0.5);
        }

        var nationalityDiffers = false;
        if (q.Nationality is { } qn2 && c.Nationality is { } cn2)
        {
            nationalityDiffers = !string.Equals(qn2, cn2, StringComparison.Ordinal);
            Add("nationality", nationalityDiffers ? "nationality " + qn2 + " differs from " + cn2 : "nationality " + qn2 + " equal", nationalityDiffers ? -0.4 : 0.02);
        }

        var dateConflict = dates == DateAgreement.Conflict;
        var sexConflict = sexKnown && !sexEqual;
        var dateStrong = dates is DateAgreement.Exact or DateAgreement.Swapped;
        var dateAgrees = dateStrong || dates == DateAgreement.Compatible;
        var nameStrong = nameLevel is NameLevel.Exact or NameLevel.Variant or NameLevel.Reading;
        var against = nationalityDiffers || docAgainst;

        MatchDecision band;
        string reason;
        if (cnConflict && !strongEqual)
        {
            (band, reason) = (MatchDecision.NoMatch, "two valid, different ID numbers: different persons");
        }
        else if (strongEqual)
        {
            if (nameLevel == NameLevel.Different)
            {
                (band, reason) = (MatchDecision.Review, "same document but the names differ");
            }
            else if (dateConflict || sexConflict || nationalityDiffers)
            {
                (band, reason) = (MatchDecision.Review, "same document but other fields disagree");
            }
            else
            {
                (band, reason) = (MatchDecision.Accept, "same document and nothing against it");
            }
        }
        else if (dateConflict || sexConflict)
        {
            (band, reason) = (MatchDecision.NoMatch, dateConflict ? "birth dates conflict" : "sex differs");
        }
        else if (nrcConflict)
        {
            (band, reason) = (MatchDecision.NoMatch, "different NRC numbers: different persons");
        }
        else if (near is not null)
        {
            // A number with no check digit says less about its slip: it then takes a full birth date to accept.
            if (nameLevel == NameLevel.Exact && (nearWithoutCheck ? dateStrong : dateAgrees) && q.BirthDate is not null && c.BirthDate is not null && sexEqual && !against)
            {
                (band, reason) = (MatchDecision.Accept, "ID number one slip away, with name, birth date and sex agreeing");
            }
            else if (nameLevel is NameLevel.Different)
            {
                (band, reason) = (MatchDecision.NoMatch, "ID number one slip away but the names differ");
            }
            else
            {
                (band, reason) = (MatchDecision.Review, "ID number one slip away: a human must look");
            }
        }
        else if (nameStrong)
        {
            if (dateStrong && sexEqual && !against && nameLevel != NameLevel.Reading)
            {
                (band, reason) = (MatchDecision.Accept, "name, full birth date and sex agree and nothing is against");
            }
            else if (nameLevel == NameLevel.Reading)
            {
                // Characters read aloud fit many names (李佳, 李家, 李嘉): a human compares them.
                (band, reason) = (MatchDecision.Review, "the name agrees only as read from another script");
            }
            else
            {
                (band, reason) = (MatchDecision.Review, "name agrees but the records do not settle it");
            }
        }
        else if (nameLevel == NameLevel.Weak)
        {
            (band, reason) = dateAgrees && q.BirthDate is not null
                ? (MatchDecision.Review, "names only nearly agree, birth dates agree")
                : (MatchDecision.NoMatch, "names only nearly agree and nothing else supports it");
        }
        else if (nameLevel == NameLevel.Alias)
        {
            (band, reason) = dateStrong
                ? (MatchDecision.Review, "only an alias agrees, with the birth date")
                : (MatchDecision.NoMatch, "only an alias agrees");
        }
        else
        {
            (band, reason) = (MatchDecision.NoMatch, "names do not agree");
        }

        if (nationalityDiffers && band != MatchDecision.NoMatch)
        {
            band = band == MatchDecision.Accept ? MatchDecision.Review : MatchDecision.NoMatch;
            reason += "; nationality differs";
        }

        var score = Math.Clamp(raw, 0, 1);
        if (band == MatchDecision.Accept && score < thresholds.Accept)
        {
            band = MatchDecision.Review;
            reason += "; the evidence is below the accept threshold " + thresholds.Accept.ToString("0.00", CultureInfo.InvariantCulture);
        }
        if (band == MatchDecision.Review && score < thresholds.Review)
        {
            band = MatchDecision.NoMatch;
            reason += "; the evidence is below the review threshold " + thresholds.Review.ToString("0.00", CultureInfo.InvariantCulture);
        }
        evidence.Add(new Evidence("rule", reason, 0));
        return new MatchProposal(c.Record, score, band, evidence);
    }

    private static NameLevel CompareNames(Profile q, Profile c, Action<string, string, double> add)
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
                        add("name", "name " + qo + " equals " + co, 0.55);
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
                    var plain = qk.Via is null && ck.Via is null;
                    if (best is null || (plain && best.Value.Item2 is not null))
                    {
                        best = (qk.Key, plain ? null : qk.Via ?? ck.Via, qk.Original);
                        bestOther = ck.Original;
                    }
                }
            }
            if (best is { } b)
            {
                if (level == NameLevel.Different)
                {
                    // Same spelling, different characters: two people whose names sound alike, or a character slip.
                    add("name", "Latin name " + b.Item3 + " matches " + bestOther + " but the Chinese characters differ", 0.25);
                    return NameLevel.Weak;
                }
                if (b.Item2 is null)
                {
                    add("name", "Latin name " + b.Item3 + " matches " + bestOther, 0.5);
                    return NameLevel.Exact;
                }
                add("name", "Latin name " + b.Item3 + " matches " + bestOther + " via surname spelling " + b.Item2, 0.45);
                return NameLevel.Variant;
            }
            if (level != NameLevel.Different)
            {
                level = NameLevel.Different;
                foreach (var (qs, qg, qo) in q.Splits)
                {
                    foreach (var (cs, cg, co) in c.Splits)
                    {
                        if (qg.Length >= 2 && string.Equals(qg, cg, StringComparison.Ordinal) && qs.Length > 0 && cs.Length > 0
                            && qs[0] == cs[0] && !string.Equals(qs, cs, StringComparison.Ordinal) && EditDistanceAtMost2(qs, cs))
                        {
                            add("name", "Latin name " + qo + " is " + co + " but for the surname spelling " + qs + " / " + cs, 0.25);
                            return NameLevel.Weak;
                        }
                    }
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
                        add("name", "name " + qo + " equals " + co, 0.5);
                        return NameLevel.Exact;
                    }
                }
            }
            level = NameLevel.Different;
        }

        if (level == NameLevel.NotComparable)
        {
            // Only one side wrote the name in its own script: read it and compare with the other side's Latin spelling.
            if (Reading(q.HanReadings, c.Latin.Select(l => (l.Key, l.Original)), c.Han.Count == 0, out var han, out var latin, out var key)
                || Reading(c.HanReadings, q.Latin.Select(l => (l.Key, l.Original)), q.Han.Count == 0, out latin, out han, out key))
            {
                add("name", "name " + han + " reads " + key + ", as " + latin + " is spelt", 0.45);
                return NameLevel.Reading;
            }
            if (Reading(q.MyanmarReadings, c.BurmeseLatin, c.Myanmar.Count == 0, out var mm, out latin, out key)
                || Reading(c.MyanmarReadings, q.BurmeseLatin, q.Myanmar.Count == 0, out latin, out mm, out key))
            {
                add("name", "name " + mm + " is conventionally spelt " + latin, 0.4);
                return NameLevel.Reading;
            }
        }

        // Aliases: supporting when names agree, weak on their own.
        foreach (var (qk, qo) in q.Aliases)
        {
            if (c.Aliases.Exists(a => string.Equals(a.Key, qk, StringComparison.Ordinal)))
            {
                add("alias", "alias " + qo + " also used by the candidate", 0.1);
                return level == NameLevel.Exact ? level : level is NameLevel.NotComparable or NameLevel.Different ? NameLevel.Alias : level;
            }
        }
        return level;
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
