using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Storage;
using Concord.FraudTypes;
using Concord.Matching;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Cases;

/// <summary>
/// A report's fraud type: as the officer wrote it (a code or its Chinese name), as the classifier trained from the
/// TeleAntiFraud dialogues suggests it from the narrative with its confidence (<c>docs/fraud-types.md</c>), and as an
/// officer confirms or corrects it.
/// </summary>
public static class ReportFraudTypes
{
    /// <summary>The codes a report may carry, as a refusal lists them.</summary>
    public static string List { get; } = string.Join(", ", FraudTypes.FraudTypes.Frauds.Select(FraudTypes.FraudTypes.Code));

    /// <summary>A fraud type as written: its code (<c>customer-service</c>), its English name, or its Chinese name with or without 诈骗.</summary>
    public static bool TryRead(string? written, out string code)
    {
        var t = written?.Trim() ?? "";
        foreach (var label in FraudTypes.FraudTypes.All.Skip(1))
        {
            if (string.Equals(t, label.Code, StringComparison.OrdinalIgnoreCase) || string.Equals(t, label.English, StringComparison.OrdinalIgnoreCase)
                || t == label.Chinese || (t.Length >= 2 && label.Chinese.StartsWith(t, StringComparison.Ordinal)))
            {
                code = label.Code;
                return true;
            }
        }
        code = "";
        return false;
    }

    /// <summary>The classifier's suggestion for the report's narrative; a report without one gets none.</summary>
    public static void Suggest(VictimReport report)
    {
        if (string.IsNullOrWhiteSpace(report.Narrative)) return;
        var s = FraudTypeModel.Default.Suggest(report.Narrative);
        if (s.Confidence <= 0) return;
        report.FraudTypeSuggested = s.Code;
        report.FraudTypeConfidence = Math.Round(s.Confidence, 4);
    }

    /// <summary>An officer confirms the suggestion or sets another type; audited with what it was.</summary>
    public static async Task<VictimReport> SetAsync(ConcordDbContext db, Actor actor, Guid reportId, string written, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.ImportReports, "report fraud type", ct);
        if (!TryRead(written, out var code))
            throw new ConcordException(new InvalidInputError([new("report", null, "fraud_type", new Phrase(ProblemTexts.NotAFraudType, written, List))]));
        var report = await db.VictimReports.FirstOrDefaultAsync(r => r.Id == reportId, ct) ?? throw new ConcordException(new NotFoundError("report", reportId.ToString()));
        // Only the bureau that took the report (or one above it) files it under a type; one it was shared with reads it.
        if (!actor.Sees(report.AgencyId)) throw await Access.DeniedAsync(db, actor, nameof(VictimReport), report.Id, "report", reportId.ToString(), ct);
        var was = report.FraudType;
        report.FraudType = code;
        db.Record(actor, "report.fraud-type", nameof(VictimReport), report.Id,
            $"case={report.CaseNo} type={code} was={was ?? "-"} suggested={report.FraudTypeSuggested ?? "-"}");
        await db.SaveChangesAsync(ct);
        return report;
    }
}
