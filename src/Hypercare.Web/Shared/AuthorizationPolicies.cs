namespace Hypercare.Web.Shared;

public static class AuthorizationPolicies
{
    public const string Administrator = "administrator";
}
