using Hypercare.Core.Adoption.Flags;
using Hypercare.Core.Adoption.Metrics;
using Hypercare.Core.Audit;
using Hypercare.Core.Data;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Hypercare.Core.Adoption.Import;

/// <summary>
/// Streams an export into the store: one transaction per file (all or nothing), rows keyed by natural id so the same
/// or an overlapping file never counts twice (INSERT ... ON CONFLICT DO NOTHING RETURNING tells which rows were new),
/// and the per-user daily aggregates every metric answers from are maintained in the same transaction. Rows go in
/// through prepared multi-row ADO.NET statements, not EF change tracking: files have millions of rows (ADR 0013).
/// This class only orchestrates (permission, transaction, figures, import record, flags); each kind of file is read by
/// <see cref="LoginImport"/>, <see cref="UsageImport"/> or <see cref="RosterImport"/> into an <see cref="ImportRun"/>,
/// with the engine-specific SQL in <see cref="ImportSql"/>.
/// </summary>
public sealed class AdoptionImporter(HypercareDbContext db, TimeProvider time, AuditActor actor, AdoptionStatsBuilder stats, AdoptionFlagEvaluator flags)
{
    public async Task<Outcome<ImportReport>> ImportAsync(ProjectAccess access, ImportKind kind, Stream file, string fileName, ImportOptions options,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ManageAdoption))
        {
            return Failure.Forbidden("Your role may not import adoption data in this project.");
        }

        var project = await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == access.ProjectId, cancellationToken);
        if (project is null)
        {
            return Failure.NotFound("Project");
        }

        var clock = new LocalDayClock(project.TimeZone);
        var counted = new CountingStream(file, progress);
        CsvInput csv;
        try
        {
            // Login files are the big ones: their rows are parsed on all cores (ADR 0042).
            csv = kind == ImportKind.Logins ? CsvInput.OpenSplit(counted, fileName) : CsvInput.Open(counted, fileName);
        }
        catch (ImportFileException error)
        {
            return Failure.Invalid("file", error.Message);
        }

        using (csv)
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var run = new ImportRun(kind, csv, access.ProjectId, clock, ImportSql.For(db), connection, transaction.GetDbTransaction()) { Now = time.GetUtcNow() };
                try
                {
                    switch (kind)
                    {
                        case ImportKind.Logins:
                            await LoginImport.RunAsync(run, options.AllowRejects, cancellationToken);
                            break;
                        case ImportKind.Usage:
                            await UsageImport.RunAsync(run, cancellationToken);
                            break;
                        default:
                            await RosterImport.RunAsync(run, options.RosterMapping, cancellationToken);
                            break;
                    }
                }
                catch (ImportFileException error)
                {
                    return Failure.Invalid("file", error.Message);
                }

                if (run.Rejected > 0 && !options.AllowRejects)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    var report = run.Report(null, committed: false);
                    var lines = report.Rejections.Select(r => $"{fileName}: {r}").ToArray();
                    return new Failure(FailureKind.Invalid,
                        $"{fileName}: {run.Rejected} row(s) rejected; nothing was imported (allow rejects to import the other rows).",
                        new Dictionary<string, string[]> { ["file"] = lines }, report);
                }

                if (kind != ImportKind.Usage)
                {
                    // The import's last writes (users, activity, last login days) go on the connection while the daily
                    // figures are computed on another thread.
                    await stats.RebuildAsync(project, run.LoginUsers, async () =>
                    {
                        if (run.Finish is { } finish)
                        {
                            await finish(cancellationToken);
                        }

                        await ImportSql.CopyLastLoginDaysAsync(run, cancellationToken);
                    }, cancellationToken);
                }

                var record = new AdoptionImport
                {
                    ProjectId = access.ProjectId,
                    Kind = kind,
                    FileName = fileName.Length > AdoptionModel.TextMaxLength ? fileName[..AdoptionModel.TextMaxLength] : fileName,
                    Format = run.Format,
                    RowsRead = run.Read,
                    Imported = run.Imported,
                    Duplicates = run.Duplicates,
                    Rejected = run.Rejected,
                    Skipped = run.Skipped,
                    ImportedAt = time.GetUtcNow(),
                    ImportedBy = actor.Current?.DisplayName ?? "system",
                };
                db.AdoptionImports.Add(record);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                db.ChangeTracker.Clear();
                await flags.EvaluateAsync(project, cancellationToken);
                return run.Report(record.Id, committed: true);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }
}
