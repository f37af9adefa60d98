using Concord.Matching;
using System.Globalization;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Imports;
using Concord.Core.Features.Operations;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Seizures;

public static class ImportSeizures
{
    public static readonly CsvColumn[] Columns =
    [
        new("item_no", "物品编号", true, "ပစ္စည်းအမှတ်"), new("den", "窝点", Burmese: "စခန်း"), new("type", "类别", true, "အမျိုးအစား"), new("description", "描述", Burmese: "ဖော်ပြချက်"),
        new("quantity", "数量", true, "အရေအတွက်"), new("seized_at", "缴获时间", Burmese: "သိမ်းဆည်းသည့်အချိန်"), new("unit", "缴获单位", Burmese: "သိမ်းဆည်းသည့်တပ်ဖွဲ့"), new("sha256"),
        new("holder_roster_no", "持有人序号", Burmese: "ကိုင်ဆောင်သူအမှတ်စဉ်"),
    ];

    /// <summary>An item type as files, the API and the pages name it: the word a file may hold (<c>sim_card</c>, <c>bank_card</c>).</summary>
    public static string TypeName(SeizureType type) => type switch
    {
        SeizureType.SimCard => "sim_card",
        SeizureType.BankCard => "bank_card",
        _ => type.ToString().ToLowerInvariant(),
    };

    public static bool TryParseType(string? text, out SeizureType type)
    {
        type = SeizureType.Other;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "computer" or "电脑" or "计算机": type = SeizureType.Computer; return true;
            case "phone" or "手机": type = SeizureType.Phone; return true;
            case "sim_card" or "sim卡" or "电话卡": type = SeizureType.SimCard; return true;
            case "script" or "话术" or "诈骗话术脚本": type = SeizureType.Script; return true;
            case "bank_card" or "银行卡": type = SeizureType.BankCard; return true;
            case "cash" or "现金": type = SeizureType.Cash; return true;
            case "document" or "文件" or "证件": type = SeizureType.Document; return true;
            case "other" or "其他": type = SeizureType.Other; return true;
            default: return false;
        }
    }

    public static async Task<ImportResult> RunAsync(ConcordDbContext db, Actor actor, string path, string operationCode, CancellationToken ct)
    {
        var operation = await CreateOperation.FindAsync(db, actor, operationCode, ct);
        if (!actor.Sees(operation.AgencyId)) throw new ConcordException(new NotFoundError("operation", operationCode));
        return await RunAsync(db, actor, CsvTable.Read(path, Columns), operation, ct);
    }

    /// <summary>The same, for a table that arrived as bytes; the caller has checked that the actor may write to the operation.</summary>
    public static async Task<ImportResult> RunAsync(ConcordDbContext db, Actor actor, CsvTable table, Operation operation, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.FieldFiles, "seizures import", ct);
        var roster = (await db.RosterRecords.AsNoTracking().Where(r => r.OperationId == operation.Id).Select(r => r.RosterNo).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var problems = new List<InputProblem>();
        Importer.CheckUniqueKeys(table, "item_no", problems);
        var items = new List<Seizure>();
        foreach (var row in table.Rows)
        {
            var s = new Seizure
            {
                AgencyId = operation.AgencyId,
                OperationId = operation.Id,
                CustodyAgencyId = operation.AgencyId,
                ItemNo = row["item_no"] ?? "",
                DenCode = row["den"],
                Description = row["description"],
                SeizedAtWritten = row["seized_at"],
                Unit = row["unit"],
                HolderRosterNo = row["holder_roster_no"],
                Notes = row.ExtraAsNotes(),
                SourceHash = PersonFields.RowHash(row, Columns.Select(c => c.Name)),
            };
            if (TryParseType(row["type"], out var type)) s.Type = type;
            else problems.Add(new(table.FileName, row.Row, "type", new Phrase(ProblemTexts.NotAnItemType, row["type"] ?? "")));
            if (int.TryParse(row["quantity"], NumberStyles.None, CultureInfo.InvariantCulture, out var q) && q > 0) s.Quantity = q;
            else problems.Add(new(table.FileName, row.Row, "quantity", new Phrase(ProblemTexts.NotPositiveWhole, row["quantity"] ?? "")));
            if (row["sha256"] is { } sha)
            {
                if (sha.Length == 64 && sha.All(Uri.IsHexDigit)) s.Sha256 = sha.ToLowerInvariant();
                else problems.Add(new(table.FileName, row.Row, "sha256", new Phrase(ProblemTexts.NotSha256)));
            }
            if (s.HolderRosterNo is { } holder && !roster.Contains(holder))
                problems.Add(new(table.FileName, row.Row, "holder_roster_no", new Phrase(ProblemTexts.HolderNotOnRoster, holder, operation.Code)));
            if (s.SeizedAtWritten is { } at)
            {
                if (LocalTimes.TryRead(at, operation.TimeZone, out var when, out _)) s.SeizedAt = when;
                else problems.Add(new(table.FileName, row.Row, "seized_at", new Phrase(ProblemTexts.NotATimestamp, at)));
            }
            items.Add(s);
        }
        Importer.ThrowIfAny(problems);
        if (await Importer.AlreadyImportedAsync(db, "seizures", operation.Code, table.Sha256, table.FileName, ct) is { } done) return done;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var existing = await db.Seizures.AsNoTracking().Where(x => x.OperationId == operation.Id)
            .Select(x => new { x.ItemNo, x.SourceHash }).ToDictionaryAsync(x => x.ItemNo, x => x.SourceHash, StringComparer.Ordinal, ct);
        var (added, unchanged) = Importer.AddNew(items, table, existing, s => s.ItemNo, s => s.SourceHash, "item_no", ProblemTexts.AlreadyRecorded, problems, s => db.Seizures.Add(s));
        Importer.ThrowIfAny(problems);
        var result = await Importer.CommitAsync(db, actor, operation.AgencyId, "seizures", operation.Code, table, added, unchanged, ct);
        await tx.CommitAsync(ct);
        return result;
    }
}
