using Hypercare.Core.People;

namespace Hypercare.Core.Projects;

/// <summary>What one caller may do in one project. Null role with <see cref="IsAdministrator"/> false means "not a member".</summary>
public sealed record ProjectAccess(int ProjectId, Caller Caller, ProjectRole? Role)
{
    public bool IsAdministrator => Caller.IsAdministrator;

    public bool Can(Permission permission) =>
        IsAdministrator || (Role is { } role && Permissions.Allows(role, permission));
}
