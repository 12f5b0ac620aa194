using Hypercare.Core.Communications;
using Hypercare.Core.Projects;
using Hypercare.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Tests.Communications;

/// <summary>What report tests do to a <see cref="TestStore"/>: schedule, run what is due, read what was sent.</summary>
public static class ReportSteps
{
    public static Task<SchedulerResult> RunDueAsync(this TestStore store) => store.RunAsync<ReportScheduler, SchedulerResult>(s => s.RunDueAsync());

    public static Task<Outcome<ScheduleResponse>> ScheduleAsync(this TestStore store, ReportKind kind, string time, DayOfWeek[] days, ProjectRole[] roles,
        string? slack = null, string? teams = null) =>
        store.RunAsync<CommunicationsService, Outcome<ScheduleResponse>>(c => c.PutScheduleAsync(store.Access, kind,
            new ScheduleRequest(true, time, days, roles, [], true, slack, teams, null)));

    public static Task<List<ReportSend>> SendsAsync(this TestStore store) =>
        store.DbAsync(db => db.ReportSends.AsNoTracking().Include(s => s.Recipients).OrderBy(s => s.SentAt).ToListAsync());
}
