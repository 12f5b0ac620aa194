using System.Security.Cryptography;

namespace Hypercare.Core.StatusPage;

/// <summary>
/// A project's public status page link. The token is 32 random bytes (base64url), stored as is so the link can be shown
/// again and put in user updates; it is unguessable, can be turned off, and rotating it kills the old link.
/// </summary>
public sealed class StatusPageLink
{
    public const int TokenLength = 43;
    public const int HelpMaxLength = 2000;

    public int ProjectId { get; private set; }

    public string Token { get; private set; } = "";

    public bool Enabled { get; set; }

    /// <summary>How to get help, in plain words (shown on the page): a phone number, a channel, office hours.</summary>
    public string? HowToGetHelp { get; set; }

    public DateTimeOffset RotatedAt { get; private set; }

    public static StatusPageLink Create(int projectId, DateTimeOffset now) => new()
    {
        ProjectId = projectId,
        Token = NewToken(),
        Enabled = true,
        RotatedAt = now,
    };

    public void Rotate(DateTimeOffset now)
    {
        Token = NewToken();
        RotatedAt = now;
    }

    /// <summary>32 random bytes, base64url: the secret of a shared address (this link, a calendar feed).</summary>
    internal static string NewToken() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
