using System.Data.Common;
using Concord.Core.Domain;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Infrastructure;

/// <summary>
/// Rows as the database keeps them, read past EF: the value and the type each column comes back as (on SQLite, its
/// storage class and text form), so that a row written by the bulk path can be held against one SaveChanges wrote.
/// </summary>
public static class StoredRows
{
    /// <summary>Every column of the row of <typeparamref name="T"/>'s table whose id is given.</summary>
    public static async Task<Dictionary<string, object?>> ReadAsync<T>(ConcordDbContext db, Guid id) where T : Entity
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{entity.GetTableName()}\"";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = Row(reader);
            if (Guid.Parse(Convert.ToString(row["Id"], System.Globalization.CultureInfo.InvariantCulture)!) == id) return row;
        }
        throw new Xunit.Sdk.XunitException($"no {typeof(T).Name} {id} stored");
    }

    private static Dictionary<string, object?> Row(DbDataReader reader)
    {
        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < reader.FieldCount; i++) row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        return row;
    }

    /// <summary>
    /// Writes a copy of <paramref name="written"/> with SaveChanges (with the changes <paramref name="distinct"/> makes so
    /// that it may stand beside it) and asserts that the two rows are stored alike: every column the same type, every
    /// value the same but the id (written in the same form) and the columns <paramref name="distinct"/> changed.
    /// </summary>
    public static async Task AssertStoredAsSaveChangesWouldAsync<T>(TestDatabase database, T written, Action<T> distinct, params string[] changed) where T : Entity
    {
        Guid copyId;
        await using (var db = database.Open())
        {
            var copy = (T)db.Entry(written).CurrentValues.ToObject();
            copy.Id = Guid.CreateVersion7();
            distinct(copy);
            db.Add(copy);
            await db.SaveChangesAsync();
            copyId = copy.Id;
        }
        await using var check = database.Open();
        var bulk = await ReadAsync<T>(check, written.Id);
        var saved = await ReadAsync<T>(check, copyId);
        Assert.Equal(saved.Keys.Order(StringComparer.Ordinal), bulk.Keys.Order(StringComparer.Ordinal));
        foreach (var (column, value) in saved)
        {
            var other = bulk[column];
            Assert.True(value?.GetType() == other?.GetType(), $"{typeof(T).Name}.{column}: SaveChanges stored {Describe(value)}, the bulk path {Describe(other)}");
            if (column == "Id")
                Assert.True(SameForm(value, other), $"{typeof(T).Name}.{column}: SaveChanges stored {Describe(value)}, the bulk path {Describe(other)}");
            else if (!changed.Contains(column))
                Assert.True(Equals(value, other), $"{typeof(T).Name}.{column}: SaveChanges stored {Describe(value)}, the bulk path {Describe(other)}");
        }
    }

    /// <summary>Written the same way: text as long, and upper or lower case alike (a GUID kept as text).</summary>
    private static bool SameForm(object? a, object? b) => (a, b) switch
    {
        (string x, string y) => x.Length == y.Length && (x == x.ToUpperInvariant()) == (y == y.ToUpperInvariant()),
        _ => a?.GetType() == b?.GetType(),
    };

    private static string Describe(object? value) => value is null ? "NULL" : $"{value.GetType().Name} '{value}'";
}
