using Concord.Cli.Web.Text;
using Concord.Core.Features.Review;
using Concord.Matching;

namespace Concord.Cli.Web.App.Pages.Review;

/// <summary>How one value of a proposal stands against the other side's: an officer's eye goes to what differs.</summary>
public enum Agreement { Unknown, Same, Differs }

/// <summary>The review page's words for stored codes, and the comparisons that mark a proposal's two sides.</summary>
public static class ReviewWords
{
    public static string List(UiText t, string list) => list switch
    {
        "wanted" => t["Wanted list"],
        "target" => t["Lead target"],
        "person" => t["Known person"],
        "roster" => t["Other roster entry"],
        _ => list,
    };

    /// <summary>The badge of a queue entry: only key figures and fugitives carry one, they are why the queue is ordered.</summary>
    public static string? Priority(UiText t, int priority) => priority switch
    {
        0 => t["Key figure"],
        1 => t["Fugitive"],
        _ => null,
    };

    public static string Status(UiText t, string status) => status switch
    {
        "open" => t["Awaiting decision"],
        "confirmed" => t["Match confirmed"],
        "rejected" => t["Match rejected"],
        "withdrawn" => t["Withdrawn"],
        _ => status,
    };

    public static string Kind(UiText t, string kind) => kind switch
    {
        "duplicate" => t["Written down twice?"],
        "needs-identification" => t["Needs identification"],
        _ => t["Who is this person?"],
    };

    public static string Outcome(UiText t, string? outcome) => outcome switch
    {
        "confirmed" => t["Candidate confirmed"],
        "rejected" => t["Every candidate rejected"],
        "withdrawn" => t["Closed: the roster was corrected"],
        _ => t["Awaiting decision"],
    };

    /// <summary>A field that would settle a task, or that the field collects to identify a person.</summary>
    public static string Field(UiText t, string field) => field switch
    {
        "birth_date" => t["Birth date"],
        "document" => t["Identity document"],
        "sex" => t["Sex"],
        "nationality" => t["Nationality"],
        "photo" => t["Photo"],
        "fingerprint" => t["Fingerprint reference"],
        _ => field,
    };

    public static string SettleState(UiText t, string state) => state switch
    {
        "missing" => t["not on the roster"],
        "differs" => t["differs"],
        "partial" => t["known only in part"],
        "other-type" => t["another kind of document"],
        _ => state,
    };

    public static string EvidenceKind(UiText t, string kind) => kind switch
    {
        "name" => t["Name comparison"],
        "alias" => t["Alias comparison"],
        "rule" => t["Decision rule"],
        "document" => t["Identity document comparison"],
        "date" => t["Birth date comparison"],
        "sex" => t["Sex comparison"],
        "nationality" => t["Nationality comparison"],
        _ => kind,
    };

    public static string Sex(UiText t, string sex) => sex switch
    {
        "M" => t["Male"],
        "F" => t["Female"],
        _ => sex,
    };

    public static string DocumentType(UiText t, string type) => type switch
    {
        "CN-RIC" => t["Chinese resident identity card"],
        "MM-NRC" => t["Myanmar national registration card"],
        "PASSPORT" => t["Passport"],
        "OTHER" => t["Other identity document"],
        _ => type,
    };

    public static string Flag(UiText t, string flag) => flag switch
    {
        "id-check-digit" => t["ID number fails its check digit"],
        "id-malformed" => t["ID number is malformed"],
        "birth-date-day-month-swapped" => t["Birth date has day and month swapped against the ID number"],
        "birth-date-disagrees-with-id" => t["Birth date disagrees with the ID number"],
        "sex-disagrees-with-id" => t["Sex disagrees with the ID number"],
        "nrc-unrecognised" => t["NRC number not recognised"],
        _ => flag,
    };

    public static IEnumerable<string> Flags(string? flags) =>
        flags?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal) ?? [];

    /// <summary>
    /// A finding in the reader's language: each sentence translated, then filled with its values (names, numbers and dates
    /// as the records write them). A finding kept without its templates shows as written, in English.
    /// </summary>
    public static string Finding(UiText t, ReviewQueue.EvidenceView e)
    {
        if (e.Phrases is not { Count: > 0 } phrases) return e.Text;
        var separator = UiText.Current switch { "zh" => "；", "my" => "၊ ", _ => "; " };
        return string.Join(separator, phrases.Select(p => t[p]));
    }

    /// <summary>The language of a name as written, so that the browser picks the Burmese font and Chinese glyphs.</summary>
    public static string? LangOf(string text)
    {
        if (text.Any(c => c is >= '\u1000' and <= '\u109F')) return "my";
        if (text.Any(c => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF')) return "zh";
        return null;
    }

    // Case, spaces and hyphens are how the same Latin name is written differently on two forms; they say nothing about identity.
    private static string Fold(string name) => string.Concat(name.Where(char.IsLetterOrDigit)).ToUpperInvariant();

    /// <summary>A name is marked the same when the other side writes it too (as a name or an alias); a name in another script is not a difference.</summary>
    public static Agreement Name(string name, ReviewQueue.IdentityView? other) =>
        other is not null && other.Names.Concat(other.Aliases).Any(n => Fold(n) == Fold(name)) ? Agreement.Same : Agreement.Unknown;

    public static Agreement Value(string? mine, string? theirs) =>
        mine is null || theirs is null ? Agreement.Unknown
        : string.Equals(mine.Trim(), theirs.Trim(), StringComparison.OrdinalIgnoreCase) ? Agreement.Same : Agreement.Differs;

    /// <summary>A year alone agrees with any full date of that year: the forms often know no more.</summary>
    public static Agreement BirthDate(string? mine, string? theirs)
    {
        if (mine is null || theirs is null) return Agreement.Unknown;
        if (string.Equals(mine, theirs, StringComparison.Ordinal)) return Agreement.Same;
        return mine.StartsWith(theirs, StringComparison.Ordinal) || theirs.StartsWith(mine, StringComparison.Ordinal) ? Agreement.Unknown : Agreement.Differs;
    }

    public static Agreement Document(ReviewQueue.DocumentView document, ReviewQueue.IdentityView? other)
    {
        if (other is null) return Agreement.Unknown;
        var sameType = other.Documents.Where(d => string.Equals(d.Type, document.Type, StringComparison.Ordinal)).ToList();
        if (sameType.Any(d => string.Equals(d.Number, document.Number, StringComparison.OrdinalIgnoreCase))) return Agreement.Same;
        return sameType.Count > 0 ? Agreement.Differs : Agreement.Unknown;
    }
}
