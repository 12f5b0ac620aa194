namespace Hypercare.Core.People;

public sealed class User
{
    public const int EmailMaxLength = 254;
    public const int NameMaxLength = 120;

    public int Id { get; private set; }

    /// <summary>Stored lower-cased so sign-in and uniqueness ignore case.</summary>
    public string Email { get; private set; } = "";

    public string DisplayName { get; set; } = "";

    public string PasswordHash { get; set; } = "";

    public bool IsAdministrator { get; set; }

    public bool IsActive { get; set; } = true;

    public DateTimeOffset CreatedAt { get; private set; }

    public static User Create(string email, string displayName, bool isAdministrator, DateTimeOffset now) => new()
    {
        Email = NormalizeEmail(email),
        DisplayName = displayName.Trim(),
        IsAdministrator = isAdministrator,
        CreatedAt = now,
    };

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
}
