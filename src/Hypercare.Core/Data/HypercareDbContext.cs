using System.Text.Json;
using Hypercare.Core.Adoption;
using Hypercare.Core.Audit;
using Hypercare.Core.Communications;
using Hypercare.Core.Issues;
using Hypercare.Core.KnownIssues;
using Hypercare.Core.Notifications;
using Hypercare.Core.Patches;
using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Hypercare.Core.Sla;
using Hypercare.Core.StatusPage;
using Hypercare.Core.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Hypercare.Core.Data;

public sealed class HypercareDbContext(DbContextOptions<HypercareDbContext> options, AuditActor actor, TimeProvider time)
    : DbContext(options)
{
    public DbSet<User> Users => Set<User>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

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

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<User>(b =>
        {
            b.Property(u => u.Email).HasMaxLength(User.EmailMaxLength);
            b.Property(u => u.DisplayName).HasMaxLength(User.NameMaxLength);
            b.Property(u => u.PasswordHash).HasMaxLength(200);
            b.HasIndex(u => u.Email).IsUnique();
        });

        modelBuilder.Entity<ApiToken>(b =>
        {
            b.Property(t => t.Name).HasMaxLength(ApiToken.NameMaxLength);
            b.Property(t => t.Prefix).HasMaxLength(16);
            b.Property(t => t.TokenHash).HasMaxLength(64);
            b.HasIndex(t => t.TokenHash).IsUnique();
            b.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId);
            b.Ignore(t => t.IsActive);
        });

        modelBuilder.Entity<Project>(b =>
        {
            b.Property(p => p.Name).HasMaxLength(Project.NameMaxLength);
            b.Property(p => p.SystemName).HasMaxLength(Project.SystemMaxLength);
            b.Property(p => p.TimeZoneId).HasMaxLength(64);
            b.Property(p => p.Sev1Definition).HasMaxLength(Project.SeverityDefinitionMaxLength);
            b.Property(p => p.Sev2Definition).HasMaxLength(Project.SeverityDefinitionMaxLength);
            b.Property(p => p.Sev3Definition).HasMaxLength(Project.SeverityDefinitionMaxLength);
            b.Property(p => p.Version).IsConcurrencyToken();
            b.Ignore(p => p.TimeZone);
            b.HasMany(p => p.Members).WithOne().HasForeignKey(m => m.ProjectId);
        });

        modelBuilder.Entity<ProjectMember>(b =>
        {
            b.HasKey(m => new { m.ProjectId, m.UserId });
            b.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId);
            b.HasIndex(m => m.UserId);
        });

        modelBuilder.Entity<Issue>(b =>
        {
            b.Property(i => i.Title).HasMaxLength(Issue.TitleMaxLength);
            b.Property(i => i.Description).HasMaxLength(Issue.DescriptionMaxLength);
            b.Property(i => i.AffectedArea).HasMaxLength(Issue.AreaMaxLength);
            b.Property(i => i.Version).IsConcurrencyToken();
            b.HasOne<Project>().WithMany().HasForeignKey(i => i.ProjectId);
            b.HasOne(i => i.Reporter).WithMany().HasForeignKey(i => i.ReporterId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne(i => i.Assignee).WithMany().HasForeignKey(i => i.AssigneeId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Issue>().WithMany().HasForeignKey(i => i.DuplicateOfId).OnDelete(DeleteBehavior.Restrict);
            b.HasMany(i => i.Comments).WithOne().HasForeignKey(c => c.IssueId);
            // The list's default order and the dashboard's groupings all start from the project.
            b.HasIndex(i => new { i.ProjectId, i.ReportedAt });
            // Covers the dashboard's one grouped pass (status, severity, category) and any (status[, severity]) filter.
            b.HasIndex(i => new { i.ProjectId, i.Status, i.Severity, i.Category });
            b.HasIndex(i => new { i.ProjectId, i.AssigneeId });
            b.HasIndex(i => new { i.ProjectId, i.ReporterId });
            // Covering indexes for the dashboard's counts and the list's severity order (measured on 100k issues: ADR 0003).
            b.HasIndex(i => new { i.ProjectId, i.Category });
            b.HasIndex(i => new { i.ProjectId, i.Status, i.OwningTeam, i.AssigneeId });
            b.HasIndex(i => new { i.ProjectId, i.Severity, i.ReportedAt });
        });

        modelBuilder.Entity<IssueComment>(b =>
        {
            b.Property(c => c.Body).HasMaxLength(IssueComment.BodyMaxLength);
            b.HasOne(c => c.Author).WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(c => new { c.IssueId, c.CreatedAt });
        });

        SlaModel.Configure(modelBuilder);

        modelBuilder.Entity<AuditEntry>(b =>
        {
            b.Property(a => a.SubjectType).HasMaxLength(32);
            b.Property(a => a.SubjectId).HasMaxLength(32);
            b.Property(a => a.EntityType).HasMaxLength(64);
            b.Property(a => a.EntityId).HasMaxLength(32);
            b.Property(a => a.ActorName).HasMaxLength(User.NameMaxLength);
            b.Property(a => a.Changes).HasConversion(
                v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
                v => JsonSerializer.Deserialize<List<FieldChange>>(v, JsonSerializerOptions.Default) ?? new List<FieldChange>(),
                new ValueComparer<IReadOnlyList<FieldChange>>(
                    (a, b) => ReferenceEquals(a, b),
                    v => v.Count,
                    v => v));
            b.HasIndex(a => new { a.SubjectType, a.SubjectId, a.At });
            b.HasIndex(a => new { a.ProjectId, a.At });
        });

        AdoptionModel.Configure(modelBuilder);
        KnownIssuesModel.Configure(modelBuilder);
        PatchesModel.Configure(modelBuilder);
        StatusPageModel.Configure(modelBuilder);
        CommunicationsModel.Configure(modelBuilder);
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
