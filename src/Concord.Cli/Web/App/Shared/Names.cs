using Concord.Cli.Web.Text;

namespace Concord.Cli.Web.App.Shared;

/// <summary>The UI's words for the codes that records store (nationalities, roles, statuses, item types).</summary>
public static class Names
{
    public static string Nationality(UiText t, string code) => code switch
    {
        "CHN" => t["Chinese"],
        "MMR" => t["Burmese"],
        "UNKNOWN" => t["Unknown"],
        _ => code,
    };

    public static string Role(UiText t, string role) => role switch
    {
        "financier" => t["Financier"],
        "leader" => t["Leader"],
        "backbone" => t["Backbone"],
        "member" => t["Member"],
        _ => role,
    };

    public static string SeizureType(UiText t, string type) => type switch
    {
        "computer" => t["Computer"],
        "phone" => t["Phone"],
        "sim_card" => t["SIM card"],
        "script" => t["Fraud script"],
        "bank_card" => t["Bank card"],
        "cash" => t["Cash"],
        "document" => t["Document"],
        _ => t["Other"],
    };

    /// <summary>A data-quality flag an import put on a roster row, said as what to check.</summary>
    public static string Flag(UiText t, string flag) => flag switch
    {
        "id-malformed" => t["ID number malformed"],
        "id-check-digit" => t["ID check digit wrong"],
        "birth-date-day-month-swapped" => t["Birth date: day and month swapped"],
        "birth-date-disagrees-with-id" => t["Birth date disagrees with the ID"],
        "sex-disagrees-with-id" => t["Sex disagrees with the ID"],
        "nrc-unrecognised" => t["NRC number not recognised"],
        "phone-unrecognised" => t["Phone number not recognised"],
        _ => flag,
    };

    /// <summary>The kind of record an audit entry is about.</summary>
    public static string Entity(UiText t, string? type) => type switch
    {
        null => "",
        "Lead" => t["Lead"],
        "Operation" => t["Operation"],
        "Agreement" => t["Agreement"],
        "Person" => t["Person"],
        "ReviewItem" => t["Review proposal"],
        "Handover" => t["Handover"],
        "Assignment" => t["Assignment"],
        "User" => t["User"],
        "ApiKey" => t["API key"],
        "Agency" => t["Agency"],
        "ImportBatch" => t["Imported file"],
        "Seizure" => t["Seized item"],
        "WantedPerson" => t["Wanted person"],
        _ => type,
    };

    public static string Status(UiText t, string status) => status switch
    {
        "pending" => t["Pending"],
        "received" => t["Received"],
        "missing" => t["Missing"],
        "identity_disputed" => t["Identity disputed"],
        "hash_mismatch" => t["Hash mismatch"],
        "draft" => t["Draft"],
        "dispatched" => t["Dispatched"],
        "closed" => t["Closed"],
        "open" => t["Open"],
        "confirmed" => t["Confirmed"],
        "rejected" => t["Rejected"],
        _ => status,
    };
}
