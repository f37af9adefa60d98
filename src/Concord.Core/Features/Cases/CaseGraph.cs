using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Cases;

/// <summary>What a node of the link graph stands for.</summary>
public enum GraphNodeKind { Report, Identifier, Device, Person, Den, Group }

/// <summary>A node of the link graph: its id in the graph, what it is, its label, and the record a click opens (a report, a person the caller may open).</summary>
public sealed record GraphNode(string Id, GraphNodeKind Kind, string Label, Guid? RecordId);

/// <summary>
/// An edge: <c>names</c> (a report names an identifier), <c>own</c> or <c>knew</c> (a device holds the identifier as its
/// own, or knew it as a contact, a call or a payee), <c>held</c> (a device was seized from a person), <c>seized</c> (in a
/// den), <c>member</c> (a den belongs to a criminal group, as the lead says), or a link of a report to a person or den
/// (<c>proposed</c>, <c>confirmed</c>); <see cref="Detail"/> explains it.
/// </summary>
public sealed record GraphEdge(string From, string To, string Kind, string? Detail);

/// <summary>The graph around one record, as far as the caller may see; <see cref="Truncated"/> when it was cut at the node limit.</summary>
public sealed record LinkGraph(string Center, IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges, bool Truncated);

/// <summary>
/// The link graph around a report, a person, a den, a criminal group or an identifier: the reports, identifiers, seized devices, suspects
/// and dens that the links and the devices' extractions tie together. Only what the caller sees takes part (its reports,
/// the extractions it may read, the links between them), so the graph never shows a report another agency keeps to itself.
/// A device's identifiers appear where a report in the graph names them: a phone's thousand contacts are not drawn.
/// </summary>
public static class CaseGraph
{
    public const int MaxNodes = 400;

    /// <summary>
    /// Finds the record a graph is drawn around and checks the actor may see it, reading nothing else: "not found" (audited
    /// where it exists) for a report, person or den the actor may not see, a refusal for a kind the graph does not draw.
    /// </summary>
    public static async Task CenterAsync(ConcordDbContext db, Actor actor, string kind, string key, CancellationToken ct)
    {
        switch (kind)
        {
            case "report" when Guid.TryParse(key, out _):
                await CaseAccess.ReportAsync(db, actor, key, null, ct);
                break;
            case "person" when Guid.TryParse(key, out var person):
                await Access.PersonAsync(db, actor, person, ct);
                break;
            case "den" when Guid.TryParse(key, out var den):
                // A den is the lead's: only the lead's audience sees it.
                var lead = await (from d in db.Dens.AsNoTracking()
                                  where d.Id == den
                                  join l in db.Leads on d.LeadId equals l.Id
                                  select new { l.AgencyId, l.ToAgencyId, l.HandlingCode }).FirstOrDefaultAsync(ct)
                    ?? throw new ConcordException(new NotFoundError("den", key));
                if (!SeesLead(actor, lead.AgencyId, lead.ToAgencyId, lead.HandlingCode))
                    throw await Access.DeniedAsync(db, actor, nameof(Den), den, "den", key, ct);
                break;
            case "group" when !string.IsNullOrWhiteSpace(key):
                await GroupDensAsync(db, actor, key, ct);
                break;
            case "identifier" when !string.IsNullOrWhiteSpace(key):
                break;
            default:
                throw new ConcordException(new InvalidRequestError("graph", "a report, a person, a den, a criminal group or an identifier"));
        }
    }

    /// <summary>A lead's dens are seen by the lead's audience only (its sender, its receiver, as its handling code allows).</summary>
    private static bool SeesLead(Actor actor, Guid from, Guid to, Handling handlingCode) =>
        actor.IsNodeOperator || Sharing.SharingModel.Sees(actor.SeenAgencies, new Sharing.SharingModel.Source(from, to, handlingCode));

    /// <summary>The dens of a criminal group (as the leads name it) that the actor sees; "not found", audited, when it sees none.</summary>
    private static async Task<IReadOnlyList<(Guid Id, string Code, Guid LeadId)>> GroupDensAsync(ConcordDbContext db, Actor actor, string group, CancellationToken ct)
    {
        var name = group.Trim();
        var dens = await (from d in db.Dens.AsNoTracking()
                          where d.Group == name
                          join l in db.Leads on d.LeadId equals l.Id
                          select new { d.Id, d.Code, d.LeadId, l.AgencyId, l.ToAgencyId, l.HandlingCode }).ToListAsync(ct);
        if (dens.Count == 0) throw new ConcordException(new NotFoundError("group", name));
        var seen = dens.Where(d => SeesLead(actor, d.AgencyId, d.ToAgencyId, d.HandlingCode)).Select(d => (d.Id, d.Code, d.LeadId)).ToList();
        if (seen.Count == 0) throw await Access.DeniedAsync(db, actor, nameof(Den), dens[0].Id, "group", name, ct);
        return seen;
    }

    /// <summary>The extractions the actor may read of the items seized in these dens (a den is its code within its lead).</summary>
    private static async Task<List<Guid>> SeizedInAsync(ConcordDbContext db, IQueryable<Extraction> extractions, IReadOnlyList<(Guid Id, string Code, Guid LeadId)> dens,
        CancellationToken ct)
    {
        var codes = dens.Select(d => d.Code).Distinct().ToList();
        var leads = dens.Select(d => d.LeadId).Distinct().ToList();
        var pairs = dens.Select(d => (d.Code, d.LeadId)).ToHashSet();
        var seized = await (from e in extractions.AsNoTracking()
                            join s in db.Seizures on e.SeizureId equals s.Id
                            join o in db.Operations on s.OperationId equals o.Id
                            where s.DenCode != null && codes.Contains(s.DenCode) && leads.Contains(o.LeadId)
                            select new { e.Id, s.DenCode, o.LeadId }).ToListAsync(ct);
        return [.. seized.Where(x => pairs.Contains((x.DenCode!, x.LeadId))).Select(x => x.Id)];
    }

    /// <summary>What the graph is drawn around: <c>report</c>, <c>person</c>, <c>den</c> (by id), <c>group</c> (a criminal group, by name) or <c>identifier</c> (by value).</summary>
    public static async Task<LinkGraph> AroundAsync(ConcordDbContext db, Actor actor, string kind, string key, bool rejected, IReadAudit reads, CancellationToken ct)
    {
        await Access.RequireRoleAsync(reads, actor, RoleTable.ReadCases, "case graph", ct);
        // A group's dens are found and checked once, below, where the graph needs them.
        if (kind != "group") await CenterAsync(db, actor, kind, key, ct);
        var reports = CaseAccess.Reports(db, actor);
        var extractions = CaseAccess.Extractions(db, actor);
        var links = CaseAccess.Links(db, actor).AsNoTracking().Where(l => rejected || l.Status != CaseLinkStatus.Rejected);
        var reportIds = new HashSet<Guid>();
        var extractionIds = new HashSet<Guid>();
        var values = new HashSet<string>(StringComparer.Ordinal);
        // The dens the graph is drawn around (one den, or a group's), whose links and seized devices it starts from.
        IReadOnlyList<(Guid Id, string Code, Guid LeadId)> centerDens = [];
        string center;
        switch (kind)
        {
            case "report" when Guid.TryParse(key, out var id):
                // Found and checked once, by CenterAsync above.
                reportIds.Add(id);
                center = "r:" + id;
                extractionIds.UnionWith(await links.Where(l => l.ReportId == id).Select(l => l.ExtractionId).ToListAsync(ct));
                break;
            case "person" when Guid.TryParse(key, out var id):
                center = "p:" + id;
                reportIds.UnionWith(await links.Where(l => l.Subject == CaseSubject.Person && l.SubjectId == id).Select(l => l.ReportId).ToListAsync(ct));
                var rows = db.RosterRecords.Where(r => r.PersonId == id);
                extractionIds.UnionWith(await extractions.Where(e => db.Seizures.Any(s => s.Id == e.SeizureId
                    && rows.Any(r => r.OperationId == s.OperationId && r.RosterNo == s.HolderRosterNo))).Select(e => e.Id).ToListAsync(ct));
                break;
            case "den" when Guid.TryParse(key, out var id):
                var den = await db.Dens.AsNoTracking().FirstAsync(d => d.Id == id, ct);
                center = "d:" + id;
                centerDens = [(den.Id, den.Code, den.LeadId)];
                break;
            case "group" when !string.IsNullOrWhiteSpace(key):
                center = "g:" + key.Trim();
                centerDens = await GroupDensAsync(db, actor, key, ct);
                break;
            case "identifier" when !string.IsNullOrWhiteSpace(key):
                var search = await CaseViews.SearchAsync(db, actor, key, reads, ct);
                values.UnionWith(search.Hits.Select(h => h.Value));
                center = search.Hits.Count > 0 ? "i:" + search.Hits[0].Value : "i:" + key.Trim();
                reportIds.UnionWith(search.Hits.Where(h => h.InReport).Select(h => h.RecordId));
                extractionIds.UnionWith(search.Hits.Where(h => !h.InReport).Select(h => h.RecordId));
                break;
            default:
                throw new ConcordException(new InvalidRequestError("graph", "a report, a person, a den, a criminal group or an identifier"));
        }
        if (centerDens.Count > 0)
        {
            var denIds = centerDens.Select(d => d.Id).ToList();
            reportIds.UnionWith(await links.Where(l => l.Subject == CaseSubject.Den && denIds.Contains(l.SubjectId)).Select(l => l.ReportId).ToListAsync(ct));
            extractionIds.UnionWith(await SeizedInAsync(db, extractions, centerDens, ct));
        }

        var nodes = new Dictionary<string, GraphNode>(StringComparer.Ordinal);
        var edges = new HashSet<GraphEdge>();
        var truncated = false;
        bool Node(string id, GraphNodeKind k, string label, Guid? record)
        {
            if (nodes.ContainsKey(id)) return true;
            if (nodes.Count >= MaxNodes) { truncated = true; return false; }
            nodes[id] = new GraphNode(id, k, label, record);
            return true;
        }
        void Edge(string from, string to, string k, string? detail)
        {
            if (nodes.ContainsKey(from) && nodes.ContainsKey(to)) edges.Add(new GraphEdge(from, to, k, detail));
        }

        // The links of the reports, and the devices their evidence came from.
        var reportLinks = await links.Where(l => reportIds.Contains(l.ReportId)).ToListAsync(ct);
        extractionIds.UnionWith(reportLinks.Select(l => l.ExtractionId));
        var reportRows = await reports.AsNoTracking().Where(r => reportIds.Contains(r.Id)).Select(r => new { r.Id, r.CaseNo }).ToListAsync(ct);
        var named = await db.ReportIdentifiers.AsNoTracking().Where(i => reportIds.Contains(i.ReportId)).Select(i => new { i.ReportId, i.Kind, i.Value }).ToListAsync(ct);
        values.UnionWith(named.Select(i => i.Value));
        var devices = await (from e in extractions.AsNoTracking()
                             join s in db.Seizures on e.SeizureId equals s.Id
                             join o in db.Operations on s.OperationId equals o.Id
                             where extractionIds.Contains(e.Id)
                             select new { e.Id, s.ItemNo, s.DenCode, s.HolderRosterNo, s.OperationId, o.LeadId }).ToListAsync(ct);
        var deviceIds = devices.Select(d => d.Id).ToList();
        var records = await db.ExtractionRecords.AsNoTracking().Where(x => deviceIds.Contains(x.ExtractionId) && x.Value != null && values.Contains(x.Value))
            .Select(x => new { x.ExtractionId, x.Kind, x.Value, x.Own, x.Table, x.Row }).ToListAsync(ct);
        var operations = devices.Select(d => d.OperationId).Distinct().ToList();
        var holders = devices.Where(d => d.HolderRosterNo != null).Select(d => d.HolderRosterNo!).Distinct().ToList();
        var persons = (await db.RosterRecords.AsNoTracking().Where(r => operations.Contains(r.OperationId) && holders.Contains(r.RosterNo))
            .Select(r => new { r.OperationId, r.RosterNo, r.PersonId }).ToListAsync(ct)).ToDictionary(r => (r.OperationId, r.RosterNo), r => r.PersonId);
        var leads = devices.Select(d => d.LeadId).Distinct().ToList();
        var dens = (await db.Dens.AsNoTracking().Where(d => leads.Contains(d.LeadId)).Select(d => new { d.LeadId, d.Code, d.Id }).ToListAsync(ct))
            .ToDictionary(d => (d.LeadId, d.Code), d => d.Id);

        // The centre first, so that a cut graph keeps it.
        foreach (var r in reportRows.OrderBy(r => "r:" + r.Id != center)) Node("r:" + r.Id, GraphNodeKind.Report, r.CaseNo, r.Id);
        if (center.StartsWith("i:", StringComparison.Ordinal)) Node(center, GraphNodeKind.Identifier, center[2..], null);
        if (center.StartsWith("g:", StringComparison.Ordinal))
        {
            // The group and every den of it the caller sees, whether or not a report or a device ties to it yet.
            Node(center, GraphNodeKind.Group, center[2..], null);
            foreach (var d in centerDens) Node("d:" + d.Id, GraphNodeKind.Den, d.Code, d.Id);
        }
        foreach (var l in reportLinks)
        {
            var id = (l.Subject == CaseSubject.Den ? "d:" : "p:") + l.SubjectId;
            Node(id, l.Subject == CaseSubject.Den ? GraphNodeKind.Den : GraphNodeKind.Person, l.SubjectRef, l.SubjectId);
            Edge("r:" + l.ReportId, id, l.Status.ToString().ToLowerInvariant(), l.Method + " " + l.Score.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        }
        var seenValues = records.Select(x => x.Value!).ToHashSet(StringComparer.Ordinal);
        foreach (var i in named.Where(i => seenValues.Contains(i.Value) || "i:" + i.Value == center))
        {
            Node("i:" + i.Value, GraphNodeKind.Identifier, i.Value, null);
            Edge("r:" + i.ReportId, "i:" + i.Value, "names", i.Kind);
        }
        foreach (var d in devices)
        {
            if (!Node("x:" + d.Id, GraphNodeKind.Device, d.ItemNo, d.Id)) continue;
            if (d.HolderRosterNo is not null && persons.TryGetValue((d.OperationId, d.HolderRosterNo), out var person)
                && Node("p:" + person, GraphNodeKind.Person, d.HolderRosterNo, person))
                Edge("x:" + d.Id, "p:" + person, "held", d.HolderRosterNo);
            if (d.DenCode is not null && dens.TryGetValue((d.LeadId, d.DenCode), out var den) && Node("d:" + den, GraphNodeKind.Den, d.DenCode, den))
                Edge("x:" + d.Id, "d:" + den, "seized", d.DenCode);
        }
        foreach (var x in records)
        {
            Node("i:" + x.Value, GraphNodeKind.Identifier, x.Value!, null);
            Edge("x:" + x.ExtractionId, "i:" + x.Value, x.Own ? "own" : "knew", $"{x.Kind} · {ImportExtraction.TableName(x.Table)} #{x.Row}");
        }
        // The criminal groups the dens in the graph belong to, as their lead names them: dens of one group drawn together.
        var denNodes = nodes.Values.Where(n => n.Kind == GraphNodeKind.Den && n.RecordId is not null).Select(n => n.RecordId!.Value).ToList();
        foreach (var d in await db.Dens.AsNoTracking().Where(d => denNodes.Contains(d.Id) && d.Group != null).Select(d => new { d.Id, d.Group }).ToListAsync(ct))
        {
            if (Node("g:" + d.Group, GraphNodeKind.Group, d.Group!, null)) Edge("d:" + d.Id, "g:" + d.Group, "member", d.Group);
        }
        // A suspect the caller may not open stays in the graph, named, but leads nowhere.
        var personIds = nodes.Values.Where(n => n.Kind == GraphNodeKind.Person && n.RecordId is not null).Select(n => n.RecordId!.Value).ToList();
        var open = await Access.PersonsSeenAsync(db, actor, personIds, ct);
        foreach (var n in nodes.Values.Where(n => n.Kind == GraphNodeKind.Person && n.RecordId is { } id && !open.Contains(id)).ToList())
            nodes[n.Id] = n with { RecordId = null };
        await reads.RecordAsync(actor, "case.graph", kind, null, $"{kind}={key} reports={reportRows.Count} items={devices.Count}", ct);
        return new LinkGraph(center, [.. nodes.Values], [.. edges], truncated);
    }
}
