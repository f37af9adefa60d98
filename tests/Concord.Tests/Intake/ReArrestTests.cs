using Concord.Core.Domain;
using Concord.Core.Features.Intake;
using Concord.Core.Features.Operations;
using Concord.Core.Features.Review;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Intake;

public sealed class ReArrestTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task PersonArrestedAgain_IsRecognisedFromTheEarlierOperation_AndARejectedPairIsNeverProposedAgain(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.Open())
        {
            await Scenario.AgreementLeadOperationAsync(db);
            // The first raid: a handful of rows of the Muse roster.
            await ImportRoster.RunAsync(db, Scenario.Operator, Scenario.WriteTemp("roster.csv", Scenario.RosterLines(12)), Scenario.Operation, default);
            await MatchOperation.RunAsync(db, Scenario.Operator, Scenario.Operation, null, default);
            await CreateOperation.RunAsync(db, Scenario.Operator, "MUSE-2024-09", Scenario.Lead, "MM-MPF", default);
        }
        // Six months later one of them is arrested again, written down by another unit in another script.
        var again = new List<string>
        {
            File.ReadLines(Repo.Muse("roster.csv")).First(),
            "R2-0001,Feng Haohua,,,F,1998-10-08,China,CN-RIC,340519199810085402,,,2024-09-02T10:00:00+06:30,Muse District Police,",
            "R2-0002,Zhang Wei,,,M,1990,China,,,,,2024-09-02T10:05:00+06:30,Muse District Police,",
        };
        await using (var db = database.Open())
        {
            await ImportRoster.RunAsync(db, Scenario.Operator, Scenario.WriteTemp("roster2.csv", again), "MUSE-2024-09", default);
            await MatchOperation.RunAsync(db, Scenario.Operator, "MUSE-2024-09", null, default);
        }
        await using (var check = database.Open())
        {
            var first = await check.RosterRecords.SingleAsync(r => r.RosterNo == "MUSE-0004");
            var second = await check.RosterRecords.SingleAsync(r => r.RosterNo == "R2-0001");
            var link = await check.PersonLinks.SingleAsync(l => l.PersonId == second.PersonId && l.Kind == LinkKind.Person);
            Assert.Equal(first.PersonId, link.CandidateId);
            Assert.Equal("records", link.DecidedBy);
        }
        // A proposal a reviewer rejected stays rejected when matching runs again.
        await using (var db = database.Open())
        {
            var queue = await ReviewQueue.ListAsync(db, Scenario.Operator, "MUSE-2024-09", openOnly: true, default);
            foreach (var item in queue) await ReviewDecisions.DecideOneAsync(db, Scenario.Operator, item.Id, "reject", null, "not the same person", default);
            await MatchOperation.RunAsync(db, Scenario.Operator, "MUSE-2024-09", null, default);
            Assert.Empty(await ReviewQueue.ListAsync(db, Scenario.Operator, "MUSE-2024-09", openOnly: true, default));
        }
    }
}
