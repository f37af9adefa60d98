using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Concord.Core.Storage;
using Concord.Matching;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Intake;

/// <summary>
/// Where a database's matching index is kept: beside a SQLite file (<c>concord.db.index/</c>), or for PostgreSQL under
/// <c>$CONCORD_INDEX</c> (else the user's local data folder) in a folder named by the database's id. It holds segment
/// files, a mask file (the records withdrawn or replaced) and <c>manifest.json</c>, which names them and the list
/// revision they cover. New files are written first; the manifest is then replaced in one rename under a lock file,
/// so a reader sees the old index or the new one, never a mix; files the new manifest no longer names are deleted.
/// </summary>
internal sealed class IndexFolder
{
    public const string Variable = "CONCORD_INDEX";
    private const string ManifestFile = "manifest.json";
    private const string LockFile = "index.lock";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly long databaseId;

    private IndexFolder(string path, long databaseId)
    {
        Path = path;
        this.databaseId = databaseId;
    }

    public string Path { get; }

    public sealed record SegmentEntry(string File, int First, int Count, long Postings, long Bytes);

    public sealed record Manifest(int Format, long Database, long Covers, IReadOnlyList<SegmentEntry> Segments, string? Mask, long MaskBytes, int Masked, DateTimeOffset Created, DateTimeOffset Updated)
    {
        public const int CurrentFormat = 1;

        [JsonIgnore]
        public IEnumerable<string> Files => Segments.Select(s => s.File).Concat(Mask is null ? [] : [Mask]);
    }

    public sealed record Loaded(Manifest Manifest, CompactIdentityIndex Index);

    /// <summary>The folder for this database; null for an in-memory database, which keeps nothing.</summary>
    public static IndexFolder? For(ConcordDbContext db, long databaseId)
    {
        var root = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(root)) return new IndexFolder(System.IO.Path.Combine(System.IO.Path.GetFullPath(root), databaseId.ToString("x16", System.Globalization.CultureInfo.InvariantCulture)), databaseId);
        if (db.Database.GetDbConnection() is SqliteConnection sqlite)
        {
            var builder = new SqliteConnectionStringBuilder(sqlite.ConnectionString);
            if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:") return null;
            return new IndexFolder(System.IO.Path.GetFullPath(builder.DataSource) + ".index", databaseId);
        }
        return new IndexFolder(System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
            "concord", "index", databaseId.ToString("x16", System.Globalization.CultureInfo.InvariantCulture)), databaseId);
    }

    public async Task<Manifest?> ReadManifestAsync(CancellationToken ct)
    {
        var file = System.IO.Path.Combine(Path, ManifestFile);
        if (!File.Exists(file)) return null;
        await using var stream = File.OpenRead(file);
        var manifest = await JsonSerializer.DeserializeAsync<Manifest>(stream, Json, ct) ?? throw new InvalidDataException($"{file}: empty manifest");
        if (manifest.Format != Manifest.CurrentFormat) throw new InvalidDataException($"{file}: index format {manifest.Format}, this version reads {Manifest.CurrentFormat}");
        return manifest;
    }

    /// <summary>Maps the segments the manifest names, with its mask; null when nothing was written yet.</summary>
    public async Task<Loaded?> LoadAsync(CancellationToken ct)
    {
        if (!Directory.Exists(Path)) return null;
        using var held = await LockAsync(ct);
        var manifest = await ReadManifestAsync(ct);
        if (manifest is null) return null;
        var segments = new List<IndexSegment>();
        try
        {
            foreach (var entry in manifest.Segments)
            {
                var segment = IndexSegment.Open(System.IO.Path.Combine(Path, entry.File));
                segments.Add(segment);
                if (segment.First != entry.First || segment.Count != entry.Count)
                    throw new InvalidDataException($"{segment.Path}: holds records {segment.First}+{segment.Count}, the manifest says {entry.First}+{entry.Count}");
            }
            var mask = manifest.Mask is null ? [] : MemoryMarshal.Cast<byte, ulong>(await File.ReadAllBytesAsync(System.IO.Path.Combine(Path, manifest.Mask), ct)).ToArray();
            return new Loaded(manifest, CompactIdentityIndex.Open(segments, mask));
        }
        catch
        {
            segments.ForEach(s => s.Dispose());
            throw;
        }
    }

    /// <summary>
    /// Writes what <paramref name="index"/> holds in memory as a new segment, merges the newest segments when they have
    /// grown alike, and publishes a manifest covering <paramref name="covers"/>. Unless <paramref name="whole"/> (an
    /// index built from nothing), it publishes only over the manifest it was read from (<paramref name="expected"/>):
    /// false when another process moved the folder on since.
    /// </summary>
    public bool Save(CompactIdentityIndex index, long covers, long expected, bool whole)
    {
        Directory.CreateDirectory(Path);
        // The files are written before the lock is taken, under names no other writer uses; only the switch is locked.
        index.SealTail(NewFile("seg", ".cix"));
        Merge(index);
        var mask = index.MaskWords();
        var maskFile = NewFile("mask", ".bin");
        WriteDurably(maskFile, MemoryMarshal.AsBytes(mask.AsSpan()));

        using var held = LockAsync(CancellationToken.None).GetAwaiter().GetResult();
        var current = ReadManifestAsync(CancellationToken.None).GetAwaiter().GetResult();
        if (!whole && (current?.Covers ?? -1) != expected)
        {
            // Another writer moved the folder on: what this one wrote is named by no manifest and goes now (the
            // caller keeps its segments mapped; on Linux a mapped file outlives its name).
            File.Delete(maskFile);
            var named = current?.Files.ToHashSet(StringComparer.Ordinal) ?? [];
            foreach (var segment in index.Segments.Where(s => !named.Contains(System.IO.Path.GetFileName(s.Path))))
            {
                try
                {
                    File.Delete(segment.Path);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Held open where a mapped file cannot lose its name (Windows): the next whole rebuild removes it.
                }
            }
            return false;
        }
        var now = DateTimeOffset.UtcNow;
        var manifest = new Manifest(Manifest.CurrentFormat, databaseId, covers,
            index.Segments.Select(s => new SegmentEntry(System.IO.Path.GetFileName(s.Path), s.First, s.Count, s.Postings, s.Bytes)).ToList(),
            System.IO.Path.GetFileName(maskFile), mask.Length * 8L, index.MaskedCount, current?.Created ?? now, now);
        return Publish(manifest, current, whole);
    }

    private bool Publish(Manifest manifest, Manifest? previous, bool whole)
    {
        WriteDurably(System.IO.Path.Combine(Path, ManifestFile), JsonSerializer.SerializeToUtf8Bytes(manifest, Json));
        var kept = manifest.Files.ToHashSet(StringComparer.Ordinal);
        // Files the previous manifest named and this one does not; after a whole rebuild, also what a writer that
        // died left behind (older than an hour, so that a writer at work now keeps its files).
        var gone = previous?.Files.Where(f => !kept.Contains(f)).ToList() ?? [];
        if (whole)
        {
            gone.AddRange(Directory.EnumerateFiles(Path).Select(System.IO.Path.GetFileName).OfType<string>()
                .Where(f => (f.StartsWith("seg-", StringComparison.Ordinal) || f.StartsWith("mask-", StringComparison.Ordinal)) && !kept.Contains(f)
                    && File.GetLastWriteTimeUtc(System.IO.Path.Combine(Path, f)) < DateTime.UtcNow.AddHours(-1)));
        }
        foreach (var f in gone.Distinct()) File.Delete(System.IO.Path.Combine(Path, f));
        return true;
    }

    /// <summary>
    /// Keeps the number of segments logarithmic in the number of updates: the newest two merge while the older is no
    /// more than twice the newer, so a daily update of ten thousand records never rewrites the ten-million base.
    /// </summary>
    private void Merge(CompactIdentityIndex index)
    {
        while (index.Segments.Count >= 2)
        {
            var s = index.Segments;
            if (s[^2].Count > 2L * s[^1].Count && s.Count <= 16) break;
            index.MergeSegments(s.Count - 2, 2, NewFile("seg", ".cix"));
        }
    }

    private string NewFile(string kind, string extension) =>
        System.IO.Path.Combine(Path, $"{kind}-{DateTime.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..12]}{extension}");

    private static void WriteDurably(string path, ReadOnlySpan<byte> bytes)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The folder's lock file, held exclusively (an advisory lock on Linux); waits for another holder up to five minutes.</summary>
    private async Task<IDisposable> LockAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(Path);
        var file = System.IO.Path.Combine(Path, LockFile);
        var until = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            try
            {
                return new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < until)
            {
                await Task.Delay(50, ct);
            }
        }
    }
}
