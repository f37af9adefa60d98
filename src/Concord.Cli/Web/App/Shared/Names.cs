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
