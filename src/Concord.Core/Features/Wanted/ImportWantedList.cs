using Concord.Matching;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Imports;
using Concord.Core.Features.Intake;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Wanted;

/// <summary>How a wanted-list file is taken into the agency's list.</summary>
public enum WantedImportMode
{
    /// <summary>New fugitives are added; a row for one already listed with other details is refused.</summary>
    Add,

    /// <summary>The file holds changes: new rows are added, changed rows replace their record, rows marked withdrawn withdraw it.</summary>
    Update,

    /// <summary>As <see cref="Update"/>, and the file is the whole list: every active record absent from it is withdrawn.</summary>
    FullUpdate,
}

/// <summary>
/// An agency's list of fugitives (persons at large). It stays the owner's: other agencies never read it. National lists
/// hold millions of rows and change daily, so the file is read as a stream and new rows go through the bulk path while
/// it is read; everything happens in one transaction, which a refused row rolls back whole.
/// </summary>
public static class ImportWantedList
{
    public static readonly CsvColumn[] Columns =
    [
        new("wanted_id", "在逃编号", true), .. PersonFields.Columns, new("agency", "立案单位"), new("offence", "案由"), new("listed_on", "上网日期"),
    ];

    /// <summary>
    /// Marks a row of an update as taken off the list (撤网, the counterpart of 上网). It says what to do with the record,
    /// not what the record holds, so it is no part of the row's content hash.
    /// </summary>
    public static readonly CsvColumn WithdrawnColumn = new("withdrawn", "撤网|撤销");

    /// <summary>The columns a wanted-list file may have.</summary>
    public static readonly CsvColumn[] FileColumns = [.. Columns, WithdrawnColumn];

    private static readonly string[] ContentColumns = [.. Columns.Select(c => c.Name)];

    /// <summary>The record's own fields: what a change names; the rest says where the record is, or its state on the list.</summary>
    private static readonly HashSet<string> NotContent = [nameof(WantedPerson.Id), nameof(WantedPerson.AgencyId), nameof(WantedPerson.WantedId),
        nameof(WantedPerson.CreatedAt), nameof(WantedPerson.Revision), nameof(WantedPerson.WithdrawnAt)];

    private const int Chunk = 1000;

    /// <summary>A list holding fewer records than this before the import gets its secondary indexes built after the rows (SQLite).</summary>
    private const int DeferIndexesBelow = 100_000;

    public static Task<ImportResult> RunAsync(ConcordDbContext db, Actor actor, string path, string agencyCode, CancellationToken ct) =>
        RunAsync(db, actor, path, agencyCode, WantedImportMode.Add, ct);

    public static async Task<ImportResult> RunAsync(ConcordDbContext db, Actor actor, string path, string agencyCode, WantedImportMode mode, CancellationToken ct)
    {
        var agency = await Agencies.GetAsync(db, agencyCode, "agency", ct);
        if (!actor.Sees(agency.Id)) throw new ConcordException(new InvalidRequestError("agency", "a wanted list can only be imported into the caller's own agency"));
        return await RunAsync(db, actor, CsvFile.Open(path, FileColumns), agency, mode, ct);
    }

    /// <param name="node">the running node's index, when the import comes through it; without one the index kept beside the database is brought up to date.</param>
    public static async Task<ImportResult> RunAsync(ConcordDbContext db, Actor actor, CsvFile file, Agency agency, WantedImportMode mode, CancellationToken ct,
        NodeWantedIndex? node = null)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.ImportWanted, "wanted import", ct);
        if (!actor.Sees(agency.Id)) throw new ConcordException(new InvalidRequestError("agency", "a wanted list can only be imported into the caller's own agency"));
        var kind = mode switch { WantedImportMode.Update => "wanted-update", WantedImportMode.FullUpdate => "wanted-full-update", _ => "wanted" };
        if (await Importer.AlreadyImportedAsync(db, kind, agency.Code, file.Sha256, file.FileName, ct) is { } done) return done;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Taken first: the counter's row stays locked until this transaction ends, so a second import of a list waits
        // here and then reads the list as this one left it.
        var revision = await Counters.NextAsync(db, Counters.WantedRevision, ct);
        var listed = await db.WantedPersons.AsNoTracking().Where(w => w.AgencyId == agency.Id)
            .Select(w => new { w.WantedId, w.Id, w.SourceHash, w.Withdrawn })
            .ToDictionaryAsync(w => w.WantedId, w => new Listed(w.Id, w.SourceHash, w.Withdrawn), StringComparer.Ordinal, ct);
        var list = new ListFile(file, agency.Id, mode, revision, listed);
        // A list imported whole (empty or small before) builds its secondary indexes once, after its rows.
        await BulkWriter.WriteAsync(db, list.Read(), ct, deferIndexes: listed.Count < DeferIndexesBelow);
        list.ThrowIfProblems();
        if (mode != WantedImportMode.Add)
        {
            await list.ReplaceAsync(db, ct);
            if (mode == WantedImportMode.FullUpdate) await list.WithdrawAbsentAsync(db, ct);
            await db.RecordManyAsync(list.AuditEntries(actor), ct);
        }
        var result = await Importer.CommitAsync(db, actor, agency.Id, agency.Code, file.Sha256, list.Result(kind), mode != WantedImportMode.Add, ct);
        await tx.CommitAsync(ct);
        // The index takes the list's new revision now (built from the list the first time, a new segment and masks
        // after), so the next match or check at the gate only maps it.
        if (node is not null) await node.GetAsync(db, ct);
        else await WantedIndex.KeepCurrentAsync(db, ct);
        return result;
    }

    /// <summary>What the list holds under a wanted_id before the import: just enough to tell a row new, unchanged or changed.</summary>
    private readonly record struct Listed(Guid Id, string? SourceHash, bool Withdrawn);

    /// <summary>A record the update writes anew over the one listed (same id), with what changed; the fields are known once the old one is read.</summary>
    private sealed class Replacement(WantedPerson record, bool withdraws)
    {
        public WantedPerson Record { get; } = record;
        public bool Withdraws { get; } = withdraws;
        public string Changed { get; set; } = "";
    }

    /// <summary>One reading of the file against the list, with what it found.</summary>
    private sealed class ListFile(CsvFile file, Guid agencyId, WantedImportMode mode, long revision, Dictionary<string, Listed> listed)
    {
        private readonly DateTime _now = DateTime.UtcNow;
        private readonly UniqueKeys _keys = new(file.FileName, "wanted_id");
        private readonly List<InputProblem> _keyProblems = [];
        private readonly List<InputProblem> _fieldProblems = [];
        private readonly List<InputProblem> _conflicts = [];
        private readonly List<(Guid Id, string WantedId, bool Withdrawn)> _new = [];
        private readonly List<Replacement> _replaced = [];
        private readonly List<(Guid Id, string WantedId)> _absent = [];
        private int _rows, _added, _unchanged, _changed, _withdrawn;

        private bool Refused => _keyProblems.Count > 0 || _fieldProblems.Count > 0 || file.Problems.Count > 0;

        /// <summary>
        /// Reads every row and yields the new records to write while no row has been refused; after a refusal the rest is
        /// only checked, so that every problem of the file is named at once.
        /// </summary>
        public IEnumerable<WantedPerson> Read()
        {
            foreach (var row in file.Rows())
            {
                _rows++;
                var key = _keys.Check(row, _keyProblems);
                var w = Record(row);
                var withdraw = row.YesNo(WithdrawnColumn.Name, file.FileName, _fieldProblems) == true;
                if (withdraw && mode == WantedImportMode.Add)
                    _fieldProblems.Add(new(file.FileName, row.Row, WithdrawnColumn.Name, new Phrase(ProblemTexts.WithdrawalNeedsUpdate, key ?? "")));
                if (key is null || Refused) continue;

                if (!listed.TryGetValue(key, out var old))
                {
                    // A withdrawal of a record this list never held is kept as a withdrawn record: the number is known, never matched.
                    w.Withdrawn = withdraw;
                    w.WithdrawnAt = withdraw ? _now : null;
                    if (withdraw) _withdrawn++;
                    else _added++;
                    if (mode != WantedImportMode.Add) _new.Add((w.Id, key, withdraw));
                    yield return w;
                }
                else if (old.SourceHash == w.SourceHash && (mode == WantedImportMode.Add || withdraw == old.Withdrawn))
                {
                    _unchanged++;
                }
                else if (mode == WantedImportMode.Add)
                {
                    _conflicts.Add(new(file.FileName, row.Row, "wanted_id", new Phrase(ProblemTexts.AlreadyOnList, key)));
                }
                else
                {
                    w.Id = old.Id;
                    w.Withdrawn = withdraw;
                    var withdraws = withdraw && !old.Withdrawn;
                    if (withdraws) _withdrawn++;
                    else _changed++;
                    _replaced.Add(new Replacement(w, withdraws));
                }
            }
        }

        private WantedPerson Record(CsvRow row)
        {
            var w = new WantedPerson
            {
                AgencyId = agencyId,
                WantedId = row["wanted_id"] ?? "",
                IssuingUnit = row["agency"],
                Offence = row["offence"],
                ListedOn = row["listed_on"],
                Notes = row.ExtraAsNotes(),
                SourceHash = PersonFields.RowHash(row, ContentColumns),
                Revision = revision,
            };
            PersonFields.Read(row, file.FileName, _fieldProblems, w);
            if (w.ListedOn is { } listedOn && !PartialDate.TryParse(listedOn, out _))
                _fieldProblems.Add(new(file.FileName, row.Row, "listed_on", new Phrase(ProblemTexts.NotADate, listedOn)));
            return w;
        }

        /// <summary>Problems of the file's shape first, then of its rows, then rows that would silently rewrite the list.</summary>
        public void ThrowIfProblems()
        {
            file.ThrowIfProblems();
            Importer.ThrowIfAny([.. _keyProblems, .. _fieldProblems]);
            Importer.ThrowIfAny(_conflicts);
        }

        /// <summary>
        /// Writes the changed and withdrawn records over the listed ones: each keeps its id and creation time and takes
        /// this revision. The old versions are deleted and the new ones written through the bulk path; no table refers to
        /// a wanted record by foreign key (links and review items name it by its id, which stays).
        /// </summary>
        public async Task ReplaceAsync(ConcordDbContext db, CancellationToken ct)
        {
            var content = db.Model.FindEntityType(typeof(WantedPerson))!.GetProperties().Where(p => !NotContent.Contains(p.Name)).ToList();
            foreach (var chunk in _replaced.Chunk(Chunk))
            {
                var ids = chunk.Select(r => r.Record.Id).ToList();
                var old = await db.WantedPersons.AsNoTracking().Where(w => ids.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
                foreach (var r in chunk)
                {
                    var was = old[r.Record.Id];
                    r.Record.CreatedAt = was.CreatedAt;
                    r.Record.WithdrawnAt = !r.Record.Withdrawn ? null : was.Withdrawn ? was.WithdrawnAt : _now;
                    r.Changed = string.Join(',', content.Where(p => !Equals(p.GetGetter().GetClrValue(was), p.GetGetter().GetClrValue(r.Record))).Select(p => p.Name));
                }
                await db.WantedPersons.Where(w => ids.Contains(w.Id)).ExecuteDeleteAsync(ct);
            }
            await BulkWriter.WriteAsync(db, _replaced.Select(r => r.Record), ct);
        }

        /// <summary>For a full list: every active record whose wanted_id the file does not hold is withdrawn.</summary>
        public async Task WithdrawAbsentAsync(ConcordDbContext db, CancellationToken ct)
        {
            _absent.AddRange(listed.Where(kv => !kv.Value.Withdrawn && !_keys.Contains(kv.Key)).Select(kv => (kv.Value.Id, kv.Key)));
            foreach (var chunk in _absent.Chunk(Chunk))
            {
                var ids = chunk.Select(a => a.Id).ToList();
                await db.WantedPersons.Where(w => ids.Contains(w.Id)).ExecuteUpdateAsync(s => s
                    .SetProperty(w => w.Withdrawn, true).SetProperty(w => w.WithdrawnAt, _now).SetProperty(w => w.Revision, revision), ct);
            }
            _withdrawn += _absent.Count;
        }

        /// <summary>One entry for every record the update added, changed or withdrew, naming its wanted_id and what changed.</summary>
        public IEnumerable<AuditEntry> AuditEntries(Actor actor)
        {
            const string type = nameof(WantedPerson);
            foreach (var (id, wantedId, withdrawn) in _new)
                yield return AuditTrail.Draft(actor, withdrawn ? "wanted.withdraw" : "wanted.add", type, id,
                    $"wanted_id={wantedId}{(withdrawn ? " withdrawn, not listed before" : "")} file={file.FileName}");
            foreach (var r in _replaced)
                yield return AuditTrail.Draft(actor, r.Withdraws ? "wanted.withdraw" : "wanted.change", type, r.Record.Id,
                    $"wanted_id={r.Record.WantedId} changed={r.Changed} file={file.FileName}");
            foreach (var (id, wantedId) in _absent)
                yield return AuditTrail.Draft(actor, "wanted.withdraw", type, id, $"wanted_id={wantedId} changed={nameof(WantedPerson.Withdrawn)} (absent from the full list) file={file.FileName}");
        }

        public ImportResult Result(string kind) => new(Guid.Empty, kind, file.FileName, _rows, _added, _unchanged, false, _changed, _withdrawn, file.ReadAs);
    }
}
