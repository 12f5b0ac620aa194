namespace Hypercare.Core.People;

/// <summary>The signed-in person (or tool acting for them) on whose behalf a service runs.</summary>
public sealed record Caller(int UserId, string DisplayName, bool IsAdministrator)
{
    /// <summary>The command line acts with the rights of whoever can open the database file.</summary>
    public static Caller System { get; } = new(0, "system", true);
}
