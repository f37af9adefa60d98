using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore.Design;

namespace Concord.Migrations.Postgres;

/// <summary>Lets `dotnet ef migrations add` build the model for PostgreSQL without a server.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ConcordDbContext>
{
    public ConcordDbContext CreateDbContext(string[] args)
    {
        Database.DesignTime = true;
        return Database.Open(DatabaseTarget.Parse("Host=localhost;Database=concord_design"));
    }
}
