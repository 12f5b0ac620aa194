using Hypercare.Core.Audit;
using Hypercare.Core.Data;
using Hypercare.Core.Projects;
using Hypercare.Core.Team;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Demo;

public sealed partial class DemoSeeder
{
    /// <summary>The rota as the lead would generate it now: the next four weeks of the plan, filled from the team under the default rules.</summary>
    private static async Task SeedRotaAsync(DbContextOptions<HypercareDbContext> options, TimeProvider time, int projectId,
        (int Id, string Name, ProjectRole Role) lead, CancellationToken cancellationToken)
    {
        var access = As(projectId, lead);
        var actor = new AuditActor { Current = access.Caller };
        await using var db = new HypercareDbContext(options, actor, time);
        var today = LocalDays.Today(time.GetUtcNow(), Zone);
        var generated = await new TeamService(db, actor, time).GenerateAsync(access, new GenerateRotaRequest(today, today.AddDays(27)), cancellationToken);
        if (!generated.Succeeded)
        {
            throw new InvalidOperationException($"Demo rota refused: {generated.Failure!.Message}");
        }
    }
}
