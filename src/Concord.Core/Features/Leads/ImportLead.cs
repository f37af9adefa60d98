using Concord.Matching;
using System.Globalization;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Imports;
using Concord.Core.Features.Sharing;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Leads;

/// <summary>A lead: dens and named targets sent by one agency to another under a handling code.</summary>
public static class ImportLead
{
    public sealed record Request(string Code, string From, string To, string HandlingCode, string DensPath, string TargetsPath);

    public static readonly CsvColumn[] DenColumns =
    [
        new("den_code", "窝点编号", true), new("name", "名称"), new("address", "地址"), new("lat", "纬度"), new("lon", "经度"),
        new("group", "团伙"), new("armed", "武装"),
    ];

    public static readonly CsvColumn[] TargetColumns =
    [
        new("target_id", "编号", true), .. PersonFields.Columns, new("role", "角色", true), new("den", "窝点"), new("group", "团伙"),
    ];

    public static Task<ImportResult> RunAsync(ConcordDbContext db, Actor actor, Request request, CancellationToken ct) =>
        RunAsync(db, actor, request.Code, request.From, request.To, request.HandlingCode,
            () => (CsvTable.Read(request.DensPath, DenColumns), CsvTable.Read(request.TargetsPath, TargetColumns)), ct);

    /// <summary>The same, for files that arrive as bytes (an upload) rather than as paths.</summary>
    public static Task<ImportResult> RunAsync(ConcordDbContext db, Actor actor, string code, string from, string to, string handlingCode,
        CsvTable dens, CsvTable targets, CancellationToken ct) =>
        RunAsync(db, actor, code, from, to, handlingCode, () => (dens, targets), ct);

    private static async Task<ImportResult> RunAsync(ConcordDbContext db, Actor actor, string code, string fromCode, string toCode, string handlingCode,
        Func<(CsvTable Dens, CsvTable Targets)> read, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.SendLeads, "lead send", ct);
        if (string.IsNullOrWhiteSpace(code)) throw new ConcordException(new InvalidRequestError("code", new Phrase(ErrorTexts.LeadCodeRequired)));
        Codes.Check("code", code, ErrorTexts.LeadCodeInvalid);
        if (string.IsNullOrWhiteSpace(handlingCode)) throw new ConcordException(new InvalidRequestError("handling", new Phrase(ErrorTexts.HandlingCodeRequired)));
        if (!SharingModel.TryParse(handlingCode, out var handling))
            throw new ConcordException(new InvalidRequestError("handling", new Phrase(ErrorTexts.HandlingCodeUnknown, handlingCode.Trim())));
        var from = await Agencies.GetAsync(db, fromCode, "from", ct);
        var to = await Agencies.GetAsync(db, toCode, "to", ct);
        if (from.Id == to.Id) throw new ConcordException(new InvalidRequestError("to", new Phrase(ErrorTexts.LeadToAnother)));
        if (!actor.Sees(from.Id)) throw new ConcordException(new InvalidRequestError("from", new Phrase(ErrorTexts.LeadFromOwn)));

        var (dens, targets) = read();
        var problems = new List<InputProblem>();
        Importer.CheckUniqueKeys(dens, "den_code", problems);
        Importer.CheckUniqueKeys(targets, "target_id", problems);
        var newDens = dens.Rows.Select(r => ReadDen(dens.FileName, r, from.Id, problems)).ToList();
        var newTargets = targets.Rows.Select(r => ReadTarget(targets.FileName, r, from.Id, problems)).ToList();
        Importer.ThrowIfAny(problems);

        var sha = CsvTable.HashOf(System.Text.Encoding.UTF8.GetBytes(dens.Sha256 + targets.Sha256 + handling + to.Code));
        var scope = $"{from.Code}/{code}";
        if (await Importer.AlreadyImportedAsync(db, "lead", scope, sha, dens.FileName, ct) is { } done) return done;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var sent = false;
        var lead = await db.Leads.Include(l => l.Dens).Include(l => l.Targets)
            .FirstOrDefaultAsync(l => l.AgencyId == from.Id && l.Code == code, ct);
        if (lead is null)
        {
            lead = new Lead { AgencyId = from.Id, Code = code, ToAgencyId = to.Id, HandlingCode = handling };
            db.Leads.Add(lead);
            sent = true;
        }
        else if (lead.ToAgencyId != to.Id || lead.HandlingCode != handling)
        {
            throw new ConcordException(new ConflictError(new Phrase(ErrorTexts.LeadExists, code)));
        }

        int added = 0, unchanged = 0;
        var existingDens = lead.Dens.ToDictionary(d => d.Code, StringComparer.Ordinal);
        foreach (var (den, row) in newDens.Zip(dens.Rows))
        {
            if (existingDens.TryGetValue(den.Code, out var old))
            {
                if (old.SourceHash == den.SourceHash) { unchanged++; continue; }
                problems.Add(new(dens.FileName, row.Row, "den_code", new Phrase(ProblemTexts.DenAlreadyInLead, den.Code, lead.Code)));
                continue;
            }
            den.LeadId = lead.Id;
            lead.Dens.Add(den);
            added++;
        }
        var existingTargets = lead.Targets.ToDictionary(t => t.TargetId, StringComparer.Ordinal);
        foreach (var (target, row) in newTargets.Zip(targets.Rows))
        {
            if (existingTargets.TryGetValue(target.TargetId, out var old))
            {
                if (old.SourceHash == target.SourceHash) { unchanged++; continue; }
                problems.Add(new(targets.FileName, row.Row, "target_id", new Phrase(ProblemTexts.TargetAlreadyInLead, target.TargetId, lead.Code)));
                continue;
            }
            target.LeadId = lead.Id;
            lead.Targets.Add(target);
            added++;
        }
        Importer.ThrowIfAny(problems);
        var result = await Importer.CommitAsync(db, actor, from.Id, "lead", scope,
            new CsvTable { FileName = $"{dens.FileName}+{targets.FileName}", Sha256 = sha, Rows = [.. dens.Rows, .. targets.Rows] }, added, unchanged, ct,
            sent ? "lead.send" : null, $"lead {lead.Code} ({lead.Id}) {from.Code} -> {to.Code} handling={lead.HandlingCode}");
        if (to.Node is not null && added > 0)
        {
            // The receiving agency lives on a partner node: the lead goes there as a packet, in this same transaction.
            Federation.LeadPackets.QueueLead(db, actor, lead, from, to);
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return result with { Id = lead.Id };
    }

    private static Den ReadDen(string file, CsvRow row, Guid agencyId, List<InputProblem> problems)
    {
        double? Coordinate(string column, double limit)
        {
            var text = row[column];
            if (text is null) return null;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && Math.Abs(v) <= limit) return v;
            problems.Add(new(file, row.Row, column, new Phrase(ProblemTexts.NotACoordinate, text)));
            return null;
        }
        var armed = row.YesNo("armed", file, problems);
        return new Den
        {
            AgencyId = agencyId,
            Code = row["den_code"] ?? "",
            Name = row["name"],
            Address = row["address"],
            Latitude = Coordinate("lat", 90),
            Longitude = Coordinate("lon", 180),
            Group = row["group"],
            Armed = armed,
            Notes = row.ExtraAsNotes(),
            SourceHash = PersonFields.RowHash(row, DenColumns.Select(c => c.Name)),
        };
    }

    public static bool TryParseRole(string? text, out TargetRole role)
    {
        role = TargetRole.Member;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "financier" or "金主": role = TargetRole.Financier; return true;
            case "leader" or "头目" or "组织头目": role = TargetRole.Leader; return true;
            case "backbone" or "骨干": role = TargetRole.Backbone; return true;
            case "member" or "成员": role = TargetRole.Member; return true;
            default: return false;
        }
    }

    private static Target ReadTarget(string file, CsvRow row, Guid agencyId, List<InputProblem> problems)
    {
        var target = new Target
        {
            AgencyId = agencyId,
            TargetId = row["target_id"] ?? "",
            DenCode = row["den"],
            Group = row["group"],
            Notes = row.ExtraAsNotes(),
            SourceHash = PersonFields.RowHash(row, TargetColumns.Select(c => c.Name)),
        };
        PersonFields.Read(row, file, problems, target);
        if (TryParseRole(row["role"], out var role)) target.Role = role;
        else problems.Add(new(file, row.Row, "role", new Phrase(ProblemTexts.NotARole, row["role"] ?? "")));
        return target;
    }
}
