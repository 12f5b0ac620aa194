using Hypercare.Core.People;

namespace Hypercare.Core.Projects;

public sealed class ProjectMember
{
    public int ProjectId { get; private set; }

    public int UserId { get; private set; }

    public User? User { get; private set; }

    public ProjectRole Role { get; set; }

    public DateTimeOffset AddedAt { get; private set; }

    public static ProjectMember Create(int projectId, int userId, ProjectRole role, DateTimeOffset now) => new()
    {
        ProjectId = projectId,
        UserId = userId,
        Role = role,
        AddedAt = now,
    };
}
