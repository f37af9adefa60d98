using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Concord.Core.Auditing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Concord.Core.Storage;

/// <summary>What a backup holds: every table's row count and content hash, and the head of the audit trail.</summary>
public sealed record BackupManifest(int Format, string Provider, DateTime TakenAt, IReadOnlyList<TableDigest> Tables, long AuditEntries, long AuditHeadSequence, string AuditHeadHash)
{
    public const int CurrentFormat = 1;
    public long Rows => Tables.Sum(t => t.Rows);
}

public sealed record TableDigest(string Table, long Rows, string Sha256);

/// <summary>
/// An online, consistent backup of a node and its restore, checked. SQLite: <c>VACUUM INTO</c> (one read transaction, the
/// file a database of its own); PostgreSQL: <c>pg_dump</c> in the custom format, from a snapshot that the digest reads
/// too. Beside the file goes its manifest: every table's rows and a SHA-256 over them in key order, and the audit trail's
/// head. A restore goes only into an empty database and is kept only when every table, every hash and the audit head
/// come back equal; otherwise it is undone and the first difference is named.
/// </summary>
public static class Backup
{
    public static string ManifestOf(string file) => file + ".manifest.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static async Task<BackupManifest> WriteAsync(DatabaseTarget target, Actor actor, string file, CancellationToken ct)
    {
        file = Path.GetFullPath(file);
        if (File.Exists(file)) throw new ConcordException(new ConflictError($"{file}: already there; a backup never overwrites a file"));
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await using (var db = Database.Open(target))
        {
            // Recorded before the copy, so that the backup holds the entry of its own making.
            db.Record(actor, "node.backup", null, null, file);
            await db.SaveChangesAsync(ct);
        }
        BackupManifest manifest;
        if (target.Provider == DatabaseProvider.Sqlite)
        {
            await using (var connection = new SqliteConnection(target.ConnectionString))
            {
                await connection.OpenAsync(ct);
                await using var vacuum = connection.CreateCommand();
                vacuum.CommandText = "VACUUM INTO $file";
                vacuum.Parameters.AddWithValue("$file", file);
                await vacuum.ExecuteNonQueryAsync(ct);
            }
            // The digest is read from the copy itself: it describes exactly what the file holds.
            var copy = DatabaseTarget.Parse(file);
            await using var reader = new SqliteConnection(copy.ConnectionString);
            await reader.OpenAsync(ct);
            manifest = await DigestAsync(reader, "sqlite", ct);
        }
        else
        {
            await using var connection = new NpgsqlConnection(target.ConnectionString);
            await connection.OpenAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
            await using var export = connection.CreateCommand();
            export.CommandText = "SELECT pg_export_snapshot()";
            var snapshot = (string)(await export.ExecuteScalarAsync(ct))!;
            // pg_dump reads the very snapshot the digest reads, while both are open.
            await RunAsync("pg_dump", target, ["--format=custom", "--no-owner", $"--snapshot={snapshot}", $"--file={file}"], ct);
            manifest = await DigestAsync(connection, "postgres", ct);
            await tx.CommitAsync(ct);
        }
        await File.WriteAllTextAsync(ManifestOf(file), JsonSerializer.Serialize(manifest, Json), ct);
        return manifest;
    }

    /// <summary>Restores a backup into an empty database and checks it against the manifest; a restore that does not match is undone.</summary>
    public static async Task<BackupManifest> RestoreAsync(string file, DatabaseTarget target, CancellationToken ct)
    {
        file = Path.GetFullPath(file);
        if (!File.Exists(file)) throw new ConcordException(new NotFoundError("backup", file));
        if (!File.Exists(ManifestOf(file))) throw new ConcordException(new NotFoundError("backup manifest", ManifestOf(file)));
        BackupManifest expected;
        try { expected = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(ManifestOf(file), ct), Json) ?? throw new JsonException("empty"); }
        catch (JsonException e) { throw new ConcordException(new InvalidRequestError(ManifestOf(file), $"not a backup manifest: {e.Message}")); }
        var provider = target.Provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres";
        if (expected.Provider != provider)
            throw new ConcordException(new InvalidRequestError("--db", $"the backup is of a {expected.Provider} node; restore it into {expected.Provider}"));

        BackupManifest found;
        if (target.Provider == DatabaseProvider.Sqlite)
        {
            var path = new SqliteConnectionStringBuilder(target.ConnectionString).DataSource;
            if (File.Exists(path) && new FileInfo(path).Length > 0)
                throw new ConcordException(new ConflictError($"{path}: a database is already there; a restore goes into an empty place only"));
            File.Copy(file, path);
            try
            {
                await using var connection = new SqliteConnection(target.ConnectionString);
                await connection.OpenAsync(ct);
                found = await DigestAsync(connection, provider, ct);
            }
            catch
            {
                SqliteConnection.ClearAllPools();
                File.Delete(path);
                throw;
            }
            if (Difference(expected, found) is { } why)
            {
                SqliteConnection.ClearAllPools();
                File.Delete(path);
                throw new ConcordException(new ConflictError($"{file}: the restore does not match its manifest ({why}); nothing was kept"));
            }
            return found;
        }

        await using (var check = new NpgsqlConnection(target.ConnectionString))
        {
            await check.OpenAsync(ct);
            await using var tables = check.CreateCommand();
            tables.CommandText = "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'";
            if ((long)(await tables.ExecuteScalarAsync(ct))! > 0)
                throw new ConcordException(new ConflictError("the target database is not empty; a restore goes into an empty database only"));
        }
        await RunAsync("pg_restore", target, ["--no-owner", "--exit-on-error", "--single-transaction", file], ct);
        await using (var connection = new NpgsqlConnection(target.ConnectionString))
        {
            await connection.OpenAsync(ct);
            found = await DigestAsync(connection, provider, ct);
            if (Difference(expected, found) is { } why)
            {
                await using var drop = connection.CreateCommand();
                drop.CommandText = "DROP SCHEMA public CASCADE; CREATE SCHEMA public;";
                await drop.ExecuteNonQueryAsync(ct);
                throw new ConcordException(new ConflictError($"{file}: the restore does not match its manifest ({why}); nothing was kept"));
            }
        }
        return found;
    }

    /// <summary>The first way two digests differ, or null.</summary>
    public static string? Difference(BackupManifest expected, BackupManifest found)
    {
        foreach (var table in expected.Tables)
        {
            var other = found.Tables.FirstOrDefault(t => t.Table == table.Table);
            if (other is null) return $"table {table.Table} is missing";
            if (other.Rows != table.Rows) return string.Create(CultureInfo.InvariantCulture, $"table {table.Table}: {other.Rows} rows, {table.Rows} backed up");
            if (other.Sha256 != table.Sha256) return $"table {table.Table}: its content differs";
        }
        if (found.Tables.FirstOrDefault(t => expected.Tables.All(e => e.Table != t.Table)) is { } extra) return $"table {extra.Table} was not backed up";
        if (expected.AuditHeadSequence != found.AuditHeadSequence || expected.AuditHeadHash != found.AuditHeadHash)
            return string.Create(CultureInfo.InvariantCulture, $"the audit trail ends at entry {found.AuditHeadSequence}, backed up at {expected.AuditHeadSequence}");
        return null;
    }

    /// <summary>Every table of the database in key order, hashed row by row, and the audit trail's last entry.</summary>
    public static async Task<BackupManifest> DigestAsync(DbConnection connection, string provider, CancellationToken ct)
    {
        var tables = new List<TableDigest>();
        foreach (var (table, keys) in await TablesAsync(connection, provider, ct))
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long rows = 0;
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY {string.Join(", ", keys.Select(k => $"\"{k}\""))}";
            await using var reader = await command.ExecuteReaderAsync(ct);
            var text = new StringBuilder();
            while (await reader.ReadAsync(ct))
            {
                text.Clear();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.GetName(i)).Append('=');
                    text.Append(reader.IsDBNull(i) ? "\u2400" : Canonical(reader.GetValue(i))).Append('\u001f');
                }
                text.Append('\u001e');
                hash.AppendData(Encoding.UTF8.GetBytes(text.ToString()));
                rows++;
            }
            tables.Add(new TableDigest(table, rows, Convert.ToHexStringLower(hash.GetHashAndReset())));
        }
        long count = 0, sequence = 0;
        var head = AuditTrail.Genesis;
        await using (var audit = connection.CreateCommand())
        {
            audit.CommandText = """SELECT count(*), max("Sequence") FROM "AuditEntries" """;
            await using var reader = await audit.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct) && !reader.IsDBNull(1)) (count, sequence) = (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture));
        }
        if (sequence > 0)
        {
            await using var last = connection.CreateCommand();
            last.CommandText = string.Create(CultureInfo.InvariantCulture, $"""SELECT "Hash" FROM "AuditEntries" WHERE "Sequence" = {sequence}""");
            head = (string)(await last.ExecuteScalarAsync(ct))!;
        }
        return new BackupManifest(BackupManifest.CurrentFormat, provider, DateTime.UtcNow, tables, count, sequence, head);
    }

    /// <summary>The node's tables and the columns of their primary keys, as the database itself describes them.</summary>
    private static async Task<List<(string Table, List<string> Keys)>> TablesAsync(DbConnection connection, string provider, CancellationToken ct)
    {
        var result = new List<(string, List<string>)>();
        await using var command = connection.CreateCommand();
        command.CommandText = provider == "sqlite"
            ? """
              SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
              WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND p.pk > 0 ORDER BY m.name, p.pk
              """
            : """
              SELECT tc.table_name, kcu.column_name FROM information_schema.table_constraints tc
              JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
              WHERE tc.table_schema = 'public' AND tc.constraint_type = 'PRIMARY KEY' ORDER BY tc.table_name, kcu.ordinal_position
              """;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var (table, column) = (reader.GetString(0), reader.GetString(1));
            if (result.Count == 0 || result[^1].Item1 != table) result.Add((table, []));
            result[^1].Item2.Add(column);
        }
        return result.OrderBy(t => t.Item1, StringComparer.Ordinal).ToList();
    }

    private static string Canonical(object value) => value switch
    {
        byte[] bytes => Convert.ToBase64String(bytes),
        DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Runs pg_dump or pg_restore of the server's own version (PATH, else /usr/lib/postgresql/*/bin), naming what failed.</summary>
    private static async Task RunAsync(string tool, DatabaseTarget target, IEnumerable<string> args, CancellationToken ct)
    {
        var cs = new NpgsqlConnectionStringBuilder(target.ConnectionString);
        var psi = new ProcessStartInfo(Locate(tool)) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { $"--host={cs.Host}", string.Create(CultureInfo.InvariantCulture, $"--port={cs.Port}"), $"--username={cs.Username}", $"--dbname={cs.Database}", "--no-password" }.Concat(args))
            psi.ArgumentList.Add(a);
        if (!string.IsNullOrEmpty(cs.Password)) psi.Environment["PGPASSWORD"] = cs.Password;
        using var process = Process.Start(psi) ?? throw new ConcordException(new ConflictError($"{tool} could not be started"));
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0) throw new ConcordException(new ConflictError($"{tool} failed ({process.ExitCode}): {(await stderr).Trim()}"));
    }

    private static string Locate(string tool)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            if (dir.Length > 0 && File.Exists(Path.Combine(dir, tool))) return Path.Combine(dir, tool);
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "bin", tool)).FirstOrDefault(File.Exists)
            : null;
        return installed ?? throw new ConcordException(new ConflictError($"{tool} is needed for a PostgreSQL backup or restore: install the PostgreSQL client (postgresql-client)"));
    }
}
