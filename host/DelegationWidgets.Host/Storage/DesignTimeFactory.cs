using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DelegationWidgets.Host.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without starting the host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<DelegationDbContext>
{
    public DelegationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DelegationDbContext>().UseSqlite(StorageOptions.DefaultConnectionString).Options);
}
