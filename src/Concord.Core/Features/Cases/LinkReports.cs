using System.Text.Json;
using System.Text.Json.Serialization;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Storage;
using Concord.Matching;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Cases;

/// <summary>
/// One step of a link's evidence: the report's identifier and the extraction row it met; for a near link, kind
/// <c>script</c>, the script's passage the narrative quotes (<see cref="Passage"/>, also the value), the narrative's
/// clause that quotes it (<see cref="ReportWritten"/>) and the script's title (<see cref="Written"/>).
/// </summary>
public sealed record CaseEvidence(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("report_written")] string ReportWritten,
    [property: JsonPropertyName("extraction")] Guid Extraction,
    [property: JsonPropertyName("item_no")] string ItemNo,
    [property: JsonPropertyName("den")] string? Den,
    [property: JsonPropertyName("holder")] string? Holder,
    [property: JsonPropertyName("table")] string Table,
    [property: JsonPropertyName("row")] int Row,
    [property: JsonPropertyName("written")] string? Written,
    [property: JsonPropertyName("passage"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Passage = null);

/// <summary>What a linking run did.</summary>
public sealed record LinkRun(int Reports, int Identifiers, int Proposed, int Refreshed, int KeptDecided, int ReportsLinked);

/// <summary>
/// Linking victims' reports to the suspects and dens whose seized devices used the same identifiers (串并案): a number
/// that called the victim is a SIM's own number in a phone held by suspect X in den D2; a card the victim paid into is
/// the card a phone in D2 paid from. Only what the caller sees takes part: its reports (and those shared with it), and
/// the extractions of items it holds (and those shared with it). Each link is proposed with its whole evidence chain and
/// waits for an officer; a link already confirmed or rejected is never proposed again. A device's contacts, calls and
/// chats (numbers it knew, not its own) make no link: they are shown on the graph, not counted as the suspect's.
/// Besides, a report whose narrative quotes a script found on a seized device is linked near to the device's holder and
/// den (<see cref="NearScore"/>): the victim retells what the caller read out, clause by clause.
/// </summary>
public static class LinkReports
{
    /// <summary>
    /// The least share of a script passage's shingles, weighed by rarity, a narrative must hold for a near link. In the
    /// generated Muse sequel (<c>Concord.Bench --cases --quality</c>) every narrative quoting a den's script scores at least
    /// this, and 99% of what scores this quotes the den's script; at 0.7 a third more is found, all of it scripts of the
    /// same kind with other names.
    /// </summary>
    public const double NearScore = 0.85;

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>An identifier a device owns, with where it was found and whom it leads to.</summary>
    private sealed record Owned(Guid Extraction, Guid ExtractionAgency, string ItemNo, Guid? Den, string? DenCode, Guid? Person, string? Holder, ExtractionTable Table, int Row, string? Written);

    /// <summary>What the actor's devices hold, as the link index files it: identifier rows and script rows, by their number in <see cref="Rows"/>.</summary>
    private sealed record Devices(List<Owned> Rows, LinkIndex Index);

    public static async Task<LinkRun> RunAsync(ConcordDbContext db, Actor actor, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.LinkCases, "cases link", ct);
        var devices = await DevicesAsync(db, actor, ct);

        var reportIds = CaseAccess.Reports(db, actor).Select(r => r.Id);
        var identifiers = await db.ReportIdentifiers.AsNoTracking().Where(i => reportIds.Contains(i.ReportId))
            .Select(i => new { i.ReportId, i.Kind, i.Value, i.Written }).ToListAsync(ct);
        var proposals = new Dictionary<(Guid Report, CaseSubject Subject, Guid Id), Proposal>();
        var found = new List<int>();
        foreach (var i in identifiers)
        {
            found.Clear();
            devices.Index.Owners(CaseFields.Key(i.Kind, i.Value), found);
            foreach (var o in found.Select(n => devices.Rows[n]))
            {
                var evidence = new CaseEvidence(i.Kind, i.Value, i.Written, o.Extraction, o.ItemNo, o.DenCode, o.Holder, ImportExtraction.TableName(o.Table), o.Row, o.Written);
                Add(proposals, i.ReportId, o, evidence, 1.0);
            }
        }
        if (devices.Index.Scripts.Count > 0)
        {
            var narratives = await CaseAccess.Reports(db, actor).Where(r => r.Narrative != null).Select(r => new { r.Id, r.Narrative }).ToListAsync(ct);
            foreach (var r in narratives)
            {
                foreach (var m in devices.Index.Scripts.Query(r.Narrative!, NearScore))
                {
                    var o = devices.Rows[m.Id];
                    var quoting = devices.Index.Scripts.Quoting(r.Narrative!, m.PassageText);
                    var evidence = new CaseEvidence("script", m.PassageText, quoting, o.Extraction, o.ItemNo, o.DenCode, o.Holder, ImportExtraction.TableName(o.Table), o.Row, o.Written, m.PassageText);
                    Add(proposals, r.Id, o, evidence, Math.Round(m.Score, 4));
                }
            }
        }

        var existing = new Dictionary<(Guid, CaseSubject, Guid), CaseLink>();
        foreach (var chunk in proposals.Keys.Select(k => k.Report).Distinct().Chunk(500))
        {
            foreach (var l in await db.CaseLinks.Where(l => chunk.Contains(l.ReportId)).ToListAsync(ct))
                existing[(l.ReportId, l.Subject, l.SubjectId)] = l;
        }
        int proposed = 0, refreshed = 0, kept = 0;
        // A link is its maker's; one the node's operator made is the holder's of the device it came from.
        var holders = devices.Rows.DistinctBy(o => o.Extraction).ToDictionary(o => o.Extraction, o => o.ExtractionAgency);
        foreach (var ((report, subject, id), (subjectRef, extraction, evidence, score)) in proposals)
        {
            var json = JsonSerializer.Serialize(evidence.OrderBy(e => e.Kind, StringComparer.Ordinal).ThenBy(e => e.Value, StringComparer.Ordinal).ThenBy(e => e.ItemNo, StringComparer.Ordinal), JsonOptions);
            if (existing.TryGetValue((report, subject, id), out var link))
            {
                if (link.Status != CaseLinkStatus.Proposed) { kept++; continue; }
                if (link.Evidence == json) continue;
                link.Evidence = json;
                link.Method = Method(evidence);
                link.Score = score;
                refreshed++;
                continue;
            }
            db.CaseLinks.Add(new CaseLink
            {
                AgencyId = actor.AgencyId ?? holders[extraction],
                ReportId = report,
                Subject = subject,
                SubjectId = id,
                SubjectRef = subjectRef,
                ExtractionId = extraction,
                Method = Method(evidence),
                Score = score,
                Evidence = json,
                Status = CaseLinkStatus.Proposed,
            });
            proposed++;
        }
        var run = new LinkRun(await reportIds.CountAsync(ct), identifiers.Count, proposed, refreshed, kept, proposals.Keys.Select(k => k.Report).Distinct().Count());
        db.Record(actor, "cases.link", nameof(CaseLink), null,
            $"reports={run.Reports} identifiers={run.Identifiers} proposed={run.Proposed} refreshed={run.Refreshed} decided={run.KeptDecided} linked={run.ReportsLinked}");
        await db.SaveChangesAsync(ct);
        return run;
    }

    /// <summary><c>exact</c> where an identifier links, else <c>near</c>: only a script's words do.</summary>
    private static string Method(List<CaseEvidence> evidence) => evidence.Any(e => e.Passage is null) ? "exact" : "near";

    /// <summary>A link to propose: whom it names, the extraction it came from, its evidence, and its score (1 for an identifier).</summary>
    private sealed record Proposal(string SubjectRef, Guid Extraction, List<CaseEvidence> Evidence, double Score);

    /// <summary>The evidence added to the report's links to the row's holder and den; the best score stands.</summary>
    private static void Add(Dictionary<(Guid, CaseSubject, Guid), Proposal> proposals, Guid report, Owned o, CaseEvidence evidence, double score)
    {
        if (o.Person is { } person) Add(proposals, (report, CaseSubject.Person, person), o.Holder!, o.Extraction, evidence, score);
        if (o.Den is { } den) Add(proposals, (report, CaseSubject.Den, den), o.DenCode!, o.Extraction, evidence, score);
    }

    private static void Add(Dictionary<(Guid, CaseSubject, Guid), Proposal> proposals, (Guid, CaseSubject, Guid) key, string subjectRef, Guid extraction, CaseEvidence evidence, double score)
    {
        if (!proposals.TryGetValue(key, out var p)) proposals[key] = p = new Proposal(subjectRef, extraction, [], score);
        else if (score > p.Score) proposals[key] = p = p with { Score = score };
        if (!p.Evidence.Contains(evidence)) p.Evidence.Add(evidence);
    }

    /// <summary>Every identifier a device the actor may read owns, and every script on one, in a link index, with the item, its den and its holder.</summary>
    private static async Task<Devices> DevicesAsync(ConcordDbContext db, Actor actor, CancellationToken ct)
    {
        var extractions = CaseAccess.Extractions(db, actor);
        var rows = await (from r in db.ExtractionRecords.AsNoTracking()
                          join e in extractions on r.ExtractionId equals e.Id
                          join s in db.Seizures on e.SeizureId equals s.Id
                          where (r.Own && r.Value != null) || (r.Table == ExtractionTable.Scripts && r.Text != null)
                          select new { r.Kind, r.Value, r.Text, r.Table, r.Row, r.Written, Extraction = e.Id, ExtractionAgency = e.AgencyId, s.ItemNo, s.DenCode, s.HolderRosterNo, s.OperationId })
            .ToListAsync(ct);
        var operations = rows.Select(r => r.OperationId).Distinct().ToList();
        var leads = await db.Operations.AsNoTracking().Where(o => operations.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.LeadId, ct);
        var leadIds = leads.Values.Distinct().ToList();
        var dens = (await db.Dens.AsNoTracking().Where(d => leadIds.Contains(d.LeadId)).Select(d => new { d.LeadId, d.Code, d.Id }).ToListAsync(ct))
            .ToDictionary(d => (d.LeadId, d.Code), d => d.Id);
        var holders = rows.Where(r => r.HolderRosterNo != null).Select(r => r.HolderRosterNo!).Distinct().ToList();
        var persons = new Dictionary<(Guid, string), Guid>();
        foreach (var chunk in holders.Chunk(500))
        {
            foreach (var p in await db.RosterRecords.AsNoTracking().Where(r => operations.Contains(r.OperationId) && chunk.Contains(r.RosterNo))
                         .Select(r => new { r.OperationId, r.RosterNo, r.PersonId }).ToListAsync(ct))
                persons[(p.OperationId, p.RosterNo)] = p.PersonId;
        }
        var owned = new List<Owned>(rows.Count);
        var index = new LinkIndex();
        foreach (var r in rows)
        {
            Guid? den = r.DenCode is not null && dens.TryGetValue((leads[r.OperationId], r.DenCode), out var d) ? d : null;
            Guid? person = r.HolderRosterNo is not null && persons.TryGetValue((r.OperationId, r.HolderRosterNo), out var p) ? p : null;
            if (r.Table == ExtractionTable.Scripts) index.AddScript(owned.Count, r.Text!);
            else index.AddIdentifier(CaseFields.Key(r.Kind!, r.Value!), owned.Count);
            owned.Add(new Owned(r.Extraction, r.ExtractionAgency, r.ItemNo, den, r.DenCode, person, r.HolderRosterNo, r.Table, r.Row, r.Written));
        }
        return new Devices(owned, index);
    }
}
