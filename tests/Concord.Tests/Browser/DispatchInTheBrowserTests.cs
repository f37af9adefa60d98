using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Custody;
using Concord.Core.Features.Handover;
using Concord.Core.Features.Intake;
using Concord.Core.Features.Operations;
using Concord.Core.Features.Seizures;
using Concord.Core.Storage;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Browser;

/// <summary>
/// A commander about to send the Muse manifest while the review queue is still open: the dispatch button counts what is
/// unresolved and asks first; cancelling sends nothing; confirming sends it, and the trail says what it was sent despite.
/// The manifest names SIM and bank cards by their type and marks fugitives and key figures.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DispatchInTheBrowserTests
{
    private const string Operation = "MUSE-2024-03";

    [Fact]
    public async Task Dispatch_WithOpenProposals_ShowsTheCounts_AndNeedsAConfirmation()
    {
        await using var f = await BrowserFixture.CreateAsync(SeedAsync);
        Guid handover;
        int open, urgent, unhashed, fugitives, keyFigures;
        await using (var db = f.Open())
        {
            handover = await db.Handovers.Select(h => h.Id).SingleAsync();
            open = await db.ReviewTasks.CountAsync(t => t.Status == ReviewTaskStatus.Open);
            urgent = await db.ReviewTasks.CountAsync(t => t.Status == ReviewTaskStatus.Open && t.Priority <= 1);
            var onManifest = await db.HandoverPersons.Where(p => p.HandoverId == handover).Select(p => p.PersonId).ToListAsync();
            fugitives = await db.PersonLinks.Where(l => l.Kind == LinkKind.Wanted && onManifest.Contains(l.PersonId)).Select(l => l.PersonId).Distinct().CountAsync();
            keyFigures = await db.PersonLinks.Where(l => l.Kind == LinkKind.Target && onManifest.Contains(l.PersonId))
                .Join(db.Targets.Where(t => t.Role != TargetRole.Member), l => l.CandidateId, t => t.Id, (l, t) => l.PersonId).Distinct().CountAsync();
            unhashed = await db.HandoverItems.Where(i => i.HandoverId == handover).Join(db.Seizures, i => i.SeizureId, s => s.Id, (i, s) => s.Sha256).CountAsync(s => s == null);
        }
        Assert.True(open > 0 && urgent > 0 && unhashed > 0, $"the sample leaves {open} tasks ({urgent} urgent) and {unhashed} unhashed items");
        var commander = await f.UserAsync("mm.commander", "MM-MPF", "en", Roles.Commander);
        var page = await f.PageAsync();
        await BrowserFixture.SignInAsync(page, commander.Name, commander.Password);
        await BrowserFixture.GoAsync(page, $"/handovers/{handover}");

        // Marks and item types on the manifest.
        await page.WaitForSelectorAsync("#dispatch-handover");
        var manifest = await page.InnerTextAsync("body");
        Assert.Contains("SIM card", manifest, StringComparison.Ordinal);
        Assert.Contains("Bank card", manifest, StringComparison.Ordinal);
        Assert.True(fugitives > 0 && keyFigures > 0, $"{fugitives} fugitives and {keyFigures} key figures on the manifest");
        Assert.Equal(fugitives, await page.Locator("#manifest-persons .person-mark-fugitive").CountAsync());
        var roles = await page.Locator("#manifest-persons .person-mark-key").AllInnerTextsAsync();
        Assert.Equal(keyFigures, roles.Count);
        Assert.All(roles, r => Assert.Contains(r.Trim(), new[] { "Financier", "Leader", "Backbone" }));

        // The first click asks, naming the counts; cancelling sends nothing.
        await page.ClickAsync("#dispatch-handover");
        await page.WaitForSelectorAsync("#dispatch-warnings");
        Assert.Equal(open.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.GetAttributeAsync("#dispatch-open-tasks", "data-count"));
        Assert.Contains($"{urgent} of them", await page.InnerTextAsync("#dispatch-open-tasks"), StringComparison.Ordinal);
        Assert.Equal(unhashed.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.GetAttributeAsync("#dispatch-unhashed", "data-count"));
        await BrowserFixture.ScreenshotAsync(page, "dispatch-warnings-en");
        await page.ClickAsync("#dispatch-no");
        await page.WaitForSelectorAsync("#dispatch-warnings", new() { State = Microsoft.Playwright.WaitForSelectorState.Detached });
        await using (var db = f.Open())
            Assert.Equal(HandoverState.Draft, (await db.Handovers.SingleAsync()).State);

        // Confirmed: sent, and the trail keeps what was open when it left.
        await page.ClickAsync("#dispatch-handover");
        await page.ClickAsync("#dispatch-yes");
        await page.WaitForSelectorAsync("#handover-state[data-state='dispatched']");
        await using (var db = f.Open())
        {
            var entry = await db.AuditEntries.SingleAsync(a => a.Action == "handover.dispatch");
            Assert.Contains($"open_tasks={open} key_or_fugitive={urgent}", entry.Details, StringComparison.Ordinal);
        }
    }

    /// <summary>The Muse operation imported and matched, custody decided and the manifest planned, nobody reviewed yet.</summary>
    private static async Task SeedAsync(ConcordDbContext db, Actor actor)
    {
        await MuseInTheBrowserTests.SeedLeadAndWantedAsync(db, actor);
        await ImportRoster.RunAsync(db, actor, Repo.Muse("roster.csv"), Operation, CancellationToken.None);
        await ImportSeizures.RunAsync(db, actor, Repo.Muse("seizures.csv"), Operation, CancellationToken.None);
        await MatchOperation.RunAsync(db, actor, Operation, null, CancellationToken.None);
        await DecideCustody.RunAsync(db, actor, Operation, CancellationToken.None);
        await Handovers.PlanAsync(db, actor, Operation, "CN-MPS", "Ruili", new DateOnly(2024, 3, 31), CancellationToken.None);
    }
}
