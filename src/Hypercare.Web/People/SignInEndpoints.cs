using Hypercare.Core.Audit;
using Hypercare.Core.People;
using Hypercare.Web.Shared;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace Hypercare.Web.People;

/// <summary>The sign-in form posts here (a plain form post, so the cookie can be set before any HTML is written).</summary>
public static class SignInEndpoints
{
    public const string RateLimitPolicy = "sign-in";

    public static IEndpointRouteBuilder MapSignInEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/login", SignIn).ExcludeFromDescription().RequireRateLimiting(RateLimitPolicy);
        // Cast: a handler taking only HttpContext would otherwise bind as a RequestDelegate and drop its result.
        app.MapPost("/account/logout", (Delegate)SignOut).ExcludeFromDescription().RequireAuthorization();
        return app;
    }

    private static async Task<IResult> SignIn([FromForm] string? email, [FromForm] string? password, [FromForm] string? returnUrl,
        HttpContext http, AccountService accounts, SessionService sessions, AuditActor actor, CancellationToken ct)
    {
        var address = http.Connection.RemoteIpAddress?.ToString();
        // Nobody is signed in yet: the attempt is recorded as the sign-in form's, not the system's.
        actor.Current = new Caller(0, "sign-in form", false);
        var result = string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password)
            ? null
            : await accounts.SignInAsync(email, password, address, ct);
        var target = LocalTarget(returnUrl);
        if (result?.User is not { } user)
        {
            return TypedResults.LocalRedirect("/login?failed=1" + (target == "/" ? "" : "&returnUrl=" + Uri.EscapeDataString(target)));
        }

        var session = await sessions.StartAsync(user.Id, address, http.Request.Headers.UserAgent.ToString(), ct);
        var caller = new Caller(user.Id, user.DisplayName, user.IsAdministrator);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, caller.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme, session.Key));
        return TypedResults.LocalRedirect(target);
    }

    private static async Task<IResult> SignOut(HttpContext http)
    {
        // The form carries the antiforgery token; a cross-site post must not sign anybody out.
        var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The sign-out form has expired or did not come from this site; reload the page and sign out again.");
        }

        if (http.User.FindFirst(CallerClaims.SessionClaim)?.Value is { } key)
        {
            await http.RequestServices.GetRequiredService<SessionService>().EndAsync(key, SessionEnd.SignedOut, http.RequestAborted);
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.LocalRedirect("/login");
    }

    /// <summary>
    /// Where to go after signing in: a local path only. Anything else — another site, a protocol-relative or
    /// backslash path, control characters, an unparsable value — goes to the home page.
    /// </summary>
    public static string LocalTarget(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > 2048 || url[0] != '/'
            || url.StartsWith("//", StringComparison.Ordinal) || url.StartsWith("/\\", StringComparison.Ordinal)
            || url.Any(c => char.IsControl(c) || c == '\\')
            || !Uri.TryCreate(url, UriKind.Relative, out _))
        {
            return "/";
        }

        return url;
    }
}
