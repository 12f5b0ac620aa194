using Hypercare.Core.People;
using Hypercare.Web.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace Hypercare.Web.People;

/// <summary>The sign-in form posts here (a plain form post, so the cookie can be set before any HTML is written).</summary>
public static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapSignInEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/login", SignIn).ExcludeFromDescription();
        // Cast: a handler taking only HttpContext would otherwise bind as a RequestDelegate and drop its result.
        app.MapPost("/account/logout", (Delegate)SignOut).ExcludeFromDescription().RequireAuthorization();
        return app;
    }

    private static async Task<IResult> SignIn([FromForm] string? email, [FromForm] string? password, [FromForm] string? returnUrl,
        HttpContext http, AccountService accounts, CancellationToken ct)
    {
        var user = string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password)
            ? null
            : await accounts.VerifyPasswordAsync(email, password, ct);
        if (user is null)
        {
            return TypedResults.LocalRedirect("/login?failed=1" + (IsLocal(returnUrl) ? "&returnUrl=" + Uri.EscapeDataString(returnUrl!) : ""));
        }

        var caller = new Caller(user.Id, user.DisplayName, user.IsAdministrator);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, caller.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme));
        return TypedResults.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
    }

    private static async Task<IResult> SignOut(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.LocalRedirect("/login");
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
