using Hypercare.Core.Audit;
using Hypercare.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Hypercare.Migrations.Sqlite;

/// <summary>Lets `dotnet ef migrations add` build the SQLite model without a host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<HypercareDbContext>
{
    public HypercareDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<HypercareDbContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
            .Options,
        new AuditActor(),
        TimeProvider.System);
}
