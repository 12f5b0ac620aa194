namespace Hypercare.Core.People;

/// <summary>
/// One sign-in or token attempt, successful or not: the record lockouts are counted from (ADR 0050), and the sign-in
/// history administrators read. Rows are only added. The e-mail is stored as typed (normalised), whether or not an
/// account has it, so the lockout treats known and unknown addresses alike.
/// </summary>
public sealed class SignInAttempt
{
    public long Id { get; private set; }

    public SignInKind Kind { get; private set; }

    public SignInOutcome Outcome { get; private set; }

    public string? Email { get; private set; }

    public string? Address { get; private set; }

    public int? UserId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public static SignInAttempt Record(SignInKind kind, SignInOutcome outcome, string? email, string? address, int? userId, DateTimeOffset at) => new()
    {
        Kind = kind,
        Outcome = outcome,
        Email = email,
        Address = address,
        UserId = userId,
        At = at,
    };

    public bool IsFailure => Outcome is SignInOutcome.WrongPassword or SignInOutcome.UnknownAccount or SignInOutcome.Deactivated or SignInOutcome.TokenRefused;
}

public enum SignInKind
{
    Password,
    Token,

    /// <summary>An administrator lifted a lockout: failures before it no longer count.</summary>
    Unlock,
}

public enum SignInOutcome
{
    Succeeded,
    WrongPassword,
    UnknownAccount,
    Deactivated,

    /// <summary>Refused without checking the password: the account or the address was locked.</summary>
    Locked,
    TokenRefused,
    Cleared,
}
