namespace Hypercare.Core.People;

/// <summary>
/// A browser sign-in, kept on the server so it can be ended (ADR 0050). The cookie carries a random key; only its
/// SHA-256 hash is stored. Every request with the cookie checks that the session is open and not idle too long, and
/// reads the person's current administrator flag and active state, so sign-out, deactivation and demotion take
/// effect on the next request.
/// </summary>
public sealed class UserSession
{
    public const int AddressMaxLength = 64;
    public const int UserAgentMaxLength = 200;

    public int Id { get; private set; }

    public int UserId { get; private set; }

    public User? User { get; private set; }

    public string KeyHash { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Updated at most once a minute: a write per request would halve the pages' throughput.</summary>
    public DateTimeOffset LastUsedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public SessionEnd? EndReason { get; private set; }

    public string? Address { get; private set; }

    public string? UserAgent { get; private set; }

    public bool IsOpen => EndedAt is null;

    public static UserSession Start(int userId, string keyHash, string? address, string? userAgent, DateTimeOffset now) => new()
    {
        UserId = userId,
        KeyHash = keyHash,
        CreatedAt = now,
        LastUsedAt = now,
        Address = Truncate(address, AddressMaxLength),
        UserAgent = Truncate(userAgent, UserAgentMaxLength),
    };

    public void Touch(DateTimeOffset now)
    {
        if (now - LastUsedAt >= TimeSpan.FromMinutes(1))
        {
            LastUsedAt = now;
        }
    }

    public void End(SessionEnd reason, DateTimeOffset now)
    {
        if (EndedAt is null)
        {
            EndedAt = now;
            EndReason = reason;
        }
    }

    private static string? Truncate(string? value, int max)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        // Control characters never reach the database (PostgreSQL refuses NUL in text).
        var clean = new string([.. value.Where(c => !char.IsControl(c))]);
        return clean.Length <= max ? clean : clean[..max];
    }
}

public enum SessionEnd
{
    SignedOut,
    EndedByUser,
    Deactivated,
    IdleTimeout,
    LifetimeReached,
}
