using Concord.Matching;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Imports;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Wanted;

/// <summary>An agency's list of fugitives (persons at large). It stays the owner's: other agencies never read it.</summary>
public static class ImportWantedList
{
    public static readonly CsvColumn[] Columns =
    [
        new("wanted_id", "在逃编号", true), .. PersonFields.Columns, new("agency", "立案单位"), new("offence", "案由"), new("listed_on", "上网日期"),
    ];

    public static async Task<ImportResult> RunAsync(ConcordDbContext db, Actor actor, string path, string agencyCode, CancellationToken ct)
    {
        var agency = await Agencies.GetAsync(db, agencyCode, "agency", ct);
        if (!actor.Sees(agency.Id)) throw new ConcordException(new InvalidRequestError("agency", "a wanted list can only be imported into the caller's own agency"));
        var table = CsvTable.Read(path, Columns);
        return await RunAsync(db, actor, table, agency, ct);
    }

    public static async Task<ImportResult> RunAsync(ConcordDbContext db, Actor actor, CsvTable table, Agency agency, CancellationToken ct)
    {
        var problems = new List<InputProblem>();
        Importer.CheckUniqueKeys(table, "wanted_id", problems);
        var records = new List<WantedPerson>(table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var w = new WantedPerson
            {
                AgencyId = agency.Id,
                WantedId = row["wanted_id"] ?? "",
                IssuingUnit = row["agency"],
                Offence = row["offence"],
                ListedOn = row["listed_on"],
                Notes = row.ExtraAsNotes(),
                SourceHash = PersonFields.RowHash(row, Columns.Select(c => c.Name)),
            };
            PersonFields.Read(row, table.FileName, problems, w);
            if (w.ListedOn is { } listed && !Matching.PartialDate.TryParse(listed, out _))
                problems.Add(new(table.FileName, row.Row, "listed_on", new Phrase(ProblemTexts.NotADate, listed)));
            records.Add(w);
        }
        Importer.ThrowIfAny(problems);
        if (await Importer.AlreadyImportedAsync(db, "wanted", agency.Code, table.Sha256, table.FileName, ct) is { } done) return done;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var revision = await Counters.NextAsync(db, Counters.WantedRevision, ct);
        foreach (var w in records) w.Revision = revision;
        var existing = await db.WantedPersons.AsNoTracking().Where(w => w.AgencyId == agency.Id)
            .Select(w => new { w.WantedId, w.SourceHash }).ToDictionaryAsync(w => w.WantedId, w => w.SourceHash, StringComparer.Ordinal, ct);
        var (added, unchanged) = Importer.AddNew(records, table, existing, w => w.WantedId, w => w.SourceHash, "wanted_id", ProblemTexts.AlreadyOnList, problems, w => db.WantedPersons.Add(w));
        Importer.ThrowIfAny(problems);
        var result = await Importer.CommitAsync(db, actor, agency.Id, "wanted", agency.Code, table, added, unchanged, ct);
        await tx.CommitAsync(ct);
        return result;
    }
}
