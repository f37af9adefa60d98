using Concord.Core.Domain;
using Concord.Core.Storage;
using Concord.Matching;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Intake;

/// <summary>
/// The wanted lists of the node as the matching index holds them. The database is the truth: the index covers every
/// list revision up to <see cref="Covers"/> and catches up on the records whose revision is newer (added, changed or
/// withdrawn since), masking the versions they replace. What it has read is kept in segment files beside the database
/// (<see cref="IndexFolder"/>), mapped on open, so that no command and no start of the node reads the lists again.
/// </summary>
public sealed class WantedIndex
{
    private const string KeyPrefix = "w:";
    private readonly CompactIdentityIndex index;
    private readonly IndexFolder? folder;
    private readonly SemaphoreSlim catchUp = new(1, 1);

    // The list revision the folder's manifest covered when this index last read or wrote it: another process that
    // wrote since then has moved it, and this one then keeps what it read in memory rather than overwrite that.
    private long onDisk;

    private WantedIndex(CompactIdentityIndex index, long covers, IndexFolder? folder, string? note)
    {
        this.index = index;
        this.folder = folder;
        Covers = covers;
        onDisk = covers;
        Note = note;
    }

    /// <summary>The last list revision the index holds; -1 before anything was read.</summary>
    public long Covers { get; private set; }

    /// <summary>Live records: read from the lists and neither withdrawn nor replaced since.</summary>
    public int Records => index.Count - index.MaskedCount;

    /// <summary>Where the index is kept; null when it lives in memory only (an in-memory database).</summary>
    public string? Folder => folder?.Path;

    /// <summary>Why the index was read again from the lists, or could not be kept on disk; null when all went as usual.</summary>
    public string? Note { get; private set; }

    public sealed record Proposal(MatchProposal Match, Guid WantedPersonId);

    /// <summary>The folder of the database's index as it stands: its segments, what it covers, how far the lists have moved on since.</summary>
    public sealed record Status(string? Folder, int Records, int Masked, int InMemory, IReadOnlyList<SegmentStatus> Segments, long Bytes, long Covers, long ListRevision,
        DateTimeOffset? Updated, string? Note);

    public sealed record SegmentStatus(string File, int First, int Count, long Postings, long Bytes);

    /// <summary>
    /// Opens the index kept beside the database (mapping its segment files) and brings it up to the lists' latest
    /// revision. An index written for another database, or covering revisions the database does not have (a restored
    /// backup), is read again from the lists; so is one that is missing or damaged.
    /// </summary>
    public static async Task<WantedIndex> OpenAsync(ConcordDbContext db, CancellationToken ct)
    {
        var wanted = await LoadAsync(db, ct);
        await wanted.CatchUpAsync(db, ct);
        return wanted;
    }

    /// <summary>Brings the index kept beside the database up to the lists' latest revision and lets go of it (a command that changed a list).</summary>
    public static async Task KeepCurrentAsync(ConcordDbContext db, CancellationToken ct)
    {
        var wanted = await LoadAsync(db, ct);
        // A database in memory keeps no index: the next match reads the lists.
        if (wanted.folder is null) return;
        try
        {
            await wanted.CatchUpAsync(db, ct);
        }
        finally
        {
            foreach (var segment in wanted.index.Segments) segment.Dispose();
        }
    }

    private static async Task<WantedIndex> LoadAsync(ConcordDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var databaseId = await Counters.DatabaseIdAsync(db, ct);
        var latest = await Counters.CurrentAsync(db, Counters.WantedRevision, ct);
        var folder = IndexFolder.For(db, databaseId);
        if (folder is null) return new WantedIndex(new CompactIdentityIndex(), -1, null, "kept in memory only: the database is in memory");
        try
        {
            var loaded = await folder.LoadAsync(ct);
            if (loaded is null) return new WantedIndex(new CompactIdentityIndex(), -1, folder, null);
            if (loaded.Manifest.Database != databaseId)
            {
                loaded.Index.Segments.ToList().ForEach(s => s.Dispose());
                return new WantedIndex(new CompactIdentityIndex(), -1, folder, $"read again from the lists: the index in {folder.Path} was written for another database");
            }
            if (loaded.Manifest.Covers > latest)
            {
                loaded.Index.Segments.ToList().ForEach(s => s.Dispose());
                return new WantedIndex(new CompactIdentityIndex(), -1, folder,
                    $"read again from the lists: the index covers list revision {loaded.Manifest.Covers}, the database only {latest} (restored from a backup?)");
            }
            return new WantedIndex(loaded.Index, loaded.Manifest.Covers, folder, null);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            return new WantedIndex(new CompactIdentityIndex(), -1, folder, $"read again from the lists: {e.Message}");
        }
    }

    /// <summary>Reads what changed in the lists since <see cref="Covers"/> and keeps it on disk; returns the number of records read.</summary>
    public async Task<int> CatchUpAsync(ConcordDbContext db, CancellationToken ct)
    {
        await catchUp.WaitAsync(ct);
        try
        {
            var latest = await Counters.CurrentAsync(db, Counters.WantedRevision, ct);
            if (latest <= Covers) return 0;
            var from = Covers;
            var changed = 0;
            var query = db.WantedPersons.AsNoTracking()
                .Where(w => w.Revision > from && w.Revision <= latest)
                .Select(w => new { Columns = new IdentityRecords.Columns(w.Id, w.Name, w.NameLatin, w.Aliases, w.Sex, w.BirthDate, w.Nationality, w.IdType, w.IdNumber), w.Withdrawn });
            async IAsyncEnumerable<IdentityRecord> Read()
            {
                await foreach (var w in query.AsAsyncEnumerable().WithCancellation(ct))
                {
                    var key = Key(w.Columns.Id);
                    // A record seen before is replaced: its old version is masked, its new one (unless withdrawn) added.
                    if (from >= 0)
                    {
                        foreach (var ordinal in index.Find(key)) index.Mask(ordinal);
                    }
                    changed++;
                    if (!w.Withdrawn) yield return IdentityRecords.From(key, w.Columns);
                }
            }
            // The next rows are read while the last batch's keys are worked out on the other cores.
            await index.AddRangeAsync(Read(), ct);
            index.Freeze();
            Covers = latest;
            Keep(rebuilt: from < 0);
            return changed;
        }
        finally
        {
            catchUp.Release();
        }
    }

    /// <summary>Writes what this index holds in memory to the folder, unless another process moved the folder on meanwhile.</summary>
    private void Keep(bool rebuilt)
    {
        if (folder is null) return;
        try
        {
            if (folder.Save(index, Covers, onDisk, rebuilt)) onDisk = Covers;
            else Note = $"not written to {folder.Path}: another process brought it further meanwhile; this one keeps its catch-up in memory";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Matching goes on from memory; the next catch-up tries again, and `concord index status` says so.
            Note = $"not written to {folder.Path}: {e.Message}";
        }
    }

    /// <summary>Reads every list record again into a new index and replaces the folder's segments with it (masked records dropped).</summary>
    public static async Task<WantedIndex> RebuildAsync(ConcordDbContext db, CancellationToken ct)
    {
        var databaseId = await Counters.DatabaseIdAsync(db, ct);
        // A catch-up from nothing is written as a whole new index, whatever the folder held.
        var wanted = new WantedIndex(new CompactIdentityIndex(), -1, IndexFolder.For(db, databaseId), null);
        await wanted.CatchUpAsync(db, ct);
        return wanted;
    }

    /// <summary>The index kept for this database, as it stands on disk, without reading or changing it.</summary>
    public static async Task<Status> StatusAsync(ConcordDbContext db, CancellationToken ct)
    {
        var databaseId = await Counters.DatabaseIdAsync(db, ct);
        var latest = await Counters.CurrentAsync(db, Counters.WantedRevision, ct);
        var folder = IndexFolder.For(db, databaseId);
        var manifest = folder is null ? null : await folder.ReadManifestAsync(ct);
        if (folder is null || manifest is null)
            return new Status(folder?.Path, 0, 0, 0, [], 0, -1, latest, null, folder is null ? "kept in memory only: the database is in memory" : "not built yet: the next match or `concord index rebuild` builds it");
        var note = manifest.Database != databaseId ? "written for another database: the next match reads the lists again"
            : manifest.Covers > latest ? "covers revisions the database does not have: the next match reads the lists again"
            : manifest.Covers < latest ? $"{latest - manifest.Covers} list revision(s) behind: the next match catches up"
            : null;
        var segments = manifest.Segments.Select(s => new SegmentStatus(s.File, s.First, s.Count, s.Postings, s.Bytes)).ToList();
        var records = segments.Sum(s => s.Count);
        return new Status(folder.Path, records - manifest.Masked, manifest.Masked, 0, segments, segments.Sum(s => s.Bytes) + manifest.MaskBytes, manifest.Covers, latest, manifest.Updated, note);
    }

    /// <summary>The folder this database's index is kept in; null for an in-memory database.</summary>
    public static async Task<string?> FolderAsync(ConcordDbContext db, CancellationToken ct) => IndexFolder.For(db, await Counters.DatabaseIdAsync(db, ct))?.Path;

    /// <summary>This index as it is held now (in this process).</summary>
    public Status Describe(long listRevision)
    {
        var segments = index.Segments.Select(s => new SegmentStatus(System.IO.Path.GetFileName(s.Path), s.First, s.Count, s.Postings, s.Bytes)).ToList();
        return new Status(Folder, Records, index.MaskedCount, index.TailCount, segments, segments.Sum(s => s.Bytes), Covers, listRevision, null, Note);
    }

    public IReadOnlyList<Proposal> Match(IdentityMatcher matcher, IdentityRecord query, int pool)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        return matcher.Match(query, index, pool).Select(p => new Proposal(p, IdOf(p.Candidate))).ToList();
    }

    /// <summary>The stored wanted person a candidate of this index stands for.</summary>
    public static Guid IdOf(IdentityRecord candidate) => Guid.ParseExact(candidate.Key.AsSpan(KeyPrefix.Length), "N");

    /// <summary>The stored records of the wanted persons named, read in chunks.</summary>
    public static async Task<Dictionary<Guid, WantedPerson>> ReadAsync(ConcordDbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var result = new Dictionary<Guid, WantedPerson>();
        foreach (var chunk in ids.Distinct().Chunk(500))
        {
            foreach (var w in await db.WantedPersons.AsNoTracking().Where(w => chunk.Contains(w.Id)).ToListAsync(ct)) result[w.Id] = w;
        }
        return result;
    }

    private static string Key(Guid id) => KeyPrefix + id.ToString("N");
}
