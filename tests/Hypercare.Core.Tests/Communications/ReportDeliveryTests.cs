using System.Text.Json;
using Hypercare.Core.Communications;
using Hypercare.Core.Issues;
using Hypercare.Core.KnownIssues;
using Hypercare.Core.Notifications;
using Hypercare.Core.Patches;
using Hypercare.Core.Projects;
using Hypercare.Core.Tests.Infrastructure;
using Hypercare.Core.Tests.Notifications;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Hypercare.Core.Tests.Communications;

/// <summary>Reports through the real outbox to a real SMTP server and a real HTTP listener; who may receive what.</summary>
public sealed class ReportDeliveryTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 11, 16, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SendNow_SponsorStatus_HtmlWithInlineChartAndTextToViewAllIssuesRolesOnly()
    {
        await using var smtp = await new LocalSmtpServer().ReadyAsync();
        await using var store = await TestStore.CreateAsync(Start, TestStore.Delivery(smtp.Port), daysLive: 21);
        var lead = await store.MemberAsync("Lena", ProjectRole.HypercareLead);
        var sponsor = await store.MemberAsync("Sid", ProjectRole.Sponsor);
        await store.MemberAsync("Rory", ProjectRole.Reporter);
        await store.ScheduleAsync(ReportKind.SponsorStatus, "17:00", [DayOfWeek.Wednesday], [ProjectRole.HypercareLead, ProjectRole.Sponsor]);

        var sent = await store.RunAsync<CommunicationsService, Outcome<ReportSendResponse>>(c => c.SendNowAsync(store.Access, ReportKind.SponsorStatus));
        // The HTML with its chart is stored once, on the archive row; the recipients' outbox rows hold only the text part.
        var stored = await store.DbAsync(db => db.OutboxMessages.AsNoTracking().Select(m => new { m.HtmlBody, m.Body }).ToListAsync());
        var result = await store.DispatchAsync();

        Assert.True(sent.Succeeded);
        Assert.Equal(2, stored.Count);
        Assert.All(stored, m => Assert.Null(m.HtmlBody));
        Assert.Contains("data:image/png;base64,", sent.Value!.Html, StringComparison.Ordinal);
        Assert.Equal([lead.Email, sponsor.Email], sent.Value!.Recipients!.Select(r => r.Address).Order());
        Assert.Equal(2, result.Sent);
        Assert.Equal([lead.Email, sponsor.Email], smtp.Messages.Select(m => m.To.Mailboxes.Single().Address).Order());
        var mail = smtp.Messages[0];
        Assert.Equal("Atlas: sponsor status Wed 11 Mar 2026", mail.Subject);
        Assert.Contains("| Severity | New | Open |", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Full report: https://hypercare.example.com/projects/", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("<table style=", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("data:image", mail.HtmlBody, StringComparison.Ordinal);
        var image = Assert.Single(mail.BodyParts.OfType<MimePart>(), p => p.ContentType.MimeType == "image/png");
        Assert.Contains($"cid:{image.ContentId}", mail.HtmlBody, StringComparison.Ordinal);
        var archived = await store.RunAsync<CommunicationsService, Outcome<ReportSendResponse>>(c => c.GetAsync(store.Access, sent.Value.Key));
        Assert.All(archived.Value!.Recipients!, r => Assert.Equal(OutboxStatus.Sent, r.Status));
    }

    [Fact]
    public async Task Dispatch_SponsorStatusAfterRecipientBecameReporter_NotDelivered()
    {
        await using var smtp = await new LocalSmtpServer().ReadyAsync();
        await using var store = await TestStore.CreateAsync(Start, TestStore.Delivery(smtp.Port), daysLive: 21);
        var sponsor = await store.MemberAsync("Sid", ProjectRole.Sponsor);
        await store.ScheduleAsync(ReportKind.SponsorStatus, "17:00", [DayOfWeek.Wednesday], [ProjectRole.Sponsor]);
        await store.RunAsync<CommunicationsService, Outcome<ReportSendResponse>>(c => c.SendNowAsync(store.Access, ReportKind.SponsorStatus));

        await store.RunAsync<ProjectService, Outcome<MemberResponse>>(p => p.ChangeMemberAsync(store.Access, sponsor.Id, new ChangeMemberRequest(ProjectRole.Reporter)));
        var result = await store.DispatchAsync();

        Assert.Equal(1, result.Failed);
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task SendNow_WithSlackAndTeams_PostsTextWithLinkToLocalListener()
    {
        await using var receiver = new WebhookReceiver();
        await using var store = await TestStore.CreateAsync(Start, daysLive: 21);
        var schedule = await store.ScheduleAsync(ReportKind.UserUpdate, "08:30", [DayOfWeek.Monday], [], receiver.Url("/slack"), receiver.Url("/teams"));
        Assert.Equal($"http://127.0.0.1:{receiver.Port}/…", schedule.Value!.SlackWebhook);

        var sent = (await store.RunAsync<CommunicationsService, Outcome<ReportSendResponse>>(c => c.SendNowAsync(store.Access, ReportKind.UserUpdate))).Value!;
        var result = await store.DispatchAsync();

        Assert.Equal(2, result.Sent);
        var link = $"https://hypercare.example.com/projects/{store.ProjectId}/communications/archive/{sent.Key}";
        var slack = receiver.Received.Single(r => r.Path == "/slack").Body;
        Assert.Equal("Atlas: user update Wed 11 Mar 2026", slack.GetProperty("text").GetString());
        var section = slack.GetProperty("blocks")[1].GetProperty("text").GetProperty("text").GetString()!;
        Assert.StartsWith($"<{link}|Full report>", section, StringComparison.Ordinal);
        Assert.Contains("*New known issues*", section, StringComparison.Ordinal);
        var teams = receiver.Received.Single(r => r.Path == "/teams").Body;
        var card = teams.GetProperty("attachments")[0].GetProperty("content");
        Assert.Equal("AdaptiveCard", card.GetProperty("type").GetString());
        Assert.Contains($"[Full report]({link})", card.GetProperty("body")[1].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("/slack", JsonSerializer.Serialize(sent.Recipients), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SponsorStatus_FixOnPatchAsKnownIssueAndAsItsReport_CountedOnce()
    {
        await using var store = await TestStore.CreateAsync(Start, daysLive: 21);
        var reporter = await store.MemberAsync("Rory", ProjectRole.Reporter);
        await store.DbAsync(async db =>
        {
            var now = store.Clock.GetUtcNow().AddHours(-2);
            var patch = Patch.Plan(store.ProjectId, 1, "Patch 1", now.AddDays(1), now);
            var known = KnownIssue.Create(store.ProjectId, "Quotes cannot be saved", "Saving a quote shows an error", null, null, now);
            Issue Report(string title) => Issue.Report(store.ProjectId, reporter.Id, title, "Steps", null, Severity.Sev2, IssueCategory.Defect, now);
            var linked = Report("Quote save error");
            var other = Report("Report totals off by one");
            db.AddRange(patch, known, linked, other);
            await db.SaveChangesAsync();
            Assert.Null(known.MoveTo(KnownIssueStatus.FixScheduled, patch.Id, now));
            db.KnownIssueLinks.Add(KnownIssueLink.Create(store.ProjectId, known.Id, linked.Id, now));
            // The known issue's own report is on the patch as well: one fix, listed two ways. The other report is a second fix.
            db.PatchIssues.Add(PatchIssue.Create(store.ProjectId, patch.Id, linked.Id, now));
            db.PatchIssues.Add(PatchIssue.Create(store.ProjectId, patch.Id, other.Id, now));
            return await db.SaveChangesAsync();
        });

        var preview = (await store.RunAsync<CommunicationsService, Outcome<ReportPreview>>(c => c.PreviewAsync(store.Access, ReportKind.SponsorStatus))).Value!;

        Assert.Contains("Patch 1: planned", preview.Markdown, StringComparison.Ordinal);
        Assert.Contains(", 2 fixes", preview.Markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("3 fixes", preview.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserUpdate_ProjectWithInternalFields_NoneInAnyForm()
    {
        await using var smtp = await new LocalSmtpServer().ReadyAsync();
        await using var store = await TestStore.CreateAsync(Start, TestStore.Delivery(smtp.Port), daysLive: 21);
        var assignee = await store.MemberAsync("Secretassignee", ProjectRole.Triage);
        var reporter = await store.MemberAsync("Rory", ProjectRole.Reporter);
        await store.DbAsync(async db =>
        {
            var now = store.Clock.GetUtcNow().AddHours(-2);
            var known = KnownIssue.Create(store.ProjectId, "Quotes cannot be saved", "Saving a quote shows an error", "Save from the classic view",
                "INTERNAL-NOTE root cause is the discount trigger", now);
            db.KnownIssues.Add(known);
            await db.SaveChangesAsync();
            Assert.Null(known.PublishWorkaround(now));
            var issue = Issue.Report(store.ProjectId, reporter.Id, "Quote save error", "INTERNAL-DESCRIPTION stack trace in discount trigger", null,
                Severity.Sev1, IssueCategory.Defect, now);
            issue.Assign(assignee.Id, now);
            db.Issues.Add(issue);
            await db.SaveChangesAsync();
            db.IssueComments.Add(IssueComment.Write(issue.Id, assignee.Id, "INTERNAL-COMMENT we patched prod by hand", now));
            db.KnownIssueLinks.Add(KnownIssueLink.Create(store.ProjectId, known.Id, issue.Id, now));
            return await db.SaveChangesAsync();
        });
        await store.ScheduleAsync(ReportKind.UserUpdate, "08:30", [DayOfWeek.Monday], [.. Enum.GetValues<ProjectRole>()]);

        var preview = (await store.RunAsync<CommunicationsService, Outcome<ReportPreview>>(c => c.PreviewAsync(store.Access, ReportKind.UserUpdate))).Value!;
        await store.RunAsync<CommunicationsService, Outcome<ReportSendResponse>>(c => c.SendNowAsync(store.Access, ReportKind.UserUpdate));
        await store.DispatchAsync();

        Assert.Contains("Save from the classic view", preview.Markdown, StringComparison.Ordinal);
        var forms = new[] { preview.Markdown, preview.Html, preview.PlainText, preview.SlackText, preview.TeamsText }
            .Concat(smtp.Messages.Select(m => m.TextBody + m.HtmlBody)).ToList();
        Assert.Equal(2, smtp.Messages.Count);
        foreach (var text in forms)
        {
            Assert.DoesNotContain("INTERNAL-", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Secretassignee", text, StringComparison.Ordinal);
            Assert.DoesNotContain("discount trigger", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Sev1", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SaveDraft_ThenSend_SendsTheEditAndRecordsTheEditor()
    {
        await using var store = await TestStore.CreateAsync(Start, daysLive: 21);
        var lead = new ProjectAccess(store.ProjectId, new Hypercare.Core.People.Caller(0, "Lena Lead", true), ProjectRole.HypercareLead);

        var draft = await store.RunAsync<CommunicationsService, Outcome<ReportPreview>>(c => c.SaveDraftAsync(lead, ReportKind.UserUpdate,
            new DraftRequest("Quiet day", "# Quiet day\n\nNothing **new** today.", null)));
        var sent = (await store.RunAsync<CommunicationsService, Outcome<ReportSendResponse>>(c => c.SendNowAsync(lead, ReportKind.UserUpdate))).Value!;
        var after = (await store.RunAsync<CommunicationsService, Outcome<ReportPreview>>(c => c.PreviewAsync(lead, ReportKind.UserUpdate))).Value!;

        Assert.True(draft.Value!.Edited);
        Assert.Contains("<strong>new</strong>", draft.Value.Html, StringComparison.Ordinal);
        Assert.Equal("Quiet day", sent.Subject);
        Assert.Equal("Lena Lead", sent.EditedBy);
        Assert.Contains("Nothing **new** today.", sent.Markdown, StringComparison.Ordinal);
        Assert.False(after.Edited);
        Assert.Equal(0, await store.DbAsync(db => db.ReportDrafts.CountAsync()));
    }
}
