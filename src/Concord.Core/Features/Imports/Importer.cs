using System.Globalization;
using Concord.Matching;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Imports;

/// <summary>
/// The shared shape of every file import: refuse the whole file on any problem, skip rows already imported as they are,
/// refuse rows that would silently change an imported record, and write everything with its audit entry in one transaction.
/// </summary>
internal static class Importer
{
    public static async Task<ImportResult?> AlreadyImportedAsync(ConcordDbContext db, string kind, string scope, string sha256, string file, CancellationToken ct)
    {
        var batch = await db.ImportBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Kind == kind && b.Scope == scope && b.Sha256 == sha256, ct);
        return batch is null ? null : new ImportResult(batch.Id, kind, file, batch.Rows, 0, batch.Rows, true);
    }

    public static void ThrowIfAny(List<InputProblem> problems)
    {
        if (problems.Count > 0) throw new ConcordException(new InvalidInputError(problems));
    }

    /// <summary>Finds rows whose natural key repeats inside the file.</summary>
    public static void CheckUniqueKeys(CsvTable table, string column, List<InputProblem> problems)
    {
        var keys = new UniqueKeys(table.FileName, column);
        foreach (var row in table.Rows) keys.Check(row, problems);
    }

    /// <summary>
    /// Adds the records whose natural key is new; a record already there unchanged is counted, one already there with
    /// other content is a problem (an import never silently rewrites what was imported before).
    /// </summary>
    public static (int Added, int Unchanged) AddNew<T>(IReadOnlyList<T> records, CsvTable table, IReadOnlyDictionary<string, string?> existing,
        Func<T, string> key, Func<T, string?> hash, string column, string already, List<InputProblem> problems, Action<T> add)
    {
        int added = 0, unchanged = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            if (existing.TryGetValue(key(record), out var old))
            {
                if (old == hash(record)) unchanged++;
                else problems.Add(new(table.FileName, table.Rows[i].Row, column, new Phrase(already, key(record))));
                continue;
            }
            add(record);
            added++;
        }
        return (added, unchanged);
    }

    public static Task<ImportResult> CommitAsync(ConcordDbContext db, Actor actor, Guid agencyId, string kind, string scope, CsvTable table, int added, int unchanged, CancellationToken ct,
        string? action = null, string? what = null) =>
        CommitAsync(db, actor, agencyId, scope, table.Sha256, new ImportResult(Guid.Empty, kind, table.FileName, table.Rows.Count, added, unchanged, false, ReadAs: table.ReadAs), false, ct, action, what);

    /// <summary>
    /// Records the file as imported, with its one audit entry saying what it did; <paramref name="changes"/> for an
    /// update, which also changes and withdraws; <paramref name="action"/> and <paramref name="what"/> where the import
    /// is also a step of its own (a lead sent), so that the step and its file are one entry.
    /// </summary>
    public static async Task<ImportResult> CommitAsync(ConcordDbContext db, Actor actor, Guid agencyId, string scope, string sha256, ImportResult done, bool changes, CancellationToken ct,
        string? action = null, string? what = null)
    {
        var batch = new ImportBatch { AgencyId = agencyId, Kind = done.Kind, Scope = scope, FileName = done.File, Sha256 = sha256, Rows = done.Rows };
        db.ImportBatches.Add(batch);
        // The rows first, their audit entry last: the entry takes the chain's lock, held to the commit, so other
        // officers' changes wait for the commit only, not for thousands of rows to be written.
        await db.SaveChangesAsync(ct);
        var changed = changes ? $" changed={done.Changed} withdrawn={done.Withdrawn}" : "";
        db.Record(actor, action ?? $"{done.Kind}.import", nameof(ImportBatch), batch.Id,
            $"{(what is null ? "" : what + "; ")}{done.File} sha256={sha256} rows={done.Rows} added={done.Added}{changed} unchanged={done.Unchanged} scope={scope}");
        await db.SaveChangesAsync(ct);
        return done with { Id = batch.Id };
    }
}

/// <summary>The natural keys of a file's rows as they are read: a missing key or one that repeats an earlier row is a problem.</summary>
internal sealed class UniqueKeys(string file, string column)
{
    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

    /// <summary>The row's key when it is there and first seen; otherwise null, with the problem added.</summary>
    public string? Check(CsvRow row, List<InputProblem> problems)
    {
        var key = row[column];
        if (key is null) { problems.Add(new(file, row.Row, column, new Phrase(ProblemTexts.ValueRequired))); return null; }
        if (_seen.TryGetValue(key, out var first))
        {
            problems.Add(new(file, row.Row, column, new Phrase(ProblemTexts.RepeatsRow, key, first.ToString(CultureInfo.InvariantCulture))));
            return null;
        }
        _seen[key] = row.Row;
        return key;
    }

    public bool Contains(string key) => _seen.ContainsKey(key);
}
