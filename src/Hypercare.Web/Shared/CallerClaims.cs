using System.Globalization;
using System.Security.Claims;
using Hypercare.Core.People;

namespace Hypercare.Web.Shared;

/// <summary>The claims a signed-in person carries, and the <see cref="Caller"/> the services take.</summary>
public static class CallerClaims
{
    public const string AdministratorClaim = "hypercare:admin";

    public static ClaimsPrincipal ToPrincipal(this Caller caller, string scheme) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, caller.UserId.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, caller.DisplayName),
            new Claim(AdministratorClaim, caller.IsAdministrator ? "true" : "false"),
        ],
        scheme));

    public static Caller? ToCaller(this ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true
            || !int.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        return new Caller(id, principal.FindFirstValue(ClaimTypes.Name) ?? "", principal.FindFirstValue(AdministratorClaim) == "true");
    }

    public static Caller RequireCaller(this ClaimsPrincipal principal) =>
        principal.ToCaller() ?? throw new InvalidOperationException("This endpoint requires a signed-in caller.");
}
