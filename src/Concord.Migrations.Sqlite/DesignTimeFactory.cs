using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore.Design;

namespace Concord.Migrations.Sqlite;

/// <summary>Lets `dotnet ef migrations add` build the model for SQLite without a running app.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ConcordDbContext>
{
    public ConcordDbContext CreateDbContext(string[] args)
    {
        Database.DesignTime = true;
        return Database.Open(DatabaseTarget.Parse("design-time.db"));
    }
}
