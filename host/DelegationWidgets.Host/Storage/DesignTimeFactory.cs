using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DelegationWidgets.Host.Storage;

/// <summary>Lets <c>dotnet ef migrations add … --context SqliteDelegationDbContext</c> build the context without starting the host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteDelegationDbContext>
{
    public SqliteDelegationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteDelegationDbContext>().UseSqlite(StorageOptions.DefaultConnectionString).Options);
}

/// <summary>Lets <c>dotnet ef migrations add … --context PostgresDelegationDbContext</c> build the context (no server is contacted).</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDelegationDbContext>
{
    public PostgresDelegationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresDelegationDbContext>().UseNpgsql("Host=localhost;Database=delegation").Options);
}
