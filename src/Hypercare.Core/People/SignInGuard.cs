using Hypercare.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Hypercare.Core.People;

public sealed record LockoutResponse(string Kind, string Key, int Failures, DateTimeOffset LastFailureAt, DateTimeOffset LockedUntil);

public sealed record SignInAttemptResponse(long Id, SignInKind Kind, SignInOutcome Outcome, string? Email, string? Address, int? UserId, DateTimeOffset At);

/// <summary>
/// Counts failed sign-ins per e-mail address and per network address from the recorded attempts, in the database so
/// every node sees the same count (ADR 0050). An account locks after <see cref="SignInLimits.MaxFailuresPerAccount"/>
/// failures since its last success; an address after <see cref="SignInLimits.MaxFailuresPerAddress"/> failures
/// (a success does not reset an address: one valid account must not open the door for guessing others). Unknown
/// addresses lock exactly like known ones, so the answers never tell whether an account exists.
/// </summary>
public sealed partial class SignInGuard(HypercareDbContext db, TimeProvider time, SignInLimits limits, ILogger<SignInGuard> log)
{
    /// <summary>Whether an attempt for this e-mail (null for a token) from this address must be refused unchecked.</summary>
    public async Task<DateTimeOffset?> LockedUntilAsync(string? email, string? address, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var since = now - limits.Window - limits.Lockout;
        DateTimeOffset? until = null;
        if (email is not null)
        {
            var normalized = User.NormalizeEmail(email);
            var recent = await db.SignInAttempts.AsNoTracking().Where(a => a.Email == normalized && a.At >= since).ToListAsync(cancellationToken);
            until = AccountLock(recent, now).Until;
        }

        if (address is not null)
        {
            var recent = await db.SignInAttempts.AsNoTracking().Where(a => a.Address == address && a.At >= since).ToListAsync(cancellationToken);
            until = Later(until, AddressLock(recent, now).Until);
        }

        return until;
    }

    /// <summary>Records an attempt (in its own save) and logs a failure; the row is the audit of sign-ins.</summary>
    public async Task RecordAsync(SignInKind kind, SignInOutcome outcome, string? email, string? address, int? userId, CancellationToken cancellationToken = default)
    {
        var normalized = email is null ? null : Clip(User.NormalizeEmail(email), User.EmailMaxLength);
        db.SignInAttempts.Add(SignInAttempt.Record(kind, outcome, normalized, address, userId, time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        if (outcome != SignInOutcome.Succeeded)
        {
            LogRefused(log, kind, outcome, normalized ?? "(token)", address ?? "(unknown)");
        }
    }

    /// <summary>The accounts and addresses locked now, for administrators.</summary>
    public async Task<IReadOnlyList<LockoutResponse>> LockoutsAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var since = now - limits.Window - limits.Lockout;
        var recent = await db.SignInAttempts.AsNoTracking().Where(a => a.At >= since).OrderBy(a => a.At).ToListAsync(cancellationToken);
        var result = new List<LockoutResponse>();
        foreach (var account in recent.Where(a => a.Email is not null).GroupBy(a => a.Email!))
        {
            if (AccountLock(account, now) is { Until: { } until } lockout)
            {
                result.Add(new LockoutResponse("account", account.Key, lockout.Failures.Count, lockout.Failures.Max(), until));
            }
        }

        foreach (var address in recent.Where(a => a.Address is not null).GroupBy(a => a.Address!))
        {
            if (AddressLock(address, now) is { Until: { } until } lockout)
            {
                result.Add(new LockoutResponse("address", address.Key, lockout.Failures.Count, lockout.Failures.Max(), until));
            }
        }

        return result;
    }

    /// <summary>An administrator lifts the lock on an account (e-mail) or an address; failures before now stop counting.</summary>
    public async Task<Outcome<LockoutCleared>> UnlockAsync(string? email, string? address, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        var cleanEmail = errors.Optional("email", email, User.EmailMaxLength);
        var cleanAddress = errors.Optional("address", address, UserSession.AddressMaxLength);
        if (cleanEmail is null && cleanAddress is null && !errors.Any)
        {
            errors.Add("email", "email or address is required.");
        }

        if (errors.Any)
        {
            return errors.ToFailure();
        }

        await RecordAsync(SignInKind.Unlock, SignInOutcome.Cleared, cleanEmail, cleanAddress, null, cancellationToken);
        return new LockoutCleared(cleanEmail is null ? null : User.NormalizeEmail(cleanEmail), cleanAddress);
    }

    public async Task<IReadOnlyList<SignInAttemptResponse>> AttemptsAsync(bool failedOnly, int limit, CancellationToken cancellationToken = default)
    {
        var query = db.SignInAttempts.AsNoTracking();
        if (failedOnly)
        {
            query = query.Where(a => a.Outcome != SignInOutcome.Succeeded && a.Outcome != SignInOutcome.Cleared);
        }

        var rows = await query.OrderByDescending(a => a.Id).Take(Math.Clamp(limit, 1, 500)).ToListAsync(cancellationToken);
        return rows.Select(a => new SignInAttemptResponse(a.Id, a.Kind, a.Outcome, a.Email, a.Address, a.UserId, a.At)).ToList();
    }

    /// <summary>An e-mail's failures count from its last success or unlock.</summary>
    private (List<DateTimeOffset> Failures, DateTimeOffset? Until) AccountLock(IEnumerable<SignInAttempt> attempts, DateTimeOffset now) =>
        Lock(attempts, a => a.Outcome is SignInOutcome.Succeeded or SignInOutcome.Cleared, limits.MaxFailuresPerAccount, now);

    /// <summary>An address's failures count from its last unlock only: a success from it does not reset them.</summary>
    private (List<DateTimeOffset> Failures, DateTimeOffset? Until) AddressLock(IEnumerable<SignInAttempt> attempts, DateTimeOffset now) =>
        Lock(attempts, a => a.Kind == SignInKind.Unlock, limits.MaxFailuresPerAddress, now);

    private (List<DateTimeOffset> Failures, DateTimeOffset? Until) Lock(IEnumerable<SignInAttempt> attempts, Func<SignInAttempt, bool> resets, int max, DateTimeOffset now)
    {
        var list = attempts.ToList();
        var reset = list.Where(resets).Select(a => (DateTimeOffset?)a.At).Max() ?? DateTimeOffset.MinValue;
        var failures = list.Where(a => a.At > reset && a.IsFailure).Select(a => a.At).ToList();
        return (failures, LockEnd(failures, max, now));
    }

    private DateTimeOffset? LockEnd(IEnumerable<DateTimeOffset> failures, int max, DateTimeOffset now)
    {
        // `max` failures within one window lock until the lockout has passed since the last of them; the count starts
        // again when a lock has passed, so one typo after a lock does not lock again at once.
        DateTimeOffset? lockedUntil = null;
        var window = new Queue<DateTimeOffset>();
        foreach (var at in failures.Order())
        {
            if (lockedUntil is { } until)
            {
                if (at < until)
                {
                    continue;
                }

                lockedUntil = null;
            }

            window.Enqueue(at);
            while (at - window.Peek() > limits.Window)
            {
                window.Dequeue();
            }

            if (window.Count >= max)
            {
                lockedUntil = at + limits.Lockout;
                window.Clear();
            }
        }

        return lockedUntil > now ? lockedUntil : null;
    }

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static string Clip(string value, int max) => value.Length <= max ? value : value[..max];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused ({Kind}, {Outcome}) for {Email} from {Address}")]
    private static partial void LogRefused(ILogger logger, SignInKind kind, SignInOutcome outcome, string email, string address);
}

public sealed record LockoutCleared(string? Email, string? Address);
