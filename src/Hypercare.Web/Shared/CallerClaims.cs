using System.Globalization;
using System.Security.Claims;
using Hypercare.Core.People;

namespace Hypercare.Web.Shared;

/// <summary>The claims a signed-in person carries, and the <see cref="Caller"/> the services take.</summary>
public static class CallerClaims
{
    public const string AdministratorClaim = "hypercare:admin";

    /// <summary>The server-side session a browser cookie belongs to (ADR 0050); bearer tokens carry none.</summary>
    public const string SessionClaim = "hypercare:session";

    public static ClaimsPrincipal ToPrincipal(this Caller caller, string scheme, string? sessionKey = null)
    {
        List<Claim> claims =
        [
            new Claim(ClaimTypes.NameIdentifier, caller.UserId.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, caller.DisplayName),
            new Claim(AdministratorClaim, caller.IsAdministrator ? "true" : "false"),
        ];
        if (sessionKey is not null)
        {
            claims.Add(new Claim(SessionClaim, sessionKey));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

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
