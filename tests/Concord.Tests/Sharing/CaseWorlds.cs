using Concord.Core.Domain;
using Concord.Core.Features.Cases;
using Concord.Core.Features.Sharing;

namespace Concord.Tests.Sharing;

/// <summary>
/// Generated worlds of cases for the sharing property tests: a few agencies in a random hierarchy, seized items in their
/// custody, victims' reports with their losses, extractions of the items, shares of either kind, and links from reports to
/// a few suspects and dens through an extraction, in every review state. The same seed gives the same world.
/// </summary>
internal sealed class CaseWorlds
{
    public sealed record Report(Guid Id, int Agency, string CaseNo, string Province, DateTime At, string VictimKey, IReadOnlyList<Money> Losses);
    public sealed record Item(Guid Id, int Custodian, string ItemNo);
    public sealed record Dump(Guid Id, int Item);
    public sealed record Share(string RecordType, Guid RecordId, int To);
    public sealed record Subject(CaseSubject Kind, Guid Id, string Ref);
    public sealed record Link(Guid Id, Guid Report, Guid Extraction, Subject Subject, CaseLinkStatus Status);

    /// <summary>One world: <see cref="Parents"/> indexes <see cref="Agencies"/> (null for a top agency).</summary>
    public sealed record World(Guid[] Agencies, int?[] Parents, List<Report> Reports, List<Item> Items, List<Dump> Extractions, List<Share> Shares,
        List<Subject> Subjects, List<Link> Links)
    {
        public IReadOnlyDictionary<Guid, Guid?> ParentMap => Agencies.Select((a, i) => (a, Parents[i] is { } p ? Agencies[p] : (Guid?)null)).ToDictionary(x => x.a, x => x.Item2);

        public IReadOnlySet<Guid> Viewer(int agency) => SharingModel.Viewer(Agencies[agency], ParentMap);

        public SharingModel.CaseRecord ReportRecord(Guid id)
        {
            var r = Reports.Single(x => x.Id == id);
            return new(Agencies[r.Agency], [.. Shares.Where(s => s.RecordType == CaseAccess.Report && s.RecordId == id).Select(s => Agencies[s.To])]);
        }

        public SharingModel.CaseRecord ExtractionRecord(Guid id)
        {
            var e = Extractions.Single(x => x.Id == id);
            return new(Agencies[Items[e.Item].Custodian], [.. Shares.Where(s => s.RecordType == CaseAccess.ExtractionRecord && s.RecordId == id).Select(s => Agencies[s.To])]);
        }

        public bool SeesLink(IReadOnlySet<Guid>? viewer, Link l) => SharingModel.SeesLink(viewer, ReportRecord(l.Report), ExtractionRecord(l.Extraction));
    }

    private static readonly string[] Provinces = ["33", "44", "53", "45"];
    private static readonly string[] Currencies = ["CNY", "USDT", "MMK"];

    public static World Generate(Random random, Guid[]? agencies = null)
    {
        agencies ??= [.. Enumerable.Range(0, random.Next(2, 7)).Select(_ => Guid.NewGuid())];
        var n = agencies.Length;
        // A random forest: each agency sits under one earlier in a random order, or at the top.
        var order = Enumerable.Range(0, n).OrderBy(_ => random.Next()).ToArray();
        var parents = new int?[n];
        for (var k = 1; k < n; k++)
            if (random.Next(3) > 0) parents[order[k]] = order[random.Next(k)];
        var items = Enumerable.Range(0, random.Next(1, 4)).Select(i => new Item(Guid.NewGuid(), random.Next(n), $"S{i + 1}")).ToList();
        var extractions = Enumerable.Range(0, random.Next(1, 5)).Select(_ => new Dump(Guid.NewGuid(), random.Next(items.Count))).ToList();
        var reports = Enumerable.Range(0, random.Next(1, 7)).Select(i => new Report(Guid.NewGuid(), random.Next(n), $"R-{i + 1:D4}",
            Provinces[random.Next(Provinces.Length)], new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(random.Next(24 * 300)),
            $"V-{random.Next(4):D10}",
            [.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => new Money(Currencies[random.Next(Currencies.Length)], random.Next(1, 100_000) * 10m))])).ToList();
        var shares = new List<Share>();
        foreach (var r in reports)
            foreach (var to in Enumerable.Range(0, n).Where(_ => random.Next(4) == 0)) shares.Add(new Share(CaseAccess.Report, r.Id, to));
        foreach (var e in extractions)
            foreach (var to in Enumerable.Range(0, n).Where(_ => random.Next(4) == 0)) shares.Add(new Share(CaseAccess.ExtractionRecord, e.Id, to));
        List<Subject> subjects = [new(CaseSubject.Den, Guid.NewGuid(), "D01"), new(CaseSubject.Den, Guid.NewGuid(), "D02"), new(CaseSubject.Person, Guid.NewGuid(), "P-0001")];
        var links = new List<Link>();
        foreach (var r in reports)
            foreach (var s in subjects.Where(_ => random.Next(2) == 0))
                links.Add(new Link(Guid.NewGuid(), r.Id, extractions[random.Next(extractions.Count)].Id, s, (CaseLinkStatus)random.Next(3)));
        return new World(agencies, parents, reports, items, extractions, shares, subjects, links);
    }
}
