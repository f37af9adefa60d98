using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Concord.Tests.Storage;

/// <summary>
/// Commands use the model compiled ahead of time for their provider; it must be the model the code describes. After a
/// change to the model: `dotnet ef dbcontext optimize` for each provider (see README, "Changing the schema").
/// </summary>
public sealed class CompiledModelTests
{
    [Theory]
    [InlineData("sqlite", "concord.db")]
    [InlineData("postgres", "Host=localhost;Database=concord_model")]
    public void The_compiled_model_is_the_model_of_the_code(string provider, string target)
    {
        var database = DatabaseTarget.Parse(target);
        var compiled = Database.CompiledModel(database.Provider);
        Assert.NotNull(compiled);
        var builder = new DbContextOptionsBuilder<ConcordDbContext>();
        Database.Configure(builder, database, compiled: false);
        using var fromCode = new ConcordDbContext(builder.Options);
        using var fromCompiled = Database.Open(database);
        Assert.Same(compiled, fromCompiled.Model);

        // The read-optimised model keeps no design-time data for the migrations differ, so the two are compared by
        // what queries and the schema use: tables, columns and their store types, keys, indexes, foreign keys, and the
        // CLR type and converter of every property.
        static IEnumerable<string> Shape(IModel model)
        {
            var relational = model.GetRelationalModel();
            foreach (var table in relational.Tables.OrderBy(t => t.Name, StringComparer.Ordinal))
            {
                foreach (var c in table.Columns.OrderBy(c => c.Name, StringComparer.Ordinal)) yield return $"{table.Name}.{c.Name} {c.StoreType} {(c.IsNullable ? "null" : "not null")}";
                foreach (var k in table.UniqueConstraints.OrderBy(k => k.Name, StringComparer.Ordinal)) yield return $"{table.Name} key {k.Name} ({string.Join(',', k.Columns.Select(c => c.Name))})";
                foreach (var i in table.Indexes.OrderBy(i => i.Name, StringComparer.Ordinal)) yield return $"{table.Name} index {i.Name} ({string.Join(',', i.Columns.Select(c => c.Name))}) {(i.IsUnique ? "unique" : "")} {i.Filter}";
                foreach (var f in table.ForeignKeyConstraints.OrderBy(f => f.Name, StringComparer.Ordinal))
                    yield return $"{table.Name} fk {f.Name} ({string.Join(',', f.Columns.Select(c => c.Name))}) -> {f.PrincipalTable.Name} {f.OnDeleteAction}";
            }
            foreach (var e in model.GetEntityTypes().OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                foreach (var p in e.GetProperties()) yield return $"{e.Name}.{p.Name}: {p.ClrType.Name} {p.GetTypeMapping().Converter?.GetType().Name}";
            }
        }
        var code = Shape(fromCode.Model).ToList();
        var compiledShape = Shape(fromCompiled.Model).ToList();
        var differences = code.Except(compiledShape).Select(x => "code only: " + x).Concat(compiledShape.Except(code).Select(x => "compiled only: " + x)).ToList();
        Assert.True(differences.Count == 0,
            $"{provider}: the compiled model differs from the code: run `dotnet ef dbcontext optimize` (README, Changing the schema)\n" + string.Join('\n', differences.Take(20)));
    }
}
