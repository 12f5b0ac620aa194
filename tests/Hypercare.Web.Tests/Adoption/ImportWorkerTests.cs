using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hypercare.Core.Adoption;
using Hypercare.Core.Adoption.Import;
using Hypercare.Core.Data;
using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Hypercare.Web.Adoption;
using Hypercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hypercare.Web.Tests.Adoption;

/// <summary>
/// The production path of an adoption import (ADR 0047): the host streams the upload to a file and a real child process
/// (the host's own assembly, <c>import-worker</c>) imports it into the same database; the answers are the importer's.
/// </summary>
public abstract class ImportWorkerTests(HypercareApp app)
{
    private static readonly JsonSerializerOptions Json = HypercareApp.Json;

    private const string Users = """
        "Id","Username","Name","IsActive","UserType","Profile.Name","UserRole.Name","Department"
        "005Hs00000AbCdEIAV","ana@acme.com.prod","Ana Lopez","true","Standard","Sales User","EMEA Sales Rep","Sales"
        "005Hs00000XyZqWIAV","raj@acme.com.prod","Raj Patel","true","Standard","Service Agent","","Care"
        """;

    private const string Logins = """
        "Id","UserId","LoginTime","LoginType","Status"
        "0YaHs00000K7wXyKAJ","005Hs00000AbCdEIAV","2026-03-02T13:58:41.000Z","Application","Success"
        "0YaHs00000K7wXzKAJ","005Hs00000XyZqWIAV","2026-03-02T14:03:09.000Z","Application","Invalid Password"
        "0YaHs00000K7wY0KAJ","005Hs00000AbCdE","2026-03-02T23:05:22.000Z","Remote Access 2.0","Success"
        """;

    private OutOfProcessImportRunner Runner => Assert.IsType<OutOfProcessImportRunner>(app.Services.GetRequiredService<IImportRunner>());

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, TestProject project, string kind, string csv, string query = "")
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return await client.PostAsync($"{project.Url}/adoption/imports/{kind}{query}", content);
    }

    /// <summary>Runs the action while recording every import worker the host starts and sees exit, in order.</summary>
    private async Task<T> WatchingWorkersAsync<T>(Workers workers, Func<Task<T>> action)
    {
        Runner.Started = workers.Start;
        Runner.Exited = workers.Exit;
        try
        {
            return await action();
        }
        finally
        {
            Runner.Started = null;
            Runner.Exited = null;
        }
    }

    private Task<int> ImportRecordsAsync(int projectId) => app.WithServicesAsync(services =>
        services.GetRequiredService<HypercareDbContext>().AdoptionImports.CountAsync(i => i.ProjectId == projectId));

    private static ProjectAccess AccessOf(TestProject project, ProjectRole role) =>
        new(project.Id, new Caller(project[role].Id, project[role].DisplayName, false), role);

    [Fact]
    public async Task Import_UsersAndLoginsThroughTheChild_RowsLandAndTheAnswerIsTheReport()
    {
        var project = await app.NewProjectAsync();
        var changeManager = project[ProjectRole.ChangeManager];
        var workers = new Workers();

        var (users, logins) = await WatchingWorkersAsync(workers, async () =>
            (await UploadAsync(changeManager.Client, project, "users", Users), await UploadAsync(changeManager.Client, project, "logins", Logins, "?fileName=march.csv")));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (users.StatusCode, logins.StatusCode));
        var report = (await logins.Content.ReadFromJsonAsync<ImportReport>(Json))!;
        Assert.Equal(("march.csv", "LoginHistory", 3L, 3L, 0L, true), (report.FileName, report.Format, report.RowsRead, report.Imported, report.Duplicates, report.Committed));
        Assert.Equal((new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 3)), (report.FirstDay, report.LastDay));
        Assert.Equal(["start 1", "exit 1: 0", "start 2", "exit 2: 0"], workers.Log);
        var overview = await changeManager.Client.GetFromJsonAsync<AdoptionOverview>($"{project.Url}/adoption", Json);
        var import = Assert.Single(overview!.RecentImports, i => i.Id == report.ImportId);
        // The child acts as the uploader, on the host's (fake) clock.
        Assert.Equal(changeManager.DisplayName, import.ImportedBy);
        Assert.InRange(import.ImportedAt, app.Clock.GetUtcNow(), app.Clock.GetUtcNow().AddMinutes(5));
        var daily = await changeManager.Client.GetFromJsonAsync<JsonElement>($"{project.Url}/adoption/daily", Json);
        var day = daily.EnumerateArray().Single(r => r.GetProperty("date").GetString() == "2026-03-02");
        Assert.Equal((1, 2, 1, 1), (day.GetProperty("activeUsers").GetInt32(), day.GetProperty("licensedUsers").GetInt32(),
            day.GetProperty("successfulLogins").GetInt32(), day.GetProperty("failedLogins").GetInt32()));
    }

    [Fact]
    public async Task Import_GenericRosterWithMapAndUsageThroughTheChild_EveryKindImported()
    {
        var project = await app.NewProjectAsync();
        var lead = project[ProjectRole.HypercareLead].Client;
        (await lead.PutAsJsonAsync($"{project.Url}/adoption/settings", new
        {
            features = new[] { new { feature = "Quotes", field = "feature", match = "equals", value = "Quotes" } },
        }, Json)).EnsureSuccessStatusCode();

        var roster = await UploadAsync(lead, project, "users", "Employee Id,Full name,Team,Mail\nE-1,Ana,Sales,ana@acme.com\nE-2,Raj,Care,raj@acme.com\n",
            "?map=id:Employee Id,name:Full name,department:Team,username:Mail");
        var usage = await UploadAsync(lead, project, "usage", "User,Time,Feature\nana@acme.com,2026-03-02T08:00:00Z,Quotes\n");

        var rosterReport = (await roster.Content.ReadFromJsonAsync<ImportReport>(Json))!;
        var usageReport = (await usage.Content.ReadFromJsonAsync<ImportReport>(Json))!;
        Assert.Equal(("Generic roster", 2L), (rosterReport.Format, rosterReport.Imported));
        Assert.Equal((ImportKind.Usage, 1L), (usageReport.Kind, usageReport.Imported));
        var overview = await lead.GetFromJsonAsync<AdoptionOverview>($"{project.Url}/adoption", Json);
        Assert.Equal(1, Assert.Single(overview!.Features, f => f.Feature == "Quotes").EventsLastSevenDays);
        var never = await lead.GetFromJsonAsync<List<NeverLoggedInUser>>($"{project.Url}/adoption/never-logged-in", Json);
        Assert.Equal(["e-1", "e-2"], never!.Select(u => u.UserId).Order());
    }

    [Fact]
    public async Task Import_BadRowThroughTheChild_Same400ProblemAsInProcessAndNothingWritten()
    {
        var project = await app.NewProjectAsync();
        var lead = project[ProjectRole.HypercareLead];
        var csv = Logins.Replace("2026-03-02T14:03:09.000Z", "yesterday", StringComparison.Ordinal);
        var workers = new Workers();

        var response = await WatchingWorkersAsync(workers, () => UploadAsync(lead.Client, project, "logins", csv, "?fileName=march.csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["start 1", "exit 1: 0"], workers.Log);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("march.csv: line 3, column LoginTime: 'yesterday' is not a time", problem.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        Assert.False(problem.GetProperty("current").GetProperty("committed").GetBoolean());
        // The very fields the importer gives in the host's own process for the same file.
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, csv);
            var inProcess = await app.WithServicesAsync(services => ActivatorUtilities.CreateInstance<InProcessImportRunner>(services)
                .RunAsync(new ImportJob(AccessOf(project, ProjectRole.HypercareLead), ImportKind.Logins, file, "march.csv", new ImportOptions()), CancellationToken.None));
            var failure = inProcess.Failure!;
            Assert.Equal(failure.Message, problem.GetProperty("detail").GetString());
            Assert.Equal(JsonSerializer.Serialize(failure.Errors, Json),
                JsonSerializer.Serialize(problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>(Json), Json));
            Assert.Equal(JsonSerializer.Serialize(failure.Current, Json), JsonSerializer.Serialize(problem.GetProperty("current").Deserialize<ImportReport>(Json), Json));
        }
        finally
        {
            File.Delete(file);
        }

        Assert.Equal(0, await ImportRecordsAsync(project.Id));
        var daily = await lead.Client.GetFromJsonAsync<JsonElement>($"{project.Url}/adoption/daily", Json);
        Assert.Equal(0, daily.GetArrayLength());
    }

    [Fact]
    public async Task UploadForm_ThroughTheChild_ImportsAndRedirectsWithTheReport()
    {
        var project = await app.NewProjectAsync();
        var session = await PagesSession.SignInAsync(app, project[ProjectRole.ChangeManager].Email);
        var workers = new Workers();

        var response = await WatchingWorkersAsync(workers, async () =>
        {
            using var form = await UploadFormAsync(session, project, "users", Users, token: true);
            return await session.Client.PostAsync($"/projects/{project.Id}/adoption/upload", form);
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(["start 1", "exit 1: 0"], workers.Log);
        var (_, after) = await session.GetAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("roster.csv: 2 rows read, 2 imported, 0 duplicates, 0 rejected.", after, StringComparison.Ordinal);
        Assert.Contains("Raj Patel", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadForm_WithoutTheAntiforgeryToken_400NoChildAndNothingImported()
    {
        var project = await app.NewProjectAsync();
        var session = await PagesSession.SignInAsync(app, project[ProjectRole.ChangeManager].Email);
        var workers = new Workers();

        var response = await WatchingWorkersAsync(workers, async () =>
        {
            using var form = await UploadFormAsync(session, project, "users", Users, token: false);
            return await session.Client.PostAsync($"/projects/{project.Id}/adoption/upload", form);
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(workers.Log);
        Assert.Equal(0, await ImportRecordsAsync(project.Id));
    }

    [Fact]
    public async Task RunAsync_SecondImportWhileOneRuns_WaitsForTheFirstChildToExit()
    {
        var project = await app.NewProjectAsync();
        var access = AccessOf(project, ProjectRole.HypercareLead);
        var slots = app.Services.GetRequiredService<ImportSlots>();
        using var folder = new TempFolder();
        var slow = folder.Fifo("slow.csv");
        var quick = folder.File("quick.csv", "\"Id\",\"UserId\",\"LoginTime\",\"Status\"\n\"0YaHs00000K7wXyKAJ\",\"005Hs00000AbCdEIAV\",\"2026-03-02T10:00:00.000Z\",\"Success\"\n");
        var workers = new Workers();
        var second = Task.FromResult(default(Hypercare.Core.Outcome<ImportReport>));
        var first = await WatchingWorkersAsync(workers, async () =>
        {
            var first = Runner.RunAsync(new ImportJob(access, ImportKind.Logins, slow, "slow.csv", new ImportOptions()), CancellationToken.None);
            // The child has opened the file and is reading it: the first import is under way.
            await using var writer = new StreamWriter(await OpenForWritingAsync(slow));
            await writer.WriteAsync("\"Id\",\"UserId\",\"LoginTime\",\"Status\"\n\"0YaHs00000K7wY1KAJ\",\"005Hs00000XyZqWIAV\",\"2026-03-02T11:00:00.000Z\",\"Success\"\n");
            await writer.FlushAsync();
            second = Runner.RunAsync(new ImportJob(access, ImportKind.Logins, quick, "quick.csv", new ImportOptions()), CancellationToken.None);
            Assert.True(SpinWait.SpinUntil(() => slots.Waiting == 1, TimeSpan.FromSeconds(30)), "The second import never queued.");
            Assert.Equal(["start 1"], workers.Log);
            Assert.False(second.IsCompleted);

            await writer.DisposeAsync();
            var result = await first;
            await second;
            return result;
        });

        Assert.Equal((1L, 1L), (first.Value!.Imported, (await second).Value!.Imported));
        Assert.Equal(["start 1", "exit 1: 0", "start 2", "exit 2: 0"], workers.Log);
    }

    [Fact]
    public async Task RunAsync_CancelledMidFile_KillsTheChildAndImportsNothing()
    {
        var project = await app.NewProjectAsync();
        var access = AccessOf(project, ProjectRole.HypercareLead);
        using var folder = new TempFolder();
        var fifo = folder.Fifo("half.csv");
        var workers = new Workers();
        using var cancel = new CancellationTokenSource();

        var run = await WatchingWorkersAsync(workers, async () =>
        {
            var run = Runner.RunAsync(new ImportJob(access, ImportKind.Logins, fifo, "half.csv", new ImportOptions()), cancel.Token);
            // Half a file: the child reads the rows and waits for the rest, which never comes.
            await using var writer = new StreamWriter(await OpenForWritingAsync(fifo));
            await writer.WriteAsync(Logins + "\n");
            await writer.FlushAsync();

            await cancel.CancelAsync();

            // Bounded, so a child that is never killed fails the test instead of hanging it.
            return await Record.ExceptionAsync(() => run.WaitAsync(TimeSpan.FromMinutes(2)));
        });

        Assert.IsAssignableFrom<OperationCanceledException>(run);
        // Killed: SIGKILL's 128 + 9.
        Assert.Equal(["start 1", "exit 1: 137"], workers.Log);
        Assert.Equal(0, await ImportRecordsAsync(project.Id));
        // The killed child's transaction is gone: the next import of the same rows imports all of them.
        var again = await UploadAsync(project[ProjectRole.HypercareLead].Client, project, "logins", Logins);
        Assert.Equal(3L, (await again.Content.ReadFromJsonAsync<ImportReport>(Json))!.Imported);
    }

    [Fact]
    public async Task ImportWorker_StdinClosesMidFile_ExitsAtOnceAndImportsNothing()
    {
        var project = await app.NewProjectAsync();
        using var folder = new TempFolder();
        var fifo = folder.Fifo("half.csv");
        var (fileName, arguments) = OutOfProcessImportRunner.WorkerCommand();
        var start = new ProcessStartInfo(fileName) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments.Append(ImportWorker.Argument))
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEndAsync();
        var errors = child.StandardError.ReadToEndAsync();
        var request = new ImportWorkerRequest(app.Services.GetRequiredService<DatabaseTarget>(), TimeSpan.Zero, AccessOf(project, ProjectRole.HypercareLead),
            ImportKind.Logins, fifo, "half.csv", false, null);
        await child.StandardInput.WriteLineAsync(JsonSerializer.Serialize(request, ImportWorker.Json));
        await child.StandardInput.FlushAsync();
        await using var writer = new StreamWriter(await OpenForWritingAsync(fifo));
        await writer.WriteAsync(Logins + "\n");
        await writer.FlushAsync();

        // What the child sees when the host dies: the end of its stdin, with the file still open and unfinished.
        child.StandardInput.Close();
        await child.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(ImportWorker.HostGoneExitCode, child.ExitCode);
        Assert.Equal("", await output);
        Assert.Equal("", await errors);
        Assert.Equal(0, await ImportRecordsAsync(project.Id));
    }

    /// <summary>Opening a named pipe for writing waits for the child to open it for reading (bounded, should it never).</summary>
    private static Task<FileStream> OpenForWritingAsync(string fifo) =>
        Task.Run(() => new FileStream(fifo, FileMode.Open, FileAccess.Write)).WaitAsync(TimeSpan.FromMinutes(1));

    private static async Task<MultipartFormDataContent> UploadFormAsync(PagesSession session, TestProject project, string kind, string csv, bool token)
    {
        var (_, page) = await session.GetAsync($"/projects/{project.Id}/adoption");
        var form = new MultipartFormDataContent();
        if (token)
        {
            var value = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value);
            Assert.NotEmpty(value);
            form.Add(new StringContent(value), "__RequestVerificationToken");
        }

        form.Add(new StringContent(kind), "kind");
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "roster.csv");
        return form;
    }
}

public sealed class ImportWorkerTests_Sqlite(OutOfProcessSqliteApp app) : ImportWorkerTests(app), IClassFixture<OutOfProcessSqliteApp>;

public sealed class ImportWorkerTests_Postgres(OutOfProcessPostgresApp app) : ImportWorkerTests(app), IClassFixture<OutOfProcessPostgresApp>;

/// <summary>The import workers a test saw start and exit, numbered in the order they started.</summary>
internal sealed class Workers
{
    private readonly ConcurrentQueue<string> _log = new();
    private readonly ConcurrentDictionary<int, int> _numbers = new();

    public IReadOnlyList<string> Log => [.. _log];

    public void Start(int pid) => _log.Enqueue($"start {_numbers.GetOrAdd(pid, _ => _numbers.Count + 1)}");

    public void Exit(int pid, int exitCode) => _log.Enqueue($"exit {_numbers[pid]}: {exitCode}");
}

/// <summary>A folder of files and named pipes (a pipe lets a test hand the child a file that is not finished yet).</summary>
internal sealed class TempFolder : IDisposable
{
    private readonly string _path = Directory.CreateTempSubdirectory("hypercare-worker-tests-").FullName;

    public string File(string name, string text)
    {
        var path = Path.Combine(_path, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public string Fifo(string name)
    {
        var path = Path.Combine(_path, name);
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    public void Dispose() => Directory.Delete(_path, recursive: true);
}
