using Hypercare.Core.Data;
using Hypercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hypercare.Web.Tests.Data;

public abstract class ModelTests(HypercareApp app)
{
    [Fact]
    public async Task Migrations_CoverTheModel_NoPendingModelChanges()
    {
        var pending = await app.WithServicesAsync(services =>
            Task.FromResult(services.GetRequiredService<HypercareDbContext>().Database.HasPendingModelChanges()));

        Assert.False(pending, $"The {app.Engine} migrations lag the model: run scripts/add-migration.sh <Name>.");
    }

    [Fact]
    public async Task Migrations_AllApplied_OnTheTestDatabase()
    {
        var pending = await app.WithServicesAsync(services => services.GetRequiredService<DatabaseMigrator>().PendingAsync());

        Assert.Empty(pending);
    }

    [Fact]
    public async Task AuditTrail_RefusesToChangeOrDeleteEntries()
    {
        var project = await app.NewProjectAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<HypercareDbContext>();
            var entry = await db.AuditEntries.FirstAsync(a => a.ProjectId == project.Id);
            db.AuditEntries.Remove(entry);
            return await db.SaveChangesAsync();
        }));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
    }
}

public sealed class ModelTests_Sqlite(SqliteApp app) : ModelTests(app), IClassFixture<SqliteApp>;

public sealed class ModelTests_Postgres(PostgresApp app) : ModelTests(app), IClassFixture<PostgresApp>;
