using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

namespace Concord.Core.Storage;

/// <summary>
/// Writes new rows of one table through the provider's bulk path, inside the caller's transaction, without tracking
/// them: PostgreSQL's binary COPY, on SQLite one prepared INSERT run for every row. The table, its columns, each value's
/// conversion and each parameter's type come from the EF model, so that a row reads back exactly as if SaveChanges had
/// written it, and a column added to the entity is written without a change here.
/// </summary>
public static class BulkWriter
{
    /// <summary>
    /// Writes every row the sequence yields, as it yields them; returns how many. A sequence that is not a collection is
    /// read on another thread, so it must not use the context (nor could it on PostgreSQL, whose connection is busy with
    /// the COPY).
    /// </summary>
    /// <param name="deferIndexes">
    /// SQLite: the table's non-unique indexes are dropped before the rows and made again after them, in the same
    /// transaction (so no reader sees the table without them, and a failed write leaves them as they were): for a list
    /// that the write makes many times larger, building an index once beats keeping it up row by row.
    /// </param>
    public static async Task<long> WriteAsync<T>(ConcordDbContext db, IEnumerable<T> rows, CancellationToken ct, bool deferIndexes = false) where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("bulk rows are written inside the import's transaction, so that a failure leaves nothing");
        var table = Describe(db, typeof(T));
        // Rows made as they are asked for (a file read and checked row by row) are made on another core while this one writes.
        var source = rows is ICollection<T> ? rows : ReadAhead(rows, ct);
        return db.Database.GetDbConnection() switch
        {
            NpgsqlConnection pg => await CopyAsync(pg, table, source, ct),
            var connection => await InsertAsync(connection, transaction, table, source, deferIndexes, ct),
        };
    }

    private const int Batch = 1024;

    /// <summary>
    /// The rows as a task makes them, handed over a batch at a time through a short queue, so that memory holds a few
    /// batches, not the list. The task's failure is thrown here; stopping early (a failed write) stops the task.
    /// </summary>
    private static IEnumerable<T> ReadAhead<T>(IEnumerable<T> rows, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var queue = new BlockingCollection<T[]>(boundedCapacity: 8);
        var maker = Task.Run(() =>
        {
            try
            {
                foreach (var batch in rows.Chunk(Batch)) queue.Add(batch, stop.Token);
            }
            finally
            {
                queue.CompleteAdding();
            }
        }, CancellationToken.None);
        try
        {
            foreach (var batch in queue.GetConsumingEnumerable(ct))
                foreach (var row in batch) yield return row;
            maker.GetAwaiter().GetResult();
        }
        finally
        {
            // Left early (the write failed): the task is stopped, and waited for before its queue goes.
            stop.Cancel();
            try
            {
                maker.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // Its failure, if any, was thrown above, or is moot beside the write's.
            }
        }
    }

    private sealed record Column(string Name, IClrPropertyGetter Getter, ValueConverter? Converter, RelationalTypeMapping Mapping, bool Nullable)
    {
        /// <summary>The value as the provider stores it: the model's conversion (UTC times, enums by name) applied.</summary>
        public object? Value(object row)
        {
            var value = Getter.GetClrValueUsingContainingEntity(row);
            return value is not null && Converter is not null ? Converter.ConvertToProvider(value) : value;
        }
    }

    /// <param name="Name">The table's name and <paramref name="ColumnList"/> its columns' names, quoted for the provider's SQL.</param>
    private sealed record Table(string Name, string ColumnList, IReadOnlyList<Column> Columns)
    {
        /// <summary>The table's name as the catalogue holds it, unquoted.</summary>
        public required string RawName { get; init; }
    }

    private static Table Describe(ConcordDbContext db, Type type)
    {
        var entity = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model");
        var name = entity.GetTableName() ?? throw new InvalidOperationException($"{type.Name} has no table");
        var store = StoreObjectIdentifier.Table(name, entity.GetSchema());
        var columns = entity.GetProperties().Select(p =>
        {
            if (p.IsShadowProperty()) throw new InvalidOperationException($"{type.Name}.{p.Name} is a shadow property, which a bulk write cannot read");
            var mapping = p.GetRelationalTypeMapping();
            return new Column(p.GetColumnName(store) ?? p.Name, p.GetGetter(), mapping.Converter, mapping, p.IsNullable);
        }).ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        return new Table(sql.DelimitIdentifier(name, entity.GetSchema()), string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name))), columns) { RawName = name };
    }

    private static async Task<long> CopyAsync<T>(NpgsqlConnection connection, Table table, IEnumerable<T> rows, CancellationToken ct) where T : class
    {
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {table.Name} ({table.ColumnList}) FROM STDIN (FORMAT BINARY)", ct);
        var types = table.Columns.Select(c => c.Mapping.StoreTypeNameBase).ToArray();
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            for (var i = 0; i < table.Columns.Count; i++)
            {
                if (table.Columns[i].Value(row) is { } value) await importer.WriteAsync(value, types[i], ct);
                else await importer.WriteNullAsync(ct);
            }
        }
        return (long)await importer.CompleteAsync(ct);
    }

    private static async Task<long> InsertAsync<T>(DbConnection connection, DbTransaction transaction, Table table, IEnumerable<T> rows, bool deferIndexes, CancellationToken ct)
        where T : class
    {
        var deferred = deferIndexes ? await DropSecondaryIndexesAsync(connection, transaction, table.RawName, ct) : [];
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var parameters = table.Columns.Select((c, i) => c.Mapping.CreateParameter(command, $"@p{i}", null, c.Nullable)).ToArray();
        command.Parameters.AddRange(parameters);
        command.CommandText = $"INSERT INTO {table.Name} ({table.ColumnList}) VALUES ({string.Join(", ", parameters.Select(p => p.ParameterName))})";
        await command.PrepareAsync(ct);
        // A long list's indexes outgrow SQLite's default page cache (2 MB); pages pushed out in the middle of the
        // transaction are written to the WAL, and written again when the next rows change them.
        var cache = await PragmaAsync(connection, transaction, "cache_size", ct);
        await PragmaAsync(connection, transaction, $"cache_size = {Math.Min(cache, -128 * 1024)}", ct);
        try
        {
            long written = 0;
            foreach (var row in rows)
            {
                for (var i = 0; i < parameters.Length; i++) parameters[i].Value = table.Columns[i].Value(row) ?? DBNull.Value;
                await command.ExecuteNonQueryAsync(ct);
                written++;
            }
            // Made again only when every row went in; a failure rolls the drop back with the rows.
            foreach (var create in deferred) await ExecuteAsync(connection, transaction, create, ct);
            return written;
        }
        finally
        {
            await PragmaAsync(connection, transaction, $"cache_size = {cache}", CancellationToken.None);
        }
    }

    /// <summary>Drops the table's indexes that no constraint needs (not unique, not the key) and returns the SQL that makes each again.</summary>
    private static async Task<List<string>> DropSecondaryIndexesAsync(DbConnection connection, DbTransaction transaction, string table, CancellationToken ct)
    {
        var indexes = new List<(string Name, string Sql)>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $table AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'";
            var p = command.CreateParameter();
            p.ParameterName = "$table";
            p.Value = table;
            command.Parameters.Add(p);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) indexes.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, _) in indexes) await ExecuteAsync(connection, transaction, $"DROP INDEX \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", ct);
        return indexes.Select(i => i.Sql).ToList();
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<long> PragmaAsync(DbConnection connection, DbTransaction transaction, string pragma, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"PRAGMA {pragma}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct) ?? 0L, CultureInfo.InvariantCulture);
    }
}
