using Hypercare.Core.Adoption;
using Hypercare.Core.Audit;
using Hypercare.Core.Cluster;
using Hypercare.Core.Communications;
using Hypercare.Core.Exit;
using Hypercare.Core.Handover;
using Hypercare.Core.Issues;
using Hypercare.Core.KnownIssues;
using Hypercare.Core.Notifications;
using Hypercare.Core.Patches;
using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Hypercare.Core.Sla;
using Hypercare.Core.StatusPage;
using Hypercare.Core.Team;
using Hypercare.Core.Triage;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Hypercare.Core.Data;

public sealed class HypercareDbContext(DbContextOptions<HypercareDbContext> options, AuditActor actor, TimeProvider time)
    : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<User> Users => Set<User>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<SignInAttempt> SignInAttempts => Set<SignInAttempt>();

    public DbSet<Project> Projects => Set<Project>();

    public DbSet<ProjectMember> ProjectMembers => Set<ProjectMember>();

    public DbSet<Issue> Issues => Set<Issue>();

    public DbSet<IssueComment> IssueComments => Set<IssueComment>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<PlanPhase> PlanPhases => Set<PlanPhase>();

    public DbSet<IssueEvent> IssueEvents => Set<IssueEvent>();

    public DbSet<SlaAlert> SlaAlerts => Set<SlaAlert>();

    public DbSet<Handoff> Handoffs => Set<Handoff>();

    public DbSet<TriageSession> TriageSessions => Set<TriageSession>();

    public DbSet<TriageDecision> TriageDecisions => Set<TriageDecision>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<RosterUser> AdoptionRoster => Set<RosterUser>();

    public DbSet<LoginEvent> AdoptionLoginEvents => Set<LoginEvent>();

    public DbSet<LoginDay> AdoptionLoginDays => Set<LoginDay>();

    public DbSet<LoginKeyBlock> AdoptionLoginKeyBlocks => Set<LoginKeyBlock>();

    public DbSet<LoginTextKey> AdoptionLoginTextKeys => Set<LoginTextKey>();

    public DbSet<LoginUser> AdoptionLoginUsers => Set<LoginUser>();

    public DbSet<LoginDaySet> AdoptionLoginDaySets => Set<LoginDaySet>();

    public DbSet<FailureDay> AdoptionFailureDays => Set<FailureDay>();

    public DbSet<UserActivity> AdoptionUserActivity => Set<UserActivity>();

    public DbSet<UsageEvent> AdoptionUsageEvents => Set<UsageEvent>();

    public DbSet<AdoptionDailyStat> AdoptionDailyStats => Set<AdoptionDailyStat>();

    public DbSet<AdoptionSettings> AdoptionSettings => Set<AdoptionSettings>();

    public DbSet<FeatureRule> AdoptionFeatureRules => Set<FeatureRule>();

    public DbSet<AdoptionTarget> AdoptionTargets => Set<AdoptionTarget>();

    public DbSet<AdoptionFlag> AdoptionFlags => Set<AdoptionFlag>();

    public DbSet<AdoptionImport> AdoptionImports => Set<AdoptionImport>();

    public DbSet<KnownIssue> KnownIssues => Set<KnownIssue>();

    public DbSet<KnownIssueLink> KnownIssueLinks => Set<KnownIssueLink>();

    public DbSet<Patch> Patches => Set<Patch>();

    public DbSet<PatchIssue> PatchIssues => Set<PatchIssue>();

    public DbSet<PhasePatchCadence> PatchCadences => Set<PhasePatchCadence>();

    public DbSet<StatusPageLink> StatusPageLinks => Set<StatusPageLink>();

    public DbSet<ReportSchedule> ReportSchedules => Set<ReportSchedule>();

    public DbSet<ReportDraft> ReportDrafts => Set<ReportDraft>();

    public DbSet<ReportSend> ReportSends => Set<ReportSend>();

    public DbSet<ReportRecipient> ReportRecipients => Set<ReportRecipient>();

    public DbSet<ProjectStageChange> ProjectStageChanges => Set<ProjectStageChange>();

    public DbSet<ExitRule> ExitRules => Set<ExitRule>();

    public DbSet<ExitSignOff> ExitSignOffs => Set<ExitSignOff>();

    public DbSet<ExitOverride> ExitOverrides => Set<ExitOverride>();

    public DbSet<ExitExtension> ExitExtensions => Set<ExitExtension>();

    public DbSet<ExitEvaluationRecord> ExitEvaluations => Set<ExitEvaluationRecord>();

    public DbSet<ExitEndAlert> ExitEndAlerts => Set<ExitEndAlert>();

    public DbSet<HandoverArea> HandoverAreas => Set<HandoverArea>();

    public DbSet<HandoverItem> HandoverItems => Set<HandoverItem>();

    public DbSet<RotaSettings> RotaSettings => Set<RotaSettings>();

    public DbSet<RotaAvailability> RotaAvailability => Set<RotaAvailability>();

    public DbSet<RotaTimeOff> RotaTimeOff => Set<RotaTimeOff>();

    public DbSet<TeamShift> TeamShifts => Set<TeamShift>();

    public DbSet<ShiftSwap> ShiftSwaps => Set<ShiftSwap>();

    /// <summary>The web nodes' shared key ring (cookies, antiforgery): secret, so never audited (ADR 0060).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<JobLease> JobLeases => Set<JobLease>();

    public DbSet<Standups.StandupSchedule> StandupSchedules => Set<Standups.StandupSchedule>();

    public DbSet<Standups.StandupSeries> StandupSeries => Set<Standups.StandupSeries>();

    public DbSet<Standups.StandupMinutes> StandupMinutes => Set<Standups.StandupMinutes>();

    public DbSet<Standups.StandupActionItem> StandupActionItems => Set<Standups.StandupActionItem>();

    public DbSet<Standups.CalendarFeed> CalendarFeeds => Set<Standups.CalendarFeed>();
    public DbSet<Planning.ProjectSowPlan> SowPlans => Set<Planning.ProjectSowPlan>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in SQL, stable when members are reordered.
        configurationBuilder.Properties<Severity>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<IssueStatus>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<IssueCategory>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<OwningTeam>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<ProjectRole>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<AuditAction>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<TimelineEventKind>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<AlertKind>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<StandupCadence>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<OutboxStatus>().HaveConversion<string>().HaveMaxLength(16);

        if (Database.IsSqlite())
        {
            // SQLite has no instant type; UTC ticks keep ordering and comparison in SQL exact (ADR 0003).
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
    }

    /// <summary>Each feature maps its own tables (ADR 0043); the schema is the sum of these calls.</summary>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        PeopleModel.Configure(modelBuilder);
        ProjectsModel.Configure(modelBuilder);
        IssuesModel.Configure(modelBuilder);
        SlaModel.Configure(modelBuilder);
        TriageModel.Configure(modelBuilder);
        NotificationsModel.Configure(modelBuilder);
        AuditModel.Configure(modelBuilder);
        AdoptionModel.Configure(modelBuilder);
        KnownIssuesModel.Configure(modelBuilder);
        ExitModel.Configure(modelBuilder);
        HandoverModel.Configure(modelBuilder);
        TeamModel.Configure(modelBuilder);
        PatchesModel.Configure(modelBuilder);
        StatusPageModel.Configure(modelBuilder);
        CommunicationsModel.Configure(modelBuilder);
        ClusterModel.Configure(modelBuilder);
        Standups.StandupsModel.Configure(modelBuilder);
        Planning.PlanningModel.Configure(modelBuilder);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (!Database.IsSqlite() || Database.CurrentTransaction is not null)
        {
            return await SaveWithAuditAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        // SQLite has one writer at a time and its busy handlers wait by sleeping (Microsoft.Data.Sqlite retries every
        // 150 ms). Queueing this process's writers on a semaphore instead keeps write latency flat under load (ADR 0003).
        var gate = SqliteWriteGates.GetOrAdd(Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await SaveWithAuditAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> SqliteWriteGates = new(StringComparer.Ordinal);

    private async Task<int> SaveWithAuditAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        PlainText.Check(ChangeTracker);
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.Version++;
            }
        }

        var pending = AuditRecorder.Capture(ChangeTracker);
        if (pending.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        // Changes and their audit rows commit together or not at all.
        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            AuditEntries.AddRange(AuditRecorder.Complete(pending, actor.Current, time.GetUtcNow()));
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }

            return written;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}
