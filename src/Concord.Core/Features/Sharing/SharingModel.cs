using Concord.Core.Domain;

namespace Concord.Core.Features.Sharing;

/// <summary>
/// Who may see and receive what a lead started, as a pure function of the lead and the originator's consents; the Core
/// functions that read and move records ask it, and the property tests hold every answer to it.
/// <list type="bullet">
/// <item>A lead, and everything derived from it (its dens and targets, a person's link to a target), is seen by its
/// originator and its recipient only: a derived record is never visible wider than its source, whatever its code.</item>
/// <item>A person linked to an H0 or H1 lead's target may be passed on; one linked to an H2 or H3 lead's target goes to
/// an agency outside the lead's audience only with the originator's consent to that agency.</item>
/// <item>Only the originator widens: a consent counts only when the lead's originator granted it.</item>
/// <item>A victim's report is seen by its bureau's agency, the agencies above it, and the agencies it was shared with
/// (and those above them); a device's extraction by the current custodian of the seized item and the agencies it was
/// shared with, likewise. A link between them is seen only by whoever sees both, so a link never shows a report to an
/// agency that may not read it. Sharing widens to the named agency (and those above it) and to no one else.</item>
/// </list>
/// </summary>
public static class SharingModel
{
    /// <summary>A lead as the model sees it: who sent it, to whom, under which code.</summary>
    public readonly record struct Source(Guid Originator, Guid Recipient, Handling Code);

    /// <summary>A consent as recorded: which lead, granted by whom, for which agency.</summary>
    public readonly record struct Consent(Guid Lead, Guid GrantedBy, Guid To);

    /// <summary>Whether an agency among <paramref name="viewer"/> (an agency and those below it) sees the lead and what derives from it.</summary>
    public static bool Sees(IReadOnlySet<Guid> viewer, Source lead) => viewer.Contains(lead.Originator) || viewer.Contains(lead.Recipient);

    /// <summary>A report or an extraction as the model sees it: the agency that holds it (a report's bureau's agency, an
    /// extraction's seized item's current custodian) and the agencies it was shared with.</summary>
    public readonly record struct CaseRecord(Guid Holder, IReadOnlyCollection<Guid> SharedWith);

    /// <summary>
    /// The agencies whose records <paramref name="agency"/> sees: itself and every agency below it, from each agency's
    /// parent. An agency above another is the one that sees more.
    /// </summary>
    public static IReadOnlySet<Guid> Viewer(Guid agency, IReadOnlyDictionary<Guid, Guid?> parents)
    {
        var seen = new HashSet<Guid> { agency };
        bool grew;
        do
        {
            grew = false;
            foreach (var (id, parent) in parents)
                if (parent is { } p && seen.Contains(p) && seen.Add(id)) grew = true;
        } while (grew);
        return seen;
    }

    /// <summary>
    /// Whether <paramref name="viewer"/> (an agency and those below it; null for the node's operator, who sees all of the
    /// node) sees a report or an extraction: it holds it, sits above its holder, or it was shared with one of them.
    /// </summary>
    public static bool SeesCase(IReadOnlySet<Guid>? viewer, CaseRecord record) =>
        viewer is null || viewer.Contains(record.Holder) || record.SharedWith.Any(viewer.Contains);

    /// <summary>Whether the viewer sees a link between <paramref name="report"/> and the extraction its evidence came from: only when it sees both.</summary>
    public static bool SeesLink(IReadOnlySet<Guid>? viewer, CaseRecord report, CaseRecord extraction) =>
        SeesCase(viewer, report) && SeesCase(viewer, extraction);

    /// <summary>Whether material under this code needs the originator's consent to go beyond the lead's audience.</summary>
    public static bool NeedsConsent(Handling code) => code is Handling.H2 or Handling.H3;

    /// <summary>Whether a person linked to the lead's targets may go to <paramref name="to"/>.</summary>
    public static bool MayTransfer(Guid leadId, Source lead, Guid to, IEnumerable<Consent> consents) =>
        to == lead.Originator || to == lead.Recipient || !NeedsConsent(lead.Code)
        || consents.Any(c => c.Lead == leadId && c.To == to && c.GrantedBy == lead.Originator);

    /// <summary>The marking a published document carries for material under this code.</summary>
    public static Tlp Marking(Handling code) => code switch
    {
        Handling.H0 => Tlp.Green,
        Handling.H1 => Tlp.Amber,
        Handling.H2 => Tlp.AmberStrict,
        _ => Tlp.Red,
    };

    /// <summary>The marking as TLP 2.0 writes it ("TLP:AMBER+STRICT").</summary>
    public static string Label(Tlp tlp) => tlp switch
    {
        Tlp.Clear => "TLP:CLEAR",
        Tlp.Green => "TLP:GREEN",
        Tlp.Amber => "TLP:AMBER",
        Tlp.AmberStrict => "TLP:AMBER+STRICT",
        _ => "TLP:RED",
    };

    /// <summary>The marking of the code as a published document carries it.</summary>
    public static string LabelOf(Handling code) => Label(Marking(code));

    /// <summary>The handling code as written ("H2", "h2"); anything else is refused by the caller.</summary>
    public static bool TryParse(string? text, out Handling code)
    {
        code = Handling.H0;
        var t = text?.Trim();
        if (t is not { Length: 2 } || (t[0] != 'H' && t[0] != 'h') || t[1] < '0' || t[1] > '3') return false;
        code = (Handling)(t[1] - '0');
        return true;
    }
}
