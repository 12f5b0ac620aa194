using System.Globalization;
using Hypercare.Core.Projects;

namespace Hypercare.Web.Shared;

/// <summary>
/// Every route under /api/v1/projects/{projectId} passes through this filter: the caller must be a member
/// (or an administrator), otherwise the answer is 404, so another project's existence is never revealed.
/// </summary>
public static class ProjectScope
{
    private const string ItemKey = "hypercare:project-access";

    public static RouteGroupBuilder RequireProjectMembership(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var caller = http.User.ToCaller();
            if (caller is null)
            {
                return TypedResults.Unauthorized();
            }

            var raw = http.GetRouteValue("projectId") as string;
            if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var projectId))
            {
                return ProjectNotFound();
            }

            var projects = http.RequestServices.GetRequiredService<ProjectService>();
            var access = await projects.AccessAsync(caller, projectId, http.RequestAborted);
            if (access is null)
            {
                return ProjectNotFound();
            }

            http.Items[ItemKey] = access;
            return await next(context);
        });
        return group;
    }

    /// <summary>The access the membership filter resolved for this request.</summary>
    public static ProjectAccess Access(this HttpContext http) =>
        http.Items[ItemKey] as ProjectAccess ?? throw new InvalidOperationException("RequireProjectMembership did not run for this endpoint.");

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult ProjectNotFound() =>
        TypedResults.Problem("Project was not found.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
