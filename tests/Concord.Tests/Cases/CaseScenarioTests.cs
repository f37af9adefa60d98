using System.Diagnostics;
using Concord.Core.Domain;
using Concord.Core.Features.Cases;
using Concord.Core.Features.Operations;
using Concord.Core.Features.Seizures;
using Concord.Scenarios;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Concord.Tests.Cases;

/// <summary>
/// The generated sequel to the Muse operation: every seized phone, computer, SIM bag and card bag extracted, 5,000 victims'
/// reports over 300 days from 25 provinces naming the dens' numbers, accounts and wallets as victims write them (one in ten
/// naming none, only retelling a script seized on a den's computer or a suspect's phone), and 20,000 reports of unrelated
/// fraud (one in ten retelling a script no den here used). Linked, exactly and near, they must find at least 98% of the
/// true report→den and report→suspect links with at least 98% precision, and every den's losses as the links found say.
/// </summary>
public sealed class CaseScenarioTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reports_link_to_the_Muse_dens_and_suspects_as_the_truth_says(string provider)
    {
        var dir = Path.Combine(Path.GetTempPath(), "concord-tests", "cases-" + Guid.NewGuid().ToString("N"));
        var truth = CaseScenario.Generate(Repo.Muse(""), dir);
        Assert.Equal(CaseTruth.FromJson(File.ReadAllText(Path.Combine(dir, "truth.json"))).ToJson(), truth.ToJson());
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        await Scenario.AgreementLeadOperationAsync(db);
        await ImportRoster.RunAsync(db, Scenario.Operator, Repo.Muse("roster.csv"), Scenario.Operation, default);
        await ImportSeizures.RunAsync(db, Scenario.Operator, Repo.Muse("seizures.csv"), Scenario.Operation, default);

        var watch = Stopwatch.StartNew();
        var extractions = await ImportExtraction.RunAsync(db, Scenario.Operator, Path.Combine(dir, "extractions"), Scenario.Operation, default);
        Assert.Equal(truth.Extractions, extractions.Count(r => !r.AlreadyImported));
        var extracted = watch.Elapsed;
        var imported = await ImportReports.RunAsync(db, Scenario.Operator, Path.Combine(dir, "reports.csv"), "CN-MPS", default);
        Assert.Equal(25_000, imported.Added);
        var reportsAt = watch.Elapsed;
        var run = await LinkReports.RunAsync(db, Scenario.Operator, default);
        var linkedAt = watch.Elapsed;
        output.WriteLine($"{provider}: {truth.Extractions} extractions in {extracted.TotalSeconds:F1} s; 25,000 reports in {(reportsAt - extracted).TotalSeconds:F1} s; "
            + $"linked in {(linkedAt - reportsAt).TotalSeconds:F1} s: {run.Proposed} links for {run.ReportsLinked} reports");

        var caseNos = await db.VictimReports.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.CaseNo);
        var personOf = await db.RosterRecords.AsNoTracking().ToDictionaryAsync(r => r.RosterNo, r => r.PersonId, StringComparer.Ordinal);
        var links = await db.CaseLinks.AsNoTracking().ToListAsync();
        var foundDens = links.Where(l => l.Subject == CaseSubject.Den).Select(l => (caseNos[l.ReportId], l.SubjectRef)).ToHashSet();
        var foundSuspects = links.Where(l => l.Subject == CaseSubject.Person).Select(l => (caseNos[l.ReportId], l.SubjectId)).ToHashSet();
        var trueDens = truth.Reports.SelectMany(r => r.Value.Dens.Select(d => (r.Key, d))).ToHashSet();
        var trueSuspects = truth.Reports.SelectMany(r => r.Value.Suspects.Select(s => (r.Key, personOf[s]))).ToHashSet();
        var (denRecall, denPrecision) = Measure(foundDens, trueDens);
        var (suspectRecall, suspectPrecision) = Measure(foundSuspects, trueSuspects);
        output.WriteLine($"report→den: {trueDens.Count} true, {foundDens.Count} found, recall {denRecall:P2}, precision {denPrecision:P2}");
        output.WriteLine($"report→suspect: {trueSuspects.Count} true, {foundSuspects.Count} found, recall {suspectRecall:P2}, precision {suspectPrecision:P2}");
        // Exact and near apart: the links each method found against the true links of the reports it is meant for.
        foreach (var method in new[] { "exact", "near" })
        {
            var near = method == "near";
            var reports = truth.Reports.Where(r => r.Value.Near == near).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
            var byMethod = links.Where(l => l.Method == method).ToList();
            var (dr, dp) = Measure(byMethod.Where(l => l.Subject == CaseSubject.Den).Select(l => (caseNos[l.ReportId], l.SubjectRef)).ToHashSet(), trueDens.Where(d => reports.Contains(d.Key)).ToHashSet());
            var (sr, sp) = Measure(byMethod.Where(l => l.Subject == CaseSubject.Person).Select(l => (caseNos[l.ReportId], l.SubjectId)).ToHashSet(), trueSuspects.Where(x => reports.Contains(x.Key)).ToHashSet());
            output.WriteLine($"{method} ({reports.Count} reports): report→den recall {dr:P2}, precision {dp:P2}; report→suspect recall {sr:P2}, precision {sp:P2}");
            Assert.True(reports.Count > (near ? 300 : 4_000), $"{reports.Count} {method} reports");
        }
        Assert.Equal(5_000, trueDens.Count);
        Assert.True(trueSuspects.Count > 2_000, $"{trueSuspects.Count} true suspect links");
        Assert.True(denRecall >= 0.98 && denPrecision >= 0.98, $"dens: recall {denRecall:P2}, precision {denPrecision:P2}");
        Assert.True(suspectRecall >= 0.98 && suspectPrecision >= 0.98, $"suspects: recall {suspectRecall:P2}, precision {suspectPrecision:P2}");

        // Every den's losses, by currency, exactly as the truth.
        var dens = await CaseLosses.OfAllAsync(db, Scenario.Operator, CaseSubject.Den, default);
        Assert.Equal(truth.LossesByDen.Keys.Order(StringComparer.Ordinal), dens.Select(d => d.SubjectRef).Order(StringComparer.Ordinal));
        foreach (var den in dens)
        {
            var expected = truth.LossesByDen[den.SubjectRef];
            Assert.Equal(expected.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, kv.Value)),
                den.Losses.OrderBy(m => m.Currency, StringComparer.Ordinal).Select(m => (m.Currency, m.Amount)));
            Assert.Equal(truth.Reports.Count(r => r.Value.Dens.Contains(den.SubjectRef)), den.ReportCount);
            output.WriteLine($"{den.SubjectRef}: {den.ReportCount} reports, {den.Victims} victims, {string.Join(", ", den.Losses.Select(m => $"{m.Amount:N0} {m.Currency}"))}, "
                + $"{den.ByProvince.Count} provinces, {den.First:yyyy-MM-dd} to {den.Last:yyyy-MM-dd}");
        }
        Directory.Delete(dir, recursive: true);
    }

    private static (double Recall, double Precision) Measure<T>(HashSet<T> found, HashSet<T> truth)
    {
        var hits = found.Count(truth.Contains);
        return (truth.Count == 0 ? 1 : (double)hits / truth.Count, found.Count == 0 ? 1 : (double)hits / found.Count);
    }
}
