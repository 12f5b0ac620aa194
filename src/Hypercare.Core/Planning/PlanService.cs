using System.Text;
using Hypercare.Core.Audit;
using Hypercare.Core.Data;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Planning;

/// <summary>The project's SOW plan as saved, generated again from its request.</summary>
public sealed record SowPlanView(SowPlan Plan, DateTimeOffset GeneratedAt, int Version);

/// <summary>An exported SOW section: its bytes, media type and a file name for the download.</summary>
public sealed record SowExport(byte[] Content, string ContentType, string FileName);

public enum SowExportFormat
{
    Markdown,
    Docx,
}

/// <summary>
/// The SOW plan of a project (issue 13, docs/sow-plan.md). The lead generates it (<see cref="Permission.ManagePlan"/>) and
/// it is kept; the sponsor reads it, its comparison with 90-day continuous hypercare and its export
/// (<see cref="Permission.ViewPlan"/>). Compare and export with a request body work on that request instead of the saved
/// plan, which is generating and needs <see cref="Permission.ManagePlan"/>.
/// </summary>
public sealed partial class PlanService(HypercareDbContext db, AuditActor actor, TimeProvider time, Exit.ExitService exit)
{
    private static readonly Failure NotSeen = Failure.Forbidden("Your role does not see the SOW plan.");
    private static readonly Failure NotYours = Failure.Forbidden("Only the hypercare lead (or an administrator) generates the SOW plan.");

    public async Task<Outcome<SowPlanView>> CurrentAsync(ProjectAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ViewPlan))
        {
            return NotSeen;
        }

        return await KeptAsync(access.ProjectId, cancellationToken);
    }

    /// <summary>The project's kept plan, generated again from its request, with its version; not found before there is one. No role check: callers check.</summary>
    private async Task<Outcome<SowPlanView>> KeptAsync(int projectId, CancellationToken cancellationToken)
    {
        var saved = await db.SowPlans.AsNoTracking().SingleOrDefaultAsync(p => p.ProjectId == projectId, cancellationToken);
        if (saved is null)
        {
            return Failure.NotFound("The project's SOW plan");
        }

        var plan = PlanGenerator.Generate(saved.Request());
        return plan.Succeeded ? new SowPlanView(plan.Value!, saved.GeneratedAt, saved.Version) : plan.Failure!;
    }

    /// <summary>Generates the plan from the request and keeps it as the project's SOW plan (audited); a refused request changes nothing.</summary>
    public async Task<Outcome<SowPlanView>> GenerateAsync(ProjectAccess access, PlanRequest? request, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ManagePlan))
        {
            return access.Can(Permission.ViewPlan) ? NotYours : NotSeen;
        }

        var plan = PlanGenerator.Generate(request);
        if (!plan.Succeeded)
        {
            return plan.Failure!;
        }

        var saved = await db.SowPlans.SingleOrDefaultAsync(p => p.ProjectId == access.ProjectId, cancellationToken);
        if (saved is null)
        {
            saved = ProjectSowPlan.Create(access.ProjectId);
            db.SowPlans.Add(saved);
        }

        var now = time.GetUtcNow();
        saved.Set(request!, now, actor.Current.UserId == 0 ? null : actor.Current.UserId);
        await db.SaveChangesAsync(cancellationToken);
        return new SowPlanView(plan.Value!, now, saved.Version);
    }

    /// <summary>The standard (or complex) plan beside 90-day continuous hypercare: of the request, or of the saved plan without one.</summary>
    public async Task<Outcome<PlanComparison>> CompareAsync(ProjectAccess access, PlanRequest? request, CancellationToken cancellationToken = default)
    {
        var source = await RequestAsync(access, request, cancellationToken);
        return source.Succeeded ? PlanGenerator.Compare(source.Value!) : source.Failure!;
    }

    public async Task<Outcome<SowExport>> ExportAsync(ProjectAccess access, PlanRequest? request, SowExportFormat format, CancellationToken cancellationToken = default)
    {
        var source = await RequestAsync(access, request, cancellationToken);
        if (!source.Succeeded)
        {
            return source.Failure!;
        }

        var plan = PlanGenerator.Generate(source.Value!);
        if (!plan.Succeeded)
        {
            return plan.Failure!;
        }

        var name = FileName(plan.Value!.System);
        return format == SowExportFormat.Docx
            ? new SowExport(SowDocx.Write(plan.Value!), SowDocx.ContentType, name + ".docx")
            : new SowExport(Encoding.UTF8.GetBytes(SowDocument.Markdown(plan.Value!)), "text/markdown; charset=utf-8", name + ".md");
    }

    private async Task<Outcome<PlanRequest>> RequestAsync(ProjectAccess access, PlanRequest? request, CancellationToken cancellationToken)
    {
        if (request is not null)
        {
            if (!access.Can(Permission.ManagePlan))
            {
                return access.Can(Permission.ViewPlan) ? NotYours : NotSeen;
            }

            return request;
        }

        if (!access.Can(Permission.ViewPlan))
        {
            return NotSeen;
        }

        var saved = await db.SowPlans.AsNoTracking().SingleOrDefaultAsync(p => p.ProjectId == access.ProjectId, cancellationToken);
        return saved is null
            ? Failure.NotFound("The project's SOW plan")
            : saved.Request();
    }

    /// <summary>"sow-" and the system's letters and digits, so the download's name is safe on every file system.</summary>
    private static string FileName(string system)
    {
        var safe = new string([.. system.Select(ch => char.IsAsciiLetterOrDigit(ch) ? char.ToLowerInvariant(ch) : '-')]).Trim('-');
        while (safe.Contains("--", StringComparison.Ordinal))
        {
            safe = safe.Replace("--", "-", StringComparison.Ordinal);
        }

        return "sow-" + (safe.Length == 0 ? "plan" : safe[..Math.Min(60, safe.Length)]);
    }
}
