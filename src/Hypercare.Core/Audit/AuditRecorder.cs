using System.Globalization;
using Hypercare.Core.Communications;
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
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Hypercare.Core.Audit;

/// <summary>
/// Turns the change tracker's pending changes into audit rows. Captured before the save (original values are
/// still known) and completed after it (generated ids are known), inside the same transaction.
/// </summary>
internal static class AuditRecorder
{
    // Bookkeeping and derived state: the SLA columns are recomputed from the timeline; the alerts they cause are audited.
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal)
    {
        "Id", "Version", "UpdatedAt", "LastUsedAt",
        "ResponseDueAt", "ResolutionDueAt", "UpdateDueAt", "SlaPaused", "ResponseBreached", "ResolutionBreached",
    };

    // Derived or outbound records, not changes anybody made: the issue timeline (a projection of audited changes),
    // inbox entries and outgoing messages; an archived report is itself the record of what was sent, by whom and to whom;
    // a day's exit evaluation is recomputed from the facts each time; a sign-in attempt is itself the record of sign-ins
    // (ADR 0050), and a session's only change after it starts is its end. A rota's shifts are written by the hundred
    // when it is generated: TeamService records one row per generation, manual shift and swap instead (ADR 0051). The
    // data-protection key ring is secret and a job lease is bookkeeping (ADR 0060).
    private static readonly HashSet<Type> Unaudited = [typeof(IssueEvent), typeof(Notification), typeof(OutboxMessage), typeof(ReportSend), typeof(ReportRecipient),
        typeof(Exit.ExitEvaluationRecord), typeof(SignInAttempt), typeof(UserSession), typeof(TeamShift),
        typeof(Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey), typeof(Cluster.JobLease)];
    private static readonly HashSet<string> Redacted = new(StringComparer.Ordinal) { "PasswordHash", "TokenHash", "Token" };

    internal sealed record Pending(EntityEntry Entry, AuditAction Action, List<FieldChange> Changes);

    public static List<Pending> Capture(ChangeTracker tracker)
    {
        var pending = new List<Pending>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.Entity is AuditEntry)
            {
                if (entry.State is EntityState.Modified or EntityState.Deleted)
                {
                    throw new InvalidOperationException("The audit trail is append-only: audit entries are never changed or deleted.");
                }

                continue;
            }

            if (Unaudited.Contains(entry.Metadata.ClrType))
            {
                continue;
            }

            var action = entry.State switch
            {
                EntityState.Added => AuditAction.Created,
                EntityState.Modified => AuditAction.Updated,
                EntityState.Deleted => AuditAction.Deleted,
                _ => (AuditAction?)null,
            };
            if (action is null)
            {
                continue;
            }

            var changes = new List<FieldChange>();
            foreach (var property in entry.Properties)
            {
                var name = property.Metadata.Name;
                if (Skipped.Contains(name) || property.Metadata.IsShadowProperty())
                {
                    continue;
                }

                var before = action == AuditAction.Created ? null : Format(property.OriginalValue);
                var after = action == AuditAction.Deleted ? null : Format(property.CurrentValue);
                if (action == AuditAction.Updated && (!property.IsModified || before == after))
                {
                    continue;
                }

                if (action == AuditAction.Created && after is null)
                {
                    continue;
                }

                if (Redacted.Contains(name))
                {
                    before = before is null ? null : "(redacted)";
                    after = after is null ? null : "(redacted)";
                }

                changes.Add(new FieldChange(name, before, after));
            }

            if (action == AuditAction.Updated && changes.Count == 0)
            {
                continue;
            }

            pending.Add(new Pending(entry, action.Value, changes));
        }

        return pending;
    }

    public static IEnumerable<AuditEntry> Complete(IEnumerable<Pending> pending, Caller actor, DateTimeOffset now)
    {
        foreach (var p in pending)
        {
            var (projectId, subjectType, subjectId, entityId) = Describe(p.Entry.Entity);
            yield return AuditEntry.Record(projectId, subjectType, subjectId, p.Entry.Metadata.ClrType.Name, entityId,
                p.Action, actor.UserId == 0 ? null : actor.UserId, actor.DisplayName, now, p.Changes);
        }
    }

    private static (int? ProjectId, string SubjectType, string SubjectId, string EntityId) Describe(object entity) => entity switch
    {
        Issue i => (i.ProjectId, "Issue", Id(i.Id), Id(i.Id)),
        IssueComment c => (null, "Issue", Id(c.IssueId), Id(c.Id)),
        SlaAlert a => (a.ProjectId, "Issue", Id(a.IssueId), a.Id.ToString(CultureInfo.InvariantCulture)),
        Handoff h => (h.ProjectId, "Issue", Id(h.IssueId), h.Id.ToString(CultureInfo.InvariantCulture)),
        TriageDecision d => (d.ProjectId, "Issue", Id(d.IssueId), d.Id.ToString(CultureInfo.InvariantCulture)),
        TriageSession t => (t.ProjectId, "Project", Id(t.ProjectId), Id(t.Id)),
        PlanPhase p => (p.ProjectId, "Project", Id(p.ProjectId), Id(p.Id)),
        Project p => (p.Id, "Project", Id(p.Id), Id(p.Id)),
        ProjectMember m => (m.ProjectId, "Project", Id(m.ProjectId), $"{Id(m.ProjectId)}/{Id(m.UserId)}"),
        KnownIssue k => (k.ProjectId, "KnownIssue", Id(k.Id), Id(k.Id)),
        KnownIssueLink l => (l.ProjectId, "Issue", Id(l.IssueId), $"{Id(l.KnownIssueId)}/{Id(l.IssueId)}"),
        Patch p => (p.ProjectId, "Patch", Id(p.Id), Id(p.Id)),
        PatchIssue pi => (pi.ProjectId, "Issue", Id(pi.IssueId), $"{Id(pi.PatchId)}/{Id(pi.IssueId)}"),
        PhasePatchCadence c => (c.ProjectId, "Project", Id(c.ProjectId), Id(c.PlanPhaseId)),
        ReportSchedule r => (r.ProjectId, "Project", Id(r.ProjectId), Id(r.Id)),
        ReportDraft d => (d.ProjectId, "Project", Id(d.ProjectId), Id(d.Id)),
        StatusPageLink l => (l.ProjectId, "Project", Id(l.ProjectId), Id(l.ProjectId)),
        RotaSettings r => (r.ProjectId, "Project", Id(r.ProjectId), Id(r.ProjectId)),
        RotaAvailability a => (a.ProjectId, "Project", Id(a.ProjectId), Id(a.Id)),
        RotaTimeOff t => (t.ProjectId, "Project", Id(t.ProjectId), Id(t.Id)),
        ShiftSwap w => (w.ProjectId, "Project", Id(w.ProjectId), Id(w.Id)),
        Planning.ProjectSowPlan s => (s.ProjectId, "Project", Id(s.ProjectId), Id(s.ProjectId)),
        Standups.StandupSchedule s => (s.ProjectId, "Project", Id(s.ProjectId), Id(s.Id)),
        Standups.StandupSeries s => (s.ProjectId, "Project", Id(s.ProjectId), Id(s.Id)),
        Standups.StandupMinutes m => (m.ProjectId, "Project", Id(m.ProjectId), Id(m.Id)),
        Standups.StandupActionItem a => (a.ProjectId, "Project", Id(a.ProjectId), Id(a.Id)),
        Standups.CalendarFeed f => (f.ProjectId, "Project", Id(f.ProjectId), Id(f.Id)),
        User u => (null, "User", Id(u.Id), Id(u.Id)),
        ApiToken t => (null, "User", Id(t.UserId), Id(t.Id)),
        _ => (null, entity.GetType().Name, "", ""),
    };

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static string? Format(object? value) => value switch
    {
        null => null,
        DateTimeOffset d => d.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
