using System.Text.Json;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features;
using Concord.Core.Features.Cases;
using Concord.Core.Features.Sharing;
using Concord.Core.Storage;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Sharing;

/// <summary>
/// The case queries held to the sharing model on generated worlds (a fixed seed, one database reused, each world written
/// over the last): for every agency, the reports, extractions and links <see cref="CaseAccess"/> returns are exactly those
/// the model lets it see (60 worlds of up to six agencies on SQLite, the first 20 of them on PostgreSQL, each agency and the node's operator asked: some 300 viewers a run on SQLite), and no Core read that returns links (a report's links, a subject's links, a subject's losses)
/// hands it a report id, a link or a figure from a report it may not read.
/// </summary>
public sealed class CaseSharingPropertyTests
{
    /// <summary>Worlds a run, per provider: PostgreSQL answers each of the hundreds of reads a world asks more slowly.</summary>
    private static int Worlds(string provider) => provider == "sqlite" ? 60 : 20;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Case_reads_return_exactly_what_the_sharing_model_lets_each_agency_see(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        await Scenario.LeadOperationAsync(db);
        var operation = await db.Operations.Where(o => o.Code == Scenario.Operation).Select(o => o.Id).SingleAsync();
        var pool = Enumerable.Range(1, 6).Select(i => new Agency { Code = $"W-{i}", Name = $"Agency {i}", Country = "CHN" }).ToList();
        db.Agencies.AddRange(pool);
        await db.SaveChangesAsync();

        var random = new Random(20261207);
        for (var i = 0; i < Worlds(provider); i++)
        {
            var w = CaseWorlds.Generate(random, [.. pool.Take(random.Next(2, pool.Count + 1)).Select(a => a.Id)]);
            await WriteAsync(db, w, pool, operation);
            var viewers = new List<(string Who, Actor Actor, IReadOnlySet<Guid>? Viewer)> { ("node operator", Scenario.Operator, null) };
            for (var a = 0; a < w.Agencies.Length; a++)
            {
                var seen = await Agencies.WithDescendantsAsync(db, w.Agencies[a], default);
                Assert.Equal(w.Viewer(a).Order(), seen.Order());
                viewers.Add(($"W-{a + 1}", new Actor($"user:w-{a + 1}", w.Agencies[a], seen), seen));
            }
            foreach (var (who, actor, viewer) in viewers)
                await CheckAsync(db, w, actor, viewer, $"world {i}, {who}");
        }
    }

    private static async Task CheckAsync(ConcordDbContext db, CaseWorlds.World w, Actor actor, IReadOnlySet<Guid>? viewer, string at)
    {
        var reports = w.Reports.Where(r => SharingModel.SeesCase(viewer, w.ReportRecord(r.Id))).Select(r => r.Id).ToHashSet();
        var extractions = w.Extractions.Where(e => SharingModel.SeesCase(viewer, w.ExtractionRecord(e.Id))).Select(e => e.Id).ToHashSet();
        var links = w.Links.Where(l => w.SeesLink(viewer, l)).ToList();
        Same(reports, await CaseAccess.Reports(db, actor).Select(r => r.Id).ToListAsync(), at + ": reports");
        Same(extractions, await CaseAccess.Extractions(db, actor).Select(e => e.Id).ToListAsync(), at + ": extractions");
        var seenLinks = await CaseAccess.Links(db, actor).Select(l => new { l.Id, l.ReportId }).ToListAsync();
        Same(links.Select(l => l.Id), seenLinks.Select(l => l.Id), at + ": links");
        Assert.All(seenLinks, l => Assert.Contains(l.ReportId, reports));

        // A report's links: none of a report the agency may not read, only those it sees of one it does.
        foreach (var r in w.Reports)
        {
            var views = await CaseLinks.OfReportAsync(db, actor, r.Id, default);
            Same(links.Where(l => l.Report == r.Id).Select(l => l.Id), views.Select(v => v.Id), $"{at}: links of {r.CaseNo}");
            Assert.All(views, v => Assert.Equal(r.CaseNo, v.CaseNo));
        }
        foreach (var s in w.Subjects)
        {
            var views = await CaseLinks.OfSubjectAsync(db, actor, s.Kind, s.Id, default);
            Same(links.Where(l => l.Subject == s).Select(l => l.Id), views.Select(v => v.Id), $"{at}: links of {s.Ref}");
            Assert.All(views, v => Assert.Contains(v.ReportId, reports));

            // A subject's figures come from the reports of the links the agency sees and no other: a rejected link counts for nothing.
            var counted = links.Where(l => l.Subject == s && l.Status != CaseLinkStatus.Rejected).ToList();
            var losses = await CaseLosses.OfSubjectAsync(db, actor, s.Kind, s.Id, default);
            if (counted.Count == 0)
            {
                Assert.Null(losses);
                continue;
            }
            Assert.NotNull(losses);
            var ids = counted.Select(l => l.Report).Distinct().ToList();
            var confirmed = counted.Where(l => l.Status == CaseLinkStatus.Confirmed).Select(l => l.Report).Distinct().ToList();
            var of = (IEnumerable<Guid> these) => w.Reports.Where(r => these.Contains(r.Id)).ToList();
            Same(ids, losses.Reports, $"{at}: reports behind {s.Ref}");
            Assert.Equal((ids.Count, confirmed.Count, of(ids).Select(r => r.VictimKey).Distinct().Count()), (losses.ReportCount, losses.Confirmed, losses.Victims));
            Assert.Equal(Sum(of(ids)), Sum(losses.Losses));
            Assert.Equal(Sum(of(confirmed)), Sum(losses.ConfirmedLosses));
            Assert.Equal(of(ids).GroupBy(r => r.Province).ToDictionary(g => g.Key, g => Sum(g)).OrderBy(kv => kv.Key).Select(kv => (kv.Key, string.Join(";", kv.Value))),
                losses.ByProvince.OrderBy(kv => kv.Key).Select(kv => (kv.Key, string.Join(";", Sum(kv.Value)))));
            Assert.Equal((of(ids).Min(r => r.At), of(ids).Max(r => r.At)), (losses.First, losses.Last));
        }
        var all = (await CaseLosses.OfAllAsync(db, actor, CaseSubject.Den, default)).Concat(await CaseLosses.OfAllAsync(db, actor, CaseSubject.Person, default));
        Assert.All(all.SelectMany(s => s.Reports), id => Assert.Contains(id, reports));
    }

    private static List<string> Sum(IEnumerable<CaseWorlds.Report> reports) => Sum(reports.SelectMany(r => r.Losses));

    private static List<string> Sum(IEnumerable<Money> losses) =>
        [.. losses.GroupBy(m => m.Currency).Select(g => $"{g.Key} {g.Sum(m => m.Amount):0.##}").Order(StringComparer.Ordinal)];

    private static void Same(IEnumerable<Guid> expected, IEnumerable<Guid> actual, string what)
    {
        var e = expected.Order().ToList();
        var a = actual.Order().ToList();
        Assert.True(e.SequenceEqual(a), $"{what}: expected {e.Count} ({string.Join(", ", e.Except(a))} missing), got {a.Count} ({string.Join(", ", a.Except(e))} extra)");
    }

    /// <summary>Replaces every case record of the database with the world's, and sets the pool's hierarchy to the world's.</summary>
    private static async Task WriteAsync(ConcordDbContext db, CaseWorlds.World w, List<Agency> pool, Guid operation)
    {
        await db.CaseLinks.ExecuteDeleteAsync();
        await db.CaseShares.ExecuteDeleteAsync();
        await db.ReportLosses.ExecuteDeleteAsync();
        await db.VictimReports.ExecuteDeleteAsync();
        await db.Extractions.ExecuteDeleteAsync();
        await db.Seizures.ExecuteDeleteAsync();
        foreach (var agency in pool)
        {
            var index = Array.IndexOf(w.Agencies, agency.Id);
            agency.ParentId = index >= 0 && w.Parents[index] is { } p ? w.Agencies[p] : null;
        }
        foreach (var item in w.Items)
            db.Seizures.Add(new Seizure { Id = item.Id, AgencyId = w.Agencies[item.Custodian], OperationId = operation, ItemNo = item.ItemNo, Type = SeizureType.Phone, Quantity = 1, CustodyAgencyId = w.Agencies[item.Custodian] });
        foreach (var e in w.Extractions)
        {
            var item = w.Items[e.Item];
            db.Extractions.Add(new Extraction { Id = e.Id, AgencyId = w.Agencies[item.Custodian], SeizureId = item.Id, ItemNo = item.ItemNo, ImageSha256 = new string('1', 64), FileName = "x.json", FileSha256 = e.Id.ToString("N") + e.Id.ToString("N") });
        }
        foreach (var r in w.Reports)
            db.VictimReports.Add(new VictimReport
            {
                Id = r.Id,
                AgencyId = w.Agencies[r.Agency],
                CaseNo = r.CaseNo,
                ProvinceCode = r.Province,
                ReportedAt = r.At,
                VictimKey = r.VictimKey,
                Losses = [.. r.Losses.Select(m => new ReportLoss { ReportId = r.Id, Amount = m.Amount, Currency = m.Currency })],
            });
        foreach (var s in w.Shares)
        {
            var owner = s.RecordType == CaseAccess.Report ? w.ReportRecord(s.RecordId).Holder : w.ExtractionRecord(s.RecordId).Holder;
            db.CaseShares.Add(new CaseShare { AgencyId = owner, RecordType = s.RecordType, RecordId = s.RecordId, ToAgencyId = w.Agencies[s.To], SharedBy = "user:test" });
        }
        foreach (var l in w.Links)
            db.CaseLinks.Add(new CaseLink
            {
                Id = l.Id,
                AgencyId = w.Agencies[0],
                ReportId = l.Report,
                Subject = l.Subject.Kind,
                SubjectId = l.Subject.Id,
                SubjectRef = l.Subject.Ref,
                ExtractionId = l.Extraction,
                Method = "exact",
                Score = 1,
                Evidence = JsonSerializer.Serialize(new List<CaseEvidence>()),
                Status = l.Status,
            });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        db.Agencies.AttachRange(pool);
    }
}
