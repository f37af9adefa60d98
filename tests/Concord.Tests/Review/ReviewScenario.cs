using System.Globalization;
using Concord.Core.Domain;
using Concord.Core.Features.Intake;
using Concord.Core.Features.Operations;
using Concord.Core.Features.Wanted;
using Concord.Core.Storage;
using Concord.Matching;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Review;

/// <summary>
/// A small operation whose review queue holds one of each kind of task: a person with nothing but a name against four
/// namesakes on the wanted list, a person with two candidates born in the same year, the same name with a birth year
/// that fits one namesake only, a person the records settle, and a person written down twice.
/// </summary>
internal static class ReviewScenario
{
    public const string NameOnly = "R-0001";
    public const string TwoCandidates = "R-0002";
    public const string Settled = "R-0003";
    public const string YearOnly = "R-0004";
    public const string Written = "R-0005";
    public const string WrittenAgain = "R-0006";

    /// <summary>The namesakes of <see cref="NameOnly"/>: wanted id, birth date, ID number.</summary>
    public static readonly (string Id, string Born, string Ric)[] Namesakes =
    [
        ("W-OY-1", "1980-02-03", Ric("530102", "19800203", "102")),
        ("W-OY-2", "1985-06-07", Ric("530102", "19850607", "204")),
        ("W-OY-3", "1990-10-11", Ric("530102", "19901011", "306")),
        ("W-OY-4", "1995-12-13", Ric("530102", "19951213", "408")),
    ];

    private static string Ric(string region, string born, string sequence)
    {
        var first17 = region + born + sequence;
        return first17 + ChineseResidentId.ComputeCheckDigit(first17);
    }

    public static async Task SeedAsync(ConcordDbContext db, MatchSettings? settings = null)
    {
        await Scenario.AgreementLeadOperationAsync(db);
        var wanted = new List<string> { "wanted_id,name,name_latin,aliases,sex,birth_date,nationality,id_type,id_number,agency,offence,listed_on" };
        wanted.AddRange(Namesakes.Select(n => $"{n.Id},欧阳静怡,OUYANG JINGYI,,F,{n.Born},CHN,CN-RIC,{n.Ric},Yunnan PSD,telecom fraud,2023-01-05"));
        wanted.Add($"W-SM-1,司马光明,SIMA GUANGMING,,M,1975-04-05,CHN,CN-RIC,{Ric("530102", "19750405", "111")},Yunnan PSD,telecom fraud,2023-01-05");
        wanted.Add($"W-SM-2,司马光明,SIMA GUANGMING,,M,1975-09-10,CHN,CN-RIC,{Ric("530102", "19750910", "131")},Yunnan PSD,fraud,2023-01-05");
        wanted.Add($"W-SM-3,司马光明,SIMA GUANGMING,,M,1960-01-01,CHN,CN-RIC,{Ric("530102", "19600101", "151")},Yunnan PSD,fraud,2023-01-05");
        wanted.Add($"W-ZG-1,诸葛亮,ZHUGE LIANG,,M,1981-07-08,CHN,CN-RIC,{Ric("530102", "19810708", "171")},Yunnan PSD,fraud,2023-01-05");
        await ImportWantedList.RunAsync(db, Scenario.Operator, Scenario.WriteTemp("wanted.csv", wanted), "CN-MPS", default);
        var header = File.ReadLines(Repo.Muse("roster.csv")).First();
        var roster = new List<string>
        {
            header,
            $"{NameOnly},OUYANG JINGYI,,,F,,CHN,,,,,2024-03-24T10:00:00+06:30,Muse Township Police Station,",
            $"{TwoCandidates},司马光明,,,M,1975,CHN,,,,,2024-03-24T10:05:00+06:30,Muse Township Police Station,",
            $"{Settled},诸葛亮,,,M,1981-07-08,CHN,,,,,2024-03-24T10:10:00+06:30,Muse Township Police Station,",
            $"{YearOnly},OUYANG JINGYI,,,F,1985,CHN,,,,,2024-03-24T10:15:00+06:30,MPF Special Task Force 3,",
            $"{Written},上官文博,,,M,1970-03-04,CHN,,,,,2024-03-24T10:20:00+06:30,Muse Township Police Station,",
            $"{WrittenAgain},SHANGGUAN WENBO,,,M,1970-03-04,CHN,,,,,2024-03-24T11:20:00+06:30,MPF Special Task Force 3,",
        };
        await ImportRoster.RunAsync(db, Scenario.Operator, Scenario.WriteTemp("roster.csv", roster), Scenario.Operation, default);
        await MatchOperation.RunAsync(db, Scenario.Operator, Scenario.Operation, settings, default);
    }

    public static async Task<Guid> PersonAsync(ConcordDbContext db, string rosterNo) =>
        await db.RosterRecords.Where(r => r.RosterNo == rosterNo).Select(r => r.PersonId).SingleAsync();

    public static async Task<ReviewTask> OpenTaskAsync(ConcordDbContext db, string rosterNo)
    {
        var person = await PersonAsync(db, rosterNo);
        return await db.ReviewTasks.AsNoTracking().Include(t => t.Items).SingleAsync(t => t.PersonId == person && t.Status == ReviewTaskStatus.Open);
    }

    /// <summary>The open identity tasks of the person with two candidates and of the one born in a year that fits one namesake, and the duplicate task.</summary>
    public static async Task<(ReviewTask Two, ReviewTask Year, ReviewTask Written)> TasksAsync(ConcordDbContext db) =>
        (await OpenTaskAsync(db, TwoCandidates), await OpenTaskAsync(db, YearOnly), await OpenTaskAsync(db, Written));

    /// <summary>Every row and the status of every task and candidate: equal before and after means nothing changed.</summary>
    public static async Task<string> StateAsync(ConcordDbContext db) =>
        await Scenario.SnapshotAsync(db) + ";" + string.Join(',', (await db.ReviewTasks.AsNoTracking().OrderBy(t => t.Id).Select(t => t.Status + ":" + t.Kind).ToListAsync())
            .Concat(await db.ReviewItems.AsNoTracking().OrderBy(i => i.Id).Select(i => i.Status.ToString()).ToListAsync()))
        + ";" + (await db.PersonLinks.CountAsync()).ToString(CultureInfo.InvariantCulture);
}
