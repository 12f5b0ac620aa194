using System.Text.Json;
using System.Text.Json.Serialization;
using Hypercare.Core;
using Hypercare.Core.Audit;
using Hypercare.Core.Data;
using Hypercare.Web.Adoption;
using Hypercare.Web.Communications;
using Hypercare.Web.Components;
using Hypercare.Web.Exit;
using Hypercare.Web.Handover;
using Hypercare.Web.Issues;
using Hypercare.Web.KnownIssues;
using Hypercare.Web.Notifications;
using Hypercare.Web.Patches;
using Hypercare.Web.People;
using Hypercare.Web.Planning;
using Hypercare.Web.Projects;
using Hypercare.Web.Shared;
using Hypercare.Web.Sla;
using Hypercare.Web.Standups;
using Hypercare.Web.StatusPage;
using Hypercare.Web.Team;
using Hypercare.Web.Triage;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Scalar.AspNetCore;

// An adoption import the host runs out of process (ADR 0047): this executable re-entered by OutOfProcessImportRunner,
// before anything of the web host is built.
if (ImportWorker.IsWorker(args))
{
    return await ImportWorker.RunAsync();
}

var builder = WebApplication.CreateBuilder(args);

// Core: features, DbContext and the database chosen by --db, HYPERCARE_DB or Hypercare:Database.
var database = DatabaseTarget.Parse(builder.Configuration["db"] ?? builder.Configuration[DatabaseTarget.EnvironmentVariable] ?? builder.Configuration["Hypercare:Database"]);
builder.Services.AddHypercareCore(database);
// Nodes behind a load balancer share the key ring (cookies, antiforgery) through the database, under one application
// name wherever each is installed (ADR 0060).
builder.Services.AddDataProtection().SetApplicationName("Hypercare").PersistKeysToDbContext<HypercareDbContext>();
builder.Services.AddHostedService<StartupTasks>();
builder.Services.AddHostedService<SlaSweepWorker>();
builder.Services.AddHostedService<OutboxWorker>();
builder.Services.AddHostedService<ReportSchedulerWorker>();
builder.Services.AddHostedService<AdoptionFlagWorker>();
builder.Services.AddHostedService<ExitSweepWorker>();
builder.Services.AddHostedService<StandupInvitationWorker>();
// Adoption imports run in a child process, one at a time (Hypercare:Adoption:ImportRunner, :ImportWorkers; ADR 0047).
builder.Services.AddAdoptionImports(builder.Configuration);

// Sign-in: cookies for people, bearer API tokens for tools; the Authorization header picks the scheme. A cookie names a
// server-side session checked on every request, so sign-out, deactivation and demotion hold at once (ADR 0050).
var secureCookies = SecureCookies.Enabled(builder.Configuration);
builder.Services.AddAuthentication("smart")
    .AddPolicyScheme("smart", "Cookie or bearer token", o => o.ForwardDefaultSelector = http =>
        http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? BearerTokenHandler.SchemeName
            : CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(o =>
    {
        o.LoginPath = "/login";
        o.Cookie.Name = secureCookies ? "__Host-hypercare" : "hypercare";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = secureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        o.SlidingExpiration = true;
        o.ExpireTimeSpan = TimeSpan.FromHours(12);
        o.Events.OnValidatePrincipal = SessionCookie.ValidateAsync;
        // API clients get 401/403, not a redirect to the sign-in page.
        o.Events.OnRedirectToLogin = context => ApiAware(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
        o.Events.OnRedirectToAccessDenied = context => ApiAware(context.HttpContext, context.RedirectUri, StatusCodes.Status403Forbidden);
    })
    .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
builder.Services.AddAntiforgery(o =>
{
    o.Cookie.Name = secureCookies ? "__Host-hypercare-antiforgery" : "hypercare-antiforgery";
    o.Cookie.SecurePolicy = secureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
});
// Password guessing: a per-address request limit in front of the lockout the database keeps (ADR 0050).
builder.Services.AddSignInRateLimit(builder.Configuration);
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(AuthorizationPolicies.Administrator, p => p.RequireClaim(CallerClaims.AdministratorClaim, "true"));
builder.Services.AddCascadingAuthenticationState();

// API: camelCase JSON with enums by name, problem details for every error, OpenAPI document.
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
    // Control characters other than tab, CR and LF are refused in every JSON string, naming the field (SECURITY.md).
    o.SerializerOptions.Converters.Add(new PlainTextInput.JsonConverter());
});
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<BadRequestHandler>();
builder.Services.AddOpenApi();
builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes);

// UI: Razor components rendered on the server; forms post back with antiforgery.
builder.Services.AddRazorComponents();

var app = builder.Build();

app.UseExceptionHandler();
// CSP, nosniff, no framing, same-origin referrers, no-store on the API; HSTS over https outside development (SECURITY.md).
app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseStatusCodePages();
app.UseDeclaredBodyLimit();
app.UsePlainTextInput();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.Use((http, next) =>
{
    // The audit trail records who acted; services never take it from anywhere else.
    if (http.User.ToCaller() is { } caller)
    {
        http.RequestServices.GetRequiredService<AuditActor>().Current = caller;
    }

    return next(http);
});
app.UseAntiforgery();
app.MapStaticAssets();

// Plain endpoints: liveness and a JSON ceiling for benchmarks.
app.MapGet("/api/v1/ping", () => TypedResults.Ok(new { status = "ok" })).WithTags("Health").AllowAnonymous();

// OpenAPI document at /openapi/v1.json and a browsable reference at /scalar: open in development; elsewhere for
// signed-in people unless Hypercare:ApiReference:Anonymous is set (SECURITY.md).
var openApi = app.MapOpenApi();
var apiReference = app.MapScalarApiReference();
if (!app.Environment.IsDevelopment() && !app.Configuration.GetValue("Hypercare:ApiReference:Anonymous", false))
{
    openApi.RequireAuthorization();
    apiReference.RequireAuthorization();
}

// Features
app.MapAccountApi();
app.MapProjectsApi();
app.MapIssuesApi();
app.MapSlaApi();
app.MapTriageApi();
app.MapNotificationsApi();
app.MapOutboxApi();
// Adoption monitoring: imports, login rates, feature usage, flags, charts
app.MapAdoptionApi();
// Communications: user update, sponsor status, leadership report (preview, edit, send, schedules, archive)
app.MapCommunicationsApi();
// Known issues (suggestions while reporting), hypercare patches and the public status page
app.MapKnownIssuesApi();
app.MapPatchesApi();
app.MapStatusPageApi();
// How hypercare ends: exit criteria with evidence, sponsor sign-off, extensions, the project's stage
app.MapExitApi();
// Handover to the steady-state team: areas and their stages, the checklist, the knowledge digest (Markdown or HTML download)
app.MapHandoverApi();
app.MapDigestApi();
// The team's rota: generated shifts, rules, availability, time off, swaps, who is on duty
app.MapTeamApi();
// Standups: the schedule from the plan, iCalendar invitations, the generated agenda, minutes and action items
app.MapStandupsApi();
// The SOW plan: generate, compare with 90-day continuous hypercare, export as Markdown or DOCX
app.MapPlanApi();
app.MapSignInEndpoints();
app.MapRazorComponents<App>();

await app.RunAsync();
return 0;

static Task ApiAware(HttpContext http, string redirectUri, int status)
{
    if (http.Request.Path.StartsWithSegments("/api"))
    {
        http.Response.StatusCode = status;
    }
    else
    {
        http.Response.Redirect(redirectUri);
    }

    return Task.CompletedTask;
}

/// <summary>Entry point marker for WebApplicationFactory in the tests.</summary>
public partial class Program;
