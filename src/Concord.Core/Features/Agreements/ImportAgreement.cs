using System.Text.Json;
using System.Text.Json.Serialization;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Imports;
using Concord.Core.Storage;
using Concord.Matching;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Agreements;

public static class ImportAgreement
{
    public sealed record PartyDto(string? Code, string? Name, string? Country);
    public sealed record CustodyDto(string? Nationality, string? To, string? Port, bool Review);
    public sealed record EvidenceDto([property: JsonPropertyName("follows_holder")] bool? FollowsHolder, [property: JsonPropertyName("unheld_to")] string? UnheldTo);
    public sealed record AgreementDto(string? Code, string? Title, List<PartyDto>? Parties, List<CustodyDto>? Custody, EvidenceDto? Evidence, DateOnly? Effective = null);

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static Task<ImportResult> FromFileAsync(ConcordDbContext db, Actor actor, string path, CancellationToken ct)
    {
        if (!File.Exists(path)) throw CsvTable.Problem(Path.GetFileName(path), null, null, new(ProblemTexts.FileNotFound));
        return RunAsync(db, actor, Path.GetFileName(path), File.ReadAllBytes(path), ct);
    }

    /// <param name="forwarded">The document came from a partner node in an <c>agreement</c> packet: entered, not sent back.</param>
    public static async Task<ImportResult> RunAsync(ConcordDbContext db, Actor actor, string file, byte[] bytes, CancellationToken ct, bool forwarded = false)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.EnterAgreements, "agreement import", ct);
        var text = CsvTable.DecodeUtf8(file, bytes);
        var sha = CsvTable.HashOf(bytes);
        AgreementDto dto;
        try
        {
            dto = JsonSerializer.Deserialize<AgreementDto>(text, Json) ?? throw CsvTable.Problem(file, null, null, new(ProblemTexts.DocumentEmpty));
        }
        catch (JsonException e)
        {
            throw CsvTable.Problem(file, (int?)(e.LineNumber + 1), e.Path, new(ProblemTexts.NotAnAgreement, e.Message));
        }

        var problems = new List<InputProblem>();
        void Need(string? value, string field) { if (string.IsNullOrWhiteSpace(value)) problems.Add(new(file, null, field, new Phrase(ProblemTexts.ValueRequired))); }
        Need(dto.Code, "code");
        if (!string.IsNullOrWhiteSpace(dto.Code) && !Codes.IsValid(dto.Code))
            problems.Add(new(file, null, "code", new Phrase(ProblemTexts.AgreementCodeInvalid, dto.Code)));
        Need(dto.Title, "title");
        var parties = dto.Parties ?? [];
        if (parties.Count < 2) problems.Add(new(file, null, "parties", new Phrase(ProblemTexts.AgreementTwoParties)));
        for (var i = 0; i < parties.Count; i++)
        {
            Need(parties[i].Code, $"parties[{i}].code");
            Need(parties[i].Name, $"parties[{i}].name");
            if (parties[i].Country is { } c && !(FieldValues.TryParseNationality(c, out var iso) && iso is not null))
                problems.Add(new(file, null, $"parties[{i}].country", new Phrase(ProblemTexts.NamesNoCountry, c ?? "")));
        }
        var partyCodes = parties.Select(p => p.Code).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var custody = dto.Custody ?? [];
        for (var i = 0; i < custody.Count; i++)
        {
            var rule = custody[i];
            if (rule.Nationality != "*" && !(FieldValues.TryParseNationality(rule.Nationality, out var iso) && iso is not null))
                problems.Add(new(file, null, $"custody[{i}].nationality", new Phrase(ProblemTexts.NationalityNamesNoCountry, rule.Nationality ?? "")));
            if (rule.To is null || !partyCodes.Contains(rule.To))
                problems.Add(new(file, null, $"custody[{i}].to", new Phrase(ProblemTexts.NotAParty, rule.To ?? "")));
        }
        var unheld = dto.Evidence?.UnheldTo ?? "lead_provider";
        if (unheld != "lead_provider" && !partyCodes.Contains(unheld))
            problems.Add(new(file, null, "evidence.unheld_to", new Phrase(ProblemTexts.NotLeadProviderNorParty, unheld)));
        Importer.ThrowIfAny(problems);

        // An agency enters only agreements it is bound by; entering one is its acceptance (the other parties accept on their own).
        string? ownCode = null;
        if (actor.AgencyId is { } own)
        {
            ownCode = await db.Agencies.Where(a => a.Id == own).Select(a => a.Code).FirstAsync(ct);
            if (!partyCodes.Contains(ownCode))
                throw new ConcordException(new InvalidRequestError("parties", new Phrase(ErrorTexts.ImporterNotAParty, ownCode)));
        }

        if (await Importer.AlreadyImportedAsync(db, "agreement", dto.Code!, sha, file, ct) is { } done)
        {
            // The same document entered again by a party that has not accepted it yet is that party's acceptance.
            var existing = await db.Agreements.Include(a => a.Parties).FirstAsync(a => a.Code == dto.Code, ct);
            if (actor.AgencyId is { } own2 && existing.Parties.FirstOrDefault(p => p.PartyAgencyId == own2) is { AcceptedAt: null } entry)
            {
                await AcceptAgreement.AcceptAsync(db, actor, existing, entry, ownCode!, DateTime.UtcNow, ct);
                await db.SaveChangesAsync(ct);
            }
            return done with { Id = existing.Id };
        }
        if (await db.Agreements.AnyAsync(a => a.Code == dto.Code, ct))
            throw new ConcordException(new ConflictError(new Phrase(ErrorTexts.AgreementExists, dto.Code!)));

        // Its own transaction, or (applied from a partner's packet) the packet's.
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var agencies = new Dictionary<string, Agency>(StringComparer.Ordinal);
        foreach (var p in parties)
        {
            var agency = await db.Agencies.FirstOrDefaultAsync(a => a.Code == p.Code, ct);
            if (agency is null)
            {
                FieldValues.TryParseNationality(p.Country, out var country);
                agency = new Agency { Code = p.Code!, Name = p.Name!, Country = country };
                db.Agencies.Add(agency);
                db.Record(actor, "agency.create", nameof(Agency), agency.Id, agency.Code);
            }
            agencies[p.Code!] = agency;
        }
        var agreement = new Agreement
        {
            AgencyId = agencies[parties[0].Code!].Id,
            Code = dto.Code!,
            Title = dto.Title!,
            Document = text,
            EvidenceFollowsHolder = dto.Evidence?.FollowsHolder ?? true,
            UnheldEvidenceTo = unheld,
            EffectiveFrom = dto.Effective ?? DateOnly.FromDateTime(DateTime.UtcNow),
            Parties = agencies.Values.Select(a => new AgreementParty { PartyAgencyId = a.Id }).ToList(),
            CustodyRules = custody.Select((r, i) =>
            {
                string iso = "*";
                if (r.Nationality != "*" && FieldValues.TryParseNationality(r.Nationality, out var parsed) && parsed is not null) iso = parsed;
                return new CustodyRule { Order = i, Nationality = iso, ToAgencyId = agencies[r.To!].Id, Port = r.Port, Review = r.Review };
            }).ToList(),
        };
        db.Agreements.Add(agreement);
        db.Record(actor, "agreement.import", nameof(Agreement), agreement.Id, agreement.Code);
        // Parties that partner nodes host receive the document, then each acceptance made here.
        var document = forwarded ? null : await Federation.AgreementPackets.QueueDocumentAsync(db, actor, agreement, actor.AgencyId, ct);
        if (ownCode is not null)
            await AcceptAgreement.AcceptAsync(db, actor, agreement, agreement.Parties.Single(p => p.PartyAgencyId == actor.AgencyId), ownCode, DateTime.UtcNow, ct,
                document: document);
        var result = await Importer.CommitAsync(db, actor, agreement.AgencyId, "agreement", agreement.Code,
            new CsvTable { FileName = file, Sha256 = sha, Rows = [] }, 1, 0, ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return result with { Id = agreement.Id, Rows = 1 };
    }
}
