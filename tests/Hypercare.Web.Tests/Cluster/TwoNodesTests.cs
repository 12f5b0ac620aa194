using System.Net;
using Hypercare.Core.Cluster;
using Hypercare.Core.Data;
using Hypercare.Core.Projects;
using Hypercare.Web.Exit;
using Hypercare.Web.Sla;
using Hypercare.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hypercare.Web.Tests.Cluster;

/// <summary>The first node of two on one PostgreSQL database, with its scheduled jobs switched on (their timers wait on the fake clock).</summary>
public sealed class FirstNode : PostgresApp
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in Jobs)
        {
            builder.UseSetting(key, value);
        }
    }

    public static readonly (string Key, string Value)[] Jobs = [("Hypercare:Exit:SweepSeconds", "300"), ("Hypercare:Sla:SweepSeconds", "60")];
}

/// <summary>
/// Two web hosts on one PostgreSQL database, installed in different places, as two nodes behind a load balancer: a
/// cookie or a form from one is honoured by the other, and a scheduled job runs each tick on one of them (ADR 0060).
/// </summary>
/// <summary>Both nodes, started and stopped together, the second after the first has made the database.</summary>
public sealed class TwoNodes : IAsyncLifetime
{
    public FirstNode First { get; } = new();

    public JoiningNode Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)First).InitializeAsync();
        Second = new JoiningNode(First, FirstNode.Jobs);
        await ((IAsyncLifetime)Second).InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)Second).DisposeAsync();
        await ((IAsyncLifetime)First).DisposeAsync();
    }
}

public sealed class TwoNodesTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    private readonly FirstNode _first = nodes.First;
    private readonly JoiningNode _second = nodes.Second;

    private static HttpClient Plain(HypercareApp node) => node.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>The name=value of the one cookie the response sets whose name starts with <paramref name="prefix"/>.</summary>
    private static string Cookie(HttpResponseMessage response, string prefix) =>
        response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith(prefix, StringComparison.Ordinal));

    [Fact]
    public async Task SignIn_FormFromOneNodePostedToTheOther_AndItsCookieHonouredThere_WithTheKeyRingInTheDatabase()
    {
        var project = await _first.NewProjectAsync("Two nodes");
        var lead = project[ProjectRole.HypercareLead];

        // The sign-in form comes from the first node; the load balancer sends the post to the second.
        var loginPage = await Plain(_first).GetAsync("/login");
        var antiforgery = Cookie(loginPage, "hypercare-antiforgery=");
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = PagesSession.Token(await loginPage.Content.ReadAsStringAsync()),
                ["email"] = lead.Email,
                ["password"] = HypercareApp.UserPassword,
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        var signedIn = await Plain(_second).SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
        var session = Cookie(signedIn, "hypercare=");

        // The cookie the second node wrote opens the project's dashboard on the first.
        using var dashboard = new HttpRequestMessage(HttpMethod.Get, $"/projects/{project.Id}");
        dashboard.Headers.Add("Cookie", session);
        var page = await Plain(_first).SendAsync(dashboard);
        var anonymous = await Plain(_first).GetAsync($"/projects/{project.Id}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Two nodes", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);

        // One key ring, kept in the database: both nodes know exactly the keys stored there.
        var stored = await _first.WithServicesAsync(s => s.GetRequiredService<HypercareDbContext>().DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync());
        Assert.NotEmpty(stored);
        foreach (var node in new HypercareApp[] { _first, _second })
        {
            var keys = node.Services.GetRequiredService<IKeyManager>().GetAllKeys().Select(k => $"key-{k.KeyId:D}").Order(StringComparer.Ordinal);
            Assert.Equal(stored.Order(StringComparer.Ordinal), keys);
        }

        // Key material is secret: it never reaches the audit trail.
        var audited = await _first.WithServicesAsync(s => s.GetRequiredService<HypercareDbContext>().AuditEntries.CountAsync(a => a.EntityType.Contains("DataProtection")));
        Assert.Equal(0, audited);
    }

    [Fact]
    public async Task ScheduledJobs_EachTickRunsOnOneNode_AndTheNextTickIsFreeAgain()
    {
        var sweeps = new HypercareApp[] { _first, _second }.Select(n => n.Services.GetServices<IHostedService>().OfType<ExitSweepWorker>().Single()).ToList();
        var slaSweeps = new HypercareApp[] { _first, _second }.Select(n => n.Services.GetServices<IHostedService>().OfType<SlaSweepWorker>().Single()).ToList();

        // Both nodes' timers fire at the same tick: one takes the run, the other finds it held. The SLA sweep is another
        // job with its own lease, so it runs too.
        var tick1 = await Task.WhenAll(sweeps.Select(s => Task.Run(() => s.TickAsync(CancellationToken.None))));
        var sla1 = await Task.WhenAll(slaSweeps.Select(s => Task.Run(() => s.TickAsync(CancellationToken.None))));
        // A node whose timer runs a little behind (most of an interval later) still finds the job held.
        _first.Clock.Advance(TimeSpan.FromSeconds(260));
        var late = await sweeps[1].TickAsync(CancellationToken.None) || await sweeps[0].TickAsync(CancellationToken.None);
        // The next tick is free again, for whichever node comes first.
        _first.Clock.Advance(TimeSpan.FromSeconds(15));
        var tick2 = await Task.WhenAll(sweeps.Select(s => Task.Run(() => s.TickAsync(CancellationToken.None))));

        Assert.Equal(1, tick1.Count(ran => ran));
        Assert.Equal(1, sla1.Count(ran => ran));
        Assert.False(late);
        Assert.Equal(1, tick2.Count(ran => ran));
        var lease = await _first.WithServicesAsync(s => s.GetRequiredService<HypercareDbContext>().JobLeases.AsNoTracking().SingleAsync(l => l.Name == nameof(ExitSweepWorker)));
        Assert.Equal(2, lease.Runs);
        Assert.Equal(_first.Clock.GetUtcNow() + TimeSpan.FromSeconds(270), lease.HeldUntil);
        Assert.Equal(JobLeases.ThisNode, lease.HeldBy);
    }
}
