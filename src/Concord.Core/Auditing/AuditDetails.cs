using System.Text.RegularExpressions;

namespace Concord.Core.Auditing;

/// <summary>
/// An audit entry's details as the trail stores them (<c>file=roster.csv rows=807 persons=807</c>) read back into
/// fields, so that a page can name each field in the reader's language and show its value as written. Text that is not
/// in that form comes back whole, as one field without a name; text before the first field comes first, without a name.
/// </summary>
public static partial class AuditDetails
{
    /// <summary>The names that entries' details use, each with its English label, which the text tables translate.</summary>
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["accepted"] = "Accepted",
        ["case"] = "Case",
        ["search"] = "Searched for",
        ["den"] = "Den",
        ["identifier"] = "Identifier",
        ["victim"] = "Victim",
        ["agency"] = "Agency",
        ["identifiers"] = "Identifiers",
        ["losses"] = "Losses",
        ["item"] = "Item",
        ["image"] = "Device image",
        ["reports"] = "Reports",
        ["proposed"] = "Proposed",
        ["refreshed"] = "Refreshed",
        ["linked"] = "Reports linked",
        ["subject"] = "Linked to",
        ["format"] = "File format",
        ["was"] = "Was",
        ["report"] = "Report",
        ["extraction"] = "Extraction",
        ["request"] = "Request",
        ["account"] = "Account",
        ["institution"] = "Bank or platform",
        ["amount"] = "Amount",
        ["currency"] = "Currency",
        ["deadline"] = "Deadline",
        ["outcome"] = "Outcome",
        ["frozen"] = "Frozen",
        ["late"] = "Answered late",
        ["suggested"] = "Suggested",
        ["added_items"] = "Items added",
        ["added_persons"] = "Persons added",
        ["already_shared"] = "Already shared",
        ["paper_matches"] = "Paper matches the records",
        ["root"] = "Merkle root",
        ["size"] = "Entries covered",
        ["assignments"] = "Assignments",
        ["items_received"] = "Items received",
        ["arrested"] = "Arrested",
        ["from"] = "From",
        ["packet"] = "Packet",
        ["pending"] = "Pending",
        ["targets"] = "Lead targets",
        ["wanted"] = "Wanted",
        ["acknowledged"] = "Acknowledged",
        ["applied"] = "Applied",
        ["fingerprint"] = "Fingerprint",
        ["key"] = "Key",
        ["node"] = "Node",
        ["outcomes"] = "Outcomes reported",
        ["packets"] = "Packets",
        ["partners"] = "Partner nodes",
        ["received"] = "Received",
        ["sent"] = "Sent",
        ["url"] = "Address",
        ["action"] = "Action",
        ["actor"] = "Actor",
        ["added"] = "Added",
        ["awaiting_review"] = "Awaiting review",
        ["changed"] = "Changed",
        ["confirmed"] = "Confirmed",
        ["custody_exceptions"] = "Custody exceptions",
        ["decided"] = "Decided",
        ["decisions"] = "Decisions",
        ["expires"] = "Expires",
        ["file"] = "File",
        ["flag"] = "Flag",
        ["fugitive"] = "Fugitive",
        ["full"] = "Full",
        ["handling"] = "Handling code",
        ["handover"] = "Handover",
        ["hits"] = "Hits",
        ["items"] = "Items",
        ["items_without_hash"] = "Items without a hash",
        ["key_or_fugitive"] = "Key figures or fugitives",
        ["lead"] = "Lead",
        ["lines"] = "Lines",
        ["merged"] = "Merged",
        ["name"] = "Name",
        ["nationality"] = "Nationality",
        ["needs_identification"] = "Needs identification",
        ["open_tasks"] = "Open tasks",
        ["tasks_open"] = "Open tasks",
        ["operation"] = "Operation",
        ["operations"] = "Operations",
        ["owner"] = "Owner",
        ["page"] = "Page",
        ["person"] = "Person",
        ["persons"] = "Persons",
        ["persons_received"] = "Persons received",
        ["port"] = "Border port",
        ["province"] = "Province",
        ["queued"] = "Queued",
        ["reason"] = "Reason",
        ["rejected"] = "Rejected",
        ["rest_received"] = "Rest received",
        ["role"] = "Role",
        ["roles"] = "Roles",
        ["rows"] = "Rows",
        ["rows_since_match"] = "Rows since matching",
        ["scope"] = "Scope",
        ["score"] = "Score",
        ["sha256"] = "SHA-256",
        ["tasks"] = "Tasks",
        ["suspects"] = "Suspects",
        ["users"] = "Users",
        ["exceptions"] = "Exceptions",
        ["time_zone"] = "Time zone",
        ["to"] = "To",
        ["type"] = "Type",
        ["unchanged"] = "Unchanged",
        ["update"] = "Update",
        ["via"] = "Via",
        ["wanted_id"] = "Wanted record",
        ["withdrawn"] = "Withdrawn",
    };

    /// <summary>One field: its name as stored (empty for text not in <c>name=value</c> form) and its value as written.</summary>
    public readonly record struct Field(string Name, string Value);

    public static IReadOnlyList<Field> Parse(string? details)
    {
        if (string.IsNullOrWhiteSpace(details)) return [];
        var starts = FieldStart().Matches(details);
        if (starts.Count == 0) return [new Field("", details)];
        var fields = new List<Field>(starts.Count + 1);
        // What comes before the first field ("assignments suspects=312": which view was read) is kept, unnamed.
        if (starts[0].Index > 0) fields.Add(new Field("", details[..starts[0].Index].Trim()));
        for (var i = 0; i < starts.Count; i++)
        {
            var from = starts[i].Index + starts[i].Length;
            var to = i + 1 < starts.Count ? starts[i + 1].Index : details.Length;
            fields.Add(new Field(starts[i].Groups[1].Value, details[from..to].Trim().TrimEnd(',', ';')));
        }
        return fields;
    }

    // A field begins at the start or after a space, with a lower-case name and "=".
    [GeneratedRegex(@"(?:^|(?<=\s))([a-z][a-z0-9_]*)=")]
    private static partial Regex FieldStart();
}
