using Hypercare.Core.Adoption;
using Hypercare.Core.Adoption.Flags;
using Hypercare.Core.Adoption.Import;
using Hypercare.Core.Adoption.Metrics;
using Hypercare.Core.Audit;
using Hypercare.Core.Communications;
using Hypercare.Core.Data;
using Hypercare.Core.Demo;
using Hypercare.Core.Issues;
using Hypercare.Core.KnownIssues;
using Hypercare.Core.Notifications;
using Hypercare.Core.Notifications.Delivery;
using Hypercare.Core.Patches;
using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Hypercare.Core.Sla;
using Hypercare.Core.StatusPage;
using Hypercare.Core.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hypercare.Core;

public static class HypercareCoreExtensions
{
    /// <summary>The one place Core services are registered; both hosts call it.</summary>
    public static IServiceCollection AddHypercareCore(this IServiceCollection services, DatabaseTarget database)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(database);
        services.AddScoped<AuditActor>();
        services.AddDbContext<HypercareDbContext>(options =>
        {
            if (database.Provider == DatabaseProvider.Sqlite)
            {
                options.UseSqlite(database.ConnectionString, o => o.MigrationsAssembly("Hypercare.Migrations.Sqlite"));
                options.AddInterceptors(new SqlitePragmas());
            }
            else
            {
                options.UseNpgsql(database.ConnectionString, o => o.MigrationsAssembly("Hypercare.Migrations.Postgres"));
            }
        });
        services.AddScoped<DatabaseMigrator>();
        services.AddScoped<Cluster.JobLeases>();
        services.AddScoped<AccountService>();
        services.TryAddSingleton(sp => SignInLimits.From(sp.GetService<Microsoft.Extensions.Configuration.IConfiguration>()));
        services.AddScoped<SignInGuard>();
        services.AddScoped<SessionService>();
        services.AddScoped<ProjectService>();
        services.AddScoped<IssueService>();
        services.AddScoped<SlaPlanService>();
        services.AddScoped<SlaService>();
        services.AddScoped<SlaSweep>();
        services.AddScoped<SlaReports>();
        services.AddScoped<TriageService>();
        services.AddScoped<InboxService>();
        services.AddOutboxDelivery();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<AdoptionStatsBuilder>();
        services.AddScoped<AdoptionFlagEvaluator>();
        services.AddScoped<AdoptionFlagRun>();
        services.AddScoped<AdoptionImporter>();
        services.AddScoped<AdoptionService>();
        services.AddScoped<KnownIssueService>();
        services.AddScoped<KnownIssueSuggester>();
        services.AddScoped<PatchService>();
        services.AddScoped<StatusPageService>();
        services.TryAddSingleton(sp => ReportSettings.From(sp.GetService<Microsoft.Extensions.Configuration.IConfiguration>()));
        services.AddScoped<ReportGenerator>();
        services.AddScoped<ReportDispatch>();
        services.AddScoped<CommunicationsService>();
        services.AddScoped<ReportScheduler>();
        services.AddScoped<Exit.ExitService>();
        services.AddScoped<Handover.HandoverService>();
        services.AddScoped<Handover.KnowledgeDigestService>();
        services.AddScoped<Team.TeamService>();
        services.AddScoped<Standups.StandupService>();
        services.AddScoped<Planning.PlanService>();
        services.AddScoped<Notifications.Delivery.IOutboxBodySource, ReportBodies>();
        return services;
    }
}
