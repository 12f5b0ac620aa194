using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Hypercare.Core.People;

/// <summary>Settings under <c>Hypercare:SignIn</c>: lockout thresholds and how long a browser session lasts (ADR 0050).</summary>
public sealed record SignInLimits
{
    /// <summary>Failed sign-ins for one e-mail address within <see cref="Window"/> that lock it.</summary>
    public int MaxFailuresPerAccount { get; init; } = 5;

    /// <summary>Failed sign-ins and refused tokens from one network address within <see cref="Window"/> that lock it.</summary>
    public int MaxFailuresPerAddress { get; init; } = 20;

    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a lock holds after the last failure that counted towards it.</summary>
    public TimeSpan Lockout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>A session unused this long ends (the cookie's sliding expiry, enforced on the server too).</summary>
    public TimeSpan SessionIdle { get; init; } = TimeSpan.FromHours(12);

    /// <summary>A session ends this long after sign-in however much it is used.</summary>
    public TimeSpan SessionLifetime { get; init; } = TimeSpan.FromDays(7);

    public static SignInLimits From(IConfiguration? configuration)
    {
        var defaults = new SignInLimits();
        if (configuration is null)
        {
            return defaults;
        }

        int Count(string key, int fallback) =>
            int.TryParse(configuration[key], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;
        TimeSpan Minutes(string key, TimeSpan fallback) =>
            double.TryParse(configuration[key], NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && m > 0 ? TimeSpan.FromMinutes(m) : fallback;
        return new SignInLimits
        {
            MaxFailuresPerAccount = Count("Hypercare:SignIn:MaxFailuresPerAccount", defaults.MaxFailuresPerAccount),
            MaxFailuresPerAddress = Count("Hypercare:SignIn:MaxFailuresPerAddress", defaults.MaxFailuresPerAddress),
            Window = Minutes("Hypercare:SignIn:WindowMinutes", defaults.Window),
            Lockout = Minutes("Hypercare:SignIn:LockoutMinutes", defaults.Lockout),
            SessionIdle = Minutes("Hypercare:SignIn:SessionIdleMinutes", defaults.SessionIdle),
            SessionLifetime = Minutes("Hypercare:SignIn:SessionLifetimeMinutes", defaults.SessionLifetime),
        };
    }
}
