namespace Hypercare.Core.Standups;

/// <summary>
/// A secret iCalendar subscription address (docs/standups.md): a person's (their shifts and the standups they are invited
/// to) or, with no user, the project's (every shift and standup). Like the status page link the token is 32 random bytes
/// (base64url) kept as is, so the address can be shown again; rotating it kills the old address. Redacted in the audit.
/// </summary>
public sealed class CalendarFeed
{
    public const int TokenLength = 43;

    public int Id { get; private set; }

    public int ProjectId { get; private set; }

    /// <summary>Null: the project's feed.</summary>
    public int? UserId { get; private set; }

    public string Token { get; private set; } = "";

    public DateTimeOffset RotatedAt { get; private set; }

    public static CalendarFeed Create(int projectId, int? userId, DateTimeOffset now) => new()
    {
        ProjectId = projectId,
        UserId = userId,
        Token = NewToken(),
        RotatedAt = now,
    };

    public void Rotate(DateTimeOffset now)
    {
        Token = NewToken();
        RotatedAt = now;
    }

    private static string NewToken() => StatusPage.StatusPageLink.NewToken();
}
