namespace Hypercare.Core.People;

/// <summary>A personal bearer token for tools. Only a SHA-256 hash is stored; the token itself is shown once.</summary>
public sealed class ApiToken
{
    public const int NameMaxLength = 100;

    public int Id { get; private set; }

    public int UserId { get; private set; }

    public User? User { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>The first characters of the token, so a person can tell their tokens apart without the secret.</summary>
    public string Prefix { get; private set; } = "";

    public string TokenHash { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public bool IsActive => RevokedAt is null;

    public static ApiToken Create(int userId, string name, string prefix, string tokenHash, DateTimeOffset now) => new()
    {
        UserId = userId,
        Name = name,
        Prefix = prefix,
        TokenHash = tokenHash,
        CreatedAt = now,
    };

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;
}
