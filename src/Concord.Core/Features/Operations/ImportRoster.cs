using System.Globalization;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Imports;
using Concord.Core.Features.Persons;
using Concord.Core.Storage;
using Concord.Matching;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Operations;

/// <summary>The arrest roster as the units wrote it. Each row becomes a record and, until matching says otherwise, a person.</summary>
public static class ImportRoster
{
    public static readonly CsvColumn[] Columns =
    [
        new("roster_no", "序号", true, "အမှတ်စဉ်"), .. PersonFields.Columns, new("phone", "电话", Burmese: "ဖုန်းနံပါတ်|ဖုန်း"), new("den", "窝点", Burmese: "စခန်း"),
        new("arrested_at", "抓获时间", Burmese: "ဖမ်းဆီးသည့်အချိန်"), new("unit", "抓获单位", Burmese: "ဖမ်းဆီးသည့်တပ်ဖွဲ့"), new("notes", "备注", Burmese: "မှတ်ချက်"),
    ];

    public static async Task<ImportResult> RunAsync(ConcordDbContext db, Actor actor, string path, string operationCode, CancellationToken ct)
    {
        var operation = await CreateOperation.FindAsync(db, actor, operationCode, ct);
        if (!actor.Sees(operation.AgencyId)) throw new ConcordException(new NotFoundError("operation", operationCode));
        return await RunAsync(db, actor, CsvTable.Read(path, Columns), operation, ct);
    }

    /// <summary>A row the import would take with a flag on it: what was written, and what the flag says to check.</summary>
    /// <param name="Column">The column the flag is about (<c>id_number</c>, <c>phone</c>, <c>birth_date</c>, <c>sex</c>).</param>
    public sealed record FlaggedRow(int Row, string RosterNo, string Column, string? Written, string Flag);

    /// <param name="Rows">The rows of the file.</param>
    public sealed record Check(string File, int Rows, IReadOnlyList<FlaggedRow> Flagged);

    /// <summary>
    /// Reads the file as the import would and says, row by row, what it would take with a flag (an ID or a phone that
    /// Excel turned into a number, a date Excel re-wrote, an ID that disagrees with the birth date) before anything is
    /// saved, so that the clerk can fix the file first or save anyway. A row the import would refuse is refused here the
    /// same way. Nothing is written.
    /// </summary>
    public static async Task<Check> CheckAsync(ConcordDbContext db, Actor actor, CsvTable table, Operation operation, CancellationToken ct)
    {
        var records = await ReadCheckedAsync(db, actor, table, operation, ct);
        var flagged = new List<FlaggedRow>();
        foreach (var (row, record) in table.Rows.Zip(records))
        {
            foreach (var flag in (record.Flags ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                var column = ColumnOf(flag);
                flagged.Add(new FlaggedRow(row.Row, record.RosterNo, column, row[column], flag));
            }
        }
        return new Check(table.FileName, table.Rows.Count, flagged);
    }

    /// <summary>The column a row's flag is about.</summary>
    public static string ColumnOf(string flag) => flag switch
    {
        _ when flag.StartsWith("phone", StringComparison.Ordinal) => "phone",
        _ when flag.StartsWith("birth-date", StringComparison.Ordinal) => "birth_date",
        _ when flag.StartsWith("sex", StringComparison.Ordinal) => "sex",
        _ => "id_number",
    };

    public static async Task<ImportResult> RunAsync(ConcordDbContext db, Actor actor, CsvTable table, Operation operation, CancellationToken ct)
    {
        var records = await ReadCheckedAsync(db, actor, table, operation, ct);
        var problems = new List<InputProblem>();
        if (await Importer.AlreadyImportedAsync(db, "roster", operation.Code, table.Sha256, table.FileName, ct) is { } done) return done;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var existing = await db.RosterRecords.AsNoTracking().Where(x => x.OperationId == operation.Id)
            .Select(x => new { x.RosterNo, x.SourceHash }).ToDictionaryAsync(x => x.RosterNo, x => x.SourceHash, StringComparer.Ordinal, ct);
        var persons = new List<Person>();
        var added = new List<RosterRecord>();
        var identifiers = new List<PersonIdentifier>();
        var (_, unchanged) = Importer.AddNew(records, table, existing, r => r.RosterNo, r => r.SourceHash, "roster_no", ProblemTexts.AlreadyOnRoster, problems, r =>
        {
            var person = new Person
            {
                AgencyId = operation.AgencyId,
                OperationId = operation.Id,
                DisplayName = r.Name ?? r.NameLatin,
                Nationality = r.Nationality,
                Sex = r.Sex,
                BirthDate = r.BirthDate,
                CustodyAgencyId = operation.AgencyId,
                SearchText = PersonSearch.TextOf([r]),
                RosterNo = r.RosterNo,
            };
            r.PersonId = person.Id;
            persons.Add(person);
            added.Add(r);
            if (r.IdNumber is { } number && r.IdType is { } type)
                identifiers.Add(Identifiers.FromRoster(person.Id, type, number, r.RosterNo));
        });
        Importer.ThrowIfAny(problems);
        // Persons first: identifiers refer to them.
        await BulkWriter.WriteAsync(db, persons, ct);
        await BulkWriter.WriteAsync(db, added, ct);
        await BulkWriter.WriteAsync(db, identifiers, ct);
        var result = await Importer.CommitAsync(db, actor, operation.AgencyId, "roster", operation.Code, table, added.Count, unchanged, ct);
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>The file's rows as roster records, after the role check; refused whole, naming each row, if a key repeats or a row cannot be read.</summary>
    private static async Task<List<RosterRecord>> ReadCheckedAsync(ConcordDbContext db, Actor actor, CsvTable table, Operation operation, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.FieldFiles, "roster import", ct);
        var problems = new List<InputProblem>();
        Importer.CheckUniqueKeys(table, "roster_no", problems);
        var records = ReadRecords(table, operation, problems);
        Importer.ThrowIfAny(problems);
        return records;
    }

    /// <summary>Each row as a roster record, its fields read and flagged; a row that cannot be read adds its problems.</summary>
    private static List<RosterRecord> ReadRecords(CsvTable table, Operation operation, List<InputProblem> problems)
    {
        var records = new List<RosterRecord>(table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var r = new RosterRecord
            {
                AgencyId = operation.AgencyId,
                OperationId = operation.Id,
                RosterNo = row["roster_no"] ?? "",
                DenCode = row["den"],
                Unit = row["unit"],
                ArrestedAtWritten = row["arrested_at"],
                Notes = JoinNotes(row["notes"], row.ExtraAsNotes()),
                SourceHash = PersonFields.RowHash(row, Columns.Select(c => c.Name)),
            };
            PersonFields.Read(row, table.FileName, problems, r);
            if (row["phone"] is { } phone)
            {
                r.Phone = Concord.Matching.PhoneNumbers.ToE164(phone, r.Nationality == "MMR" ? "MM" : r.Nationality == "CHN" ? "CN" : null) ?? phone;
                // A number Excel kept as a number and showed in scientific notation has lost its last digits: no reading brings them back.
                if (ExcelDamage.IsScientific(phone)) r.Flags = JoinFlags(r.Flags, "phone-excel-number");
                else if (r.Phone == phone && !phone.StartsWith('+')) r.Flags = JoinFlags(r.Flags, "phone-unrecognised");
            }
            if (r.ArrestedAtWritten is { } at)
            {
                if (LocalTimes.TryRead(at, operation.TimeZone, out var when, out _)) r.ArrestedAt = when;
                else problems.Add(new(table.FileName, row.Row, "arrested_at", new Phrase(ProblemTexts.NotATimestamp, at)));
            }
            records.Add(r);
        }
        return records;
    }

    private static string? JoinNotes(string? a, string? b) => a is null ? b : b is null ? a : $"{a}; {b}";
    private static string JoinFlags(string? a, string b) => a is null ? b : $"{a};{b}";
}
