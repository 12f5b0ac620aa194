using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Hypercare.Web.Shared;
using Microsoft.AspNetCore.Components;

namespace Hypercare.Web.Components;

/// <summary>
/// Base of every page under /projects/{projectId}: it resolves the caller's access before anything else.
/// Someone who is not a member gets 404 and a page that says nothing about the project, so its existence never leaks.
/// </summary>
public abstract class ProjectPage : ComponentBase
{
    [Parameter]
    public int ProjectId { get; set; }

    [CascadingParameter]
    public HttpContext HttpContext { get; set; } = default!;

    [Inject]
    protected ProjectService Projects { get; set; } = default!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    protected ProjectAccess? Access { get; private set; }

    protected ProjectResponse? Project { get; private set; }

    protected TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>True when the project, or the thing the page is about, does not exist for this caller.</summary>
    protected bool IsNotFound { get; private set; }

    protected Caller Caller => HttpContext.User.RequireCaller();

    protected CancellationToken Aborted => HttpContext.RequestAborted;

    protected string Base => $"/projects/{ProjectId}";

    protected sealed override async Task OnInitializedAsync()
    {
        var access = await Projects.AccessAsync(Caller, ProjectId, Aborted);
        var project = access is null ? null : (await Projects.GetAsync(access, Aborted)).Value;
        if (access is null || project is null)
        {
            ShowNotFound();
            return;
        }

        Access = access;
        Project = project;
        Zone = Display.Zone(project.TimeZoneId);
        await LoadAsync();
    }

    /// <summary>Loads what the page shows; runs after access is known, and before any form handler.</summary>
    protected virtual Task LoadAsync() => Task.CompletedTask;

    protected void ShowNotFound()
    {
        IsNotFound = true;
        // Sets 404 and makes the router render Pages/NotFound instead. Setting the status code by hand is not enough:
        // with status-code pages in the pipeline, the renderer then drops the page body.
        Navigation.NotFound();
    }

    protected bool Can(Permission permission) => Access?.Can(permission) == true;
}
