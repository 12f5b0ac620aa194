using Hypercare.Core.Projects;
using Hypercare.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hypercare.Web.Projects;

public static class ProjectsApi
{
    public static IEndpointRouteBuilder MapProjectsApi(this IEndpointRouteBuilder app)
    {
        var projects = app.MapGroup("/api/v1/projects").WithTags("Projects").RequireAuthorization();
        projects.MapGet("/", ListProjects);
        projects.MapPost("/", CreateProject);

        var project = app.MapGroup("/api/v1/projects/{projectId:int}").WithTags("Projects").RequireAuthorization().RequireProjectMembership();
        project.MapGet("/", GetProject);
        project.MapPatch("/", UpdateProject);
        project.MapGet("/dashboard", GetDashboard);
        project.MapGet("/members", ListMembers);
        project.MapPost("/members", AddMember);
        project.MapPatch("/members/{userId:int}", ChangeMember);
        project.MapDelete("/members/{userId:int}", RemoveMember);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<ProjectListItem>>> ListProjects(HttpContext http, ProjectService projects, CancellationToken ct) =>
        TypedResults.Ok(await projects.ListAsync(http.User.RequireCaller(), ct));

    private static async Task<Results<Created<ProjectResponse>, ProblemHttpResult>> CreateProject(
        CreateProjectRequest request, HttpContext http, ProjectService projects, CancellationToken ct)
    {
        var outcome = await projects.CreateAsync(http.User.RequireCaller(), request, ct);
        return ApiResults.Created(outcome, v => $"/api/v1/projects/{v.Id}");
    }

    private static async Task<Results<Ok<ProjectResponse>, ProblemHttpResult>> GetProject(HttpContext http, ProjectService projects, CancellationToken ct)
    {
        var outcome = await projects.GetAsync(http.Access(), ct);
        return ApiResults.Answer(outcome);
    }

    private static async Task<Results<Ok<ProjectResponse>, ProblemHttpResult>> UpdateProject(
        UpdateProjectRequest request, HttpContext http, ProjectService projects, CancellationToken ct)
    {
        var outcome = await projects.UpdateAsync(http.Access(), request, ct);
        return ApiResults.Answer(outcome);
    }

    private static async Task<Ok<DashboardResponse>> GetDashboard(HttpContext http, ProjectService projects, CancellationToken ct) =>
        TypedResults.Ok(await projects.DashboardAsync(http.Access(), ct));

    private static async Task<Ok<IReadOnlyList<MemberResponse>>> ListMembers(HttpContext http, ProjectService projects, CancellationToken ct) =>
        TypedResults.Ok(await projects.MembersAsync(http.Access(), ct));

    private static async Task<Results<Created<MemberResponse>, ProblemHttpResult>> AddMember(
        AddMemberRequest request, HttpContext http, ProjectService projects, CancellationToken ct)
    {
        var access = http.Access();
        var outcome = await projects.AddMemberAsync(access, request, ct);
        return ApiResults.Created(outcome, v => $"/api/v1/projects/{access.ProjectId}/members/{v.UserId}");
    }

    private static async Task<Results<Ok<MemberResponse>, ProblemHttpResult>> ChangeMember(
        int userId, ChangeMemberRequest request, HttpContext http, ProjectService projects, CancellationToken ct)
    {
        var outcome = await projects.ChangeMemberAsync(http.Access(), userId, request, ct);
        return ApiResults.Answer(outcome);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveMember(int userId, HttpContext http, ProjectService projects, CancellationToken ct)
    {
        var outcome = await projects.RemoveMemberAsync(http.Access(), userId, ct);
        return ApiResults.NoContent(outcome);
    }
}
