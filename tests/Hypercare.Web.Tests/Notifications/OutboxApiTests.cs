using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hypercare.Core.Data;
using Hypercare.Core.Notifications;
using Hypercare.Core.Projects;
using Hypercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hypercare.Web.Tests.Notifications;

/// <summary>The lead's view of deliveries and the retry of a failed one, on both engines.</summary>
public abstract class OutboxApiTests(HypercareApp app)
{
    private Task<T> DbAsync<T>(Func<HypercareDbContext, Task<T>> query) => app.WithServicesAsync(s => query(s.GetRequiredService<HypercareDbContext>()));

    private Task<long> FailedMessageAsync(TestProject project) => DbAsync(async db =>
    {
        var member = project[ProjectRole.Triage];
        var message = OutboxMessage.Email(project.Id, member.Id, member.Email, "Sev2 warning", "Issue 7 is at 75 %", app.Clock.GetUtcNow());
        message.Status = OutboxStatus.Failed;
        message.Attempts = 8;
        message.LastError = "SMTP: connection refused";
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    });

    [Fact]
    public async Task List_AsLead_ShowsDeliveriesWithStatusAndHidesWebhookSecrets()
    {
        var project = await app.NewProjectAsync("Outbox list");
        var failed = await FailedMessageAsync(project);
        await DbAsync(async db =>
        {
            db.OutboxMessages.Add(OutboxMessage.Webhook(project.Id, OutboxMessage.SlackChannel, "https://hooks.slack.com/services/T1/B1/secret-token", "s", "b",
                app.Clock.GetUtcNow()));
            return await db.SaveChangesAsync();
        });

        var list = await project[ProjectRole.HypercareLead].Client.GetFromJsonAsync<JsonElement>($"{project.Url}/outbox", HypercareApp.Json);

        var rows = list.EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        var email = rows.Single(r => r.GetProperty("id").GetInt64() == failed);
        Assert.Equal("failed", email.GetProperty("status").GetString());
        Assert.Equal("SMTP: connection refused", email.GetProperty("lastError").GetString());
        var slack = rows.Single(r => r.GetProperty("channel").GetString() == "slack");
        Assert.Equal("pending", slack.GetProperty("status").GetString());
        Assert.Equal("https://hooks.slack.com/…", slack.GetProperty("recipient").GetString());
        Assert.DoesNotContain("secret-token", list.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_FailedMessageAsLead_BackToPendingWithFreshAttempts()
    {
        var project = await app.NewProjectAsync("Outbox retry");
        var id = await FailedMessageAsync(project);

        var response = await project[ProjectRole.HypercareLead].Client.PostAsync($"{project.Url}/outbox/{id}/retry", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("pending", body.GetProperty("status").GetString());
        var stored = await DbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));
        Assert.Equal(OutboxStatus.Pending, stored.Status);
        Assert.Equal(0, stored.Attempts);
        Assert.Null(stored.NextAttemptAt);
    }

    [Theory]
    [InlineData(ProjectRole.Triage)]
    [InlineData(ProjectRole.Sponsor)]
    [InlineData(ProjectRole.Reporter)]
    public async Task Retry_AsNonLead_Forbidden(ProjectRole role)
    {
        var project = await app.NewProjectAsync("Outbox forbidden");
        var id = await FailedMessageAsync(project);

        var response = await project[role].Client.PostAsync($"{project.Url}/outbox/{id}/retry", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(OutboxStatus.Failed, await DbAsync(db => db.OutboxMessages.Where(m => m.Id == id).Select(m => m.Status).SingleAsync()));
    }

    [Fact]
    public async Task Retry_AsLeadOfAnotherProject_NotFound()
    {
        var project = await app.NewProjectAsync("Outbox mine");
        var other = await app.NewProjectAsync("Outbox theirs");
        var id = await FailedMessageAsync(project);

        var outsider = await other[ProjectRole.HypercareLead].Client.PostAsync($"{project.Url}/outbox/{id}/retry", null);
        var wrongProject = await other[ProjectRole.HypercareLead].Client.PostAsync($"{other.Url}/outbox/{id}/retry", null);

        Assert.Equal(HttpStatusCode.NotFound, outsider.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongProject.StatusCode);
        Assert.Equal(OutboxStatus.Failed, await DbAsync(db => db.OutboxMessages.Where(m => m.Id == id).Select(m => m.Status).SingleAsync()));
    }

    [Fact]
    public async Task Retry_MessageNotFailed_Conflict()
    {
        var project = await app.NewProjectAsync("Outbox conflict");
        var id = await FailedMessageAsync(project);
        var lead = project[ProjectRole.HypercareLead].Client;
        (await lead.PostAsync($"{project.Url}/outbox/{id}/retry", null)).EnsureSuccessStatusCode();

        var again = await lead.PostAsync($"{project.Url}/outbox/{id}/retry", null);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }
}

public sealed class OutboxApiTests_Sqlite(SqliteApp app) : OutboxApiTests(app), IClassFixture<SqliteApp>;

public sealed class OutboxApiTests_Postgres(PostgresApp app) : OutboxApiTests(app), IClassFixture<PostgresApp>;
