using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DelegationWidgets.Connectors.BuiltIn.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without a host.</summary>
internal sealed class DesignTimeDirectoryDbContextFactory : IDesignTimeDbContextFactory<DirectoryDbContext>
{
    public DirectoryDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<DirectoryDbContext>();
        DirectoryDbContext.Configure(builder, "Data Source=design-time-directory.db");
        return new DirectoryDbContext(builder.Options);
    }
}
