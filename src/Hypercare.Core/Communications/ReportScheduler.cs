using Hypercare.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Hypercare.Core.Communications;

/// <summary>
/// One pass of the report scheduler (ADR 0041): for each enabled schedule, the latest slot due now is sent unless the
/// archive already holds it, it predates the schedule's start, or it is later than the catch-up window. Sending writes
/// the archive row (unique on project, kind and slot date) and the outbox messages in one transaction, so a restart never
/// repeats a slot and, of two nodes racing for one, the second's insert fails and rolls back whole.
/// </summary>
public sealed partial class ReportScheduler(HypercareDbContext db, CommunicationsService communications, ReportSettings settings, TimeProvider time,
    ILogger<ReportScheduler> logger)
{
    public async Task<SchedulerResult> RunDueAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        // A closed project's schedules stop; they stay stored and run again if the project is reopened.
        var schedules = await db.ReportSchedules.AsNoTracking().Where(s => s.Enabled)
            .Join(db.Projects.Where(p => p.Stage != Exit.ProjectStage.Closed), s => s.ProjectId, p => p.Id, (s, p) => new { Schedule = s, p.TimeZoneId })
            .ToListAsync(cancellationToken);
        int sent = 0, already = 0, missed = 0;
        foreach (var item in schedules.OrderBy(s => s.Schedule.ProjectId).ThenBy(s => s.Schedule.Kind))
        {
            var schedule = item.Schedule;
            var slot = ReportSlots.Latest(schedule.DaysMask, schedule.LocalTime, TimeZoneInfo.FindSystemTimeZoneById(item.TimeZoneId), now);
            if (slot is null || slot.At < schedule.ActiveFrom)
            {
                continue;
            }

            if (await SlotTakenAsync(schedule, slot, cancellationToken))
            {
                already++;
                continue;
            }

            if (now - slot.At > settings.CatchUpWindow)
            {
                // Recorded once: the row holds the slot, so later passes count it as taken and do not warn again.
                if (await RecordMissedAsync(schedule, slot, now, cancellationToken))
                {
                    missed++;
                    LogMissed(schedule.ProjectId, schedule.Kind, slot.Date, settings.CatchUpWindow.TotalHours);
                }
                else
                {
                    already++;
                }

                continue;
            }

            try
            {
                var send = await communications.SendAsync(schedule.ProjectId, schedule, ReportTrigger.Schedule, slot, null, "scheduler", cancellationToken);
                sent++;
                LogSent(schedule.ProjectId, schedule.Kind, slot.Date, send.Recipients.Count);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                if (!await SlotTakenAsync(schedule, slot, cancellationToken))
                {
                    throw;
                }

                // Another node wrote this slot first; its transaction holds the archive row and the messages, ours rolled back.
                already++;
            }
        }

        return new SchedulerResult(sent, already, missed);
    }

    private async Task<bool> RecordMissedAsync(Communications.ReportSchedule schedule, ReportSlot slot, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.ReportSends.Add(ReportSend.Missed(schedule.ProjectId, schedule.Kind, slot, settings.CatchUpWindow, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (!await SlotTakenAsync(schedule, slot, cancellationToken))
            {
                throw;
            }

            // Another node recorded (or sent) this slot first.
            return false;
        }
    }

    private Task<bool> SlotTakenAsync(Communications.ReportSchedule schedule, ReportSlot slot, CancellationToken cancellationToken) =>
        db.ReportSends.AnyAsync(r => r.ProjectId == schedule.ProjectId && r.Kind == schedule.Kind && r.SlotDate == slot.Date, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {Kind} of project {ProjectId} for {Slot} sent to {Recipients} recipient(s)")]
    private partial void LogSent(int projectId, ReportKind kind, DateOnly slot, int recipients);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {Kind} of project {ProjectId} for {Slot} was not sent: no scheduler ran within {WindowHours} h of the slot; recorded as missed")]
    private partial void LogMissed(int projectId, ReportKind kind, DateOnly slot, double windowHours);
}
