using Hypercare.Core.Audit;
using Hypercare.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Hypercare.Migrations.Postgres;

/// <summary>Lets `dotnet ef migrations add` build the PostgreSQL model without a host or a server.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<HypercareDbContext>
{
    public HypercareDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<HypercareDbContext>()
            .UseNpgsql("Host=localhost;Database=hypercare_design", o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
            .Options,
        new AuditActor(),
        TimeProvider.System);
}
