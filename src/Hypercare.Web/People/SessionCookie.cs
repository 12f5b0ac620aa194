using System.Threading.RateLimiting;
using Hypercare.Core.People;
using Hypercare.Web.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Hypercare.Web.People;

/// <summary>
/// The cookie's every use checks its server-side session (ADR 0050): an ended, idle or expired session, or a
/// deactivated person, signs the browser out; a changed name or administrator flag replaces the claims at once.
/// </summary>
public static class SessionCookie
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var key = context.Principal?.FindFirst(CallerClaims.SessionClaim)?.Value;
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionService>();
        var current = key is null ? null : await sessions.ValidateAsync(key, context.HttpContext.RequestAborted);
        if (current is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        if (context.Principal?.ToCaller() != current)
        {
            context.ReplacePrincipal(current.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme, key));
            context.ShouldRenew = true;
        }
    }
}

/// <summary>Whether cookies are marked Secure and use the <c>__Host-</c> prefix: on by <c>Hypercare:SecureCookies</c> or an https public URL.</summary>
public static class SecureCookies
{
    public static bool Enabled(IConfiguration configuration) =>
        bool.TryParse(configuration["Hypercare:SecureCookies"], out var explicitly)
            ? explicitly
            : configuration["Hypercare:PublicUrl"]?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true;
}

public static class SignInRateLimit
{
    /// <summary>
    /// At most <c>Hypercare:SignIn:RequestsPerMinute</c> (default 30) sign-in posts per network address per minute on
    /// this node; more get 429 with Retry-After. The lockout (per account and per address, in the database) is the
    /// rule that holds across nodes; this limit keeps a flood from reaching the database at all.
    /// </summary>
    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = int.TryParse(configuration["Hypercare:SignIn:RequestsPerMinute"], out var n) && n > 0 ? n : 30;
        return services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            o.AddPolicy(SignInEndpoints.RateLimitPolicy, http => http.Connection.RemoteIpAddress is { } address
                ? RateLimitPartition.GetFixedWindowLimiter(address.ToString(), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("unknown"));
        });
    }
}
