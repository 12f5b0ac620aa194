using System.Security.Cryptography;
using Hypercare.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.People;

public sealed record SignInSessionResponse(int Id, DateTimeOffset CreatedAt, DateTimeOffset LastUsedAt, string? Address, string? UserAgent, bool Current);

/// <summary>A started session: the key goes into the (encrypted) cookie and is never stored.</summary>
public sealed record StartedSession(int Id, string Key);

/// <summary>Server-side browser sessions (ADR 0050): started at sign-in, checked on every request, ended by sign-out.</summary>
public sealed class SessionService(HypercareDbContext db, TimeProvider time, SignInLimits limits)
{
    public async Task<StartedSession> StartAsync(int userId, string? address, string? userAgent, CancellationToken cancellationToken = default)
    {
        var key = AccountService.Base64Url(RandomNumberGenerator.GetBytes(32));
        var session = UserSession.Start(userId, AccountService.Hash(key), address, userAgent, time.GetUtcNow());
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return new StartedSession(session.Id, key);
    }

    /// <summary>
    /// The person behind a session key as they are now (current name and administrator flag), or null when the
    /// session was ended, has been idle or open too long, or the person was deactivated.
    /// </summary>
    public async Task<Caller?> ValidateAsync(string key, CancellationToken cancellationToken = default)
    {
        var hash = AccountService.Hash(key);
        var session = await db.UserSessions.Include(s => s.User).SingleOrDefaultAsync(s => s.KeyHash == hash, cancellationToken);
        if (session is not { IsOpen: true, User: { } user })
        {
            return null;
        }

        var now = time.GetUtcNow();
        if ((user.IsActive ? Lapsed(session, now) : SessionEnd.Deactivated) is { } reason)
        {
            session.End(reason, now);
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }

        session.Touch(now);
        if (db.Entry(session).State == EntityState.Modified)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return new Caller(user.Id, user.DisplayName, user.IsAdministrator);
    }

    /// <summary>Why an open session has run out by <paramref name="now"/>, or null while it holds.</summary>
    private SessionEnd? Lapsed(UserSession session, DateTimeOffset now) =>
        now - session.LastUsedAt > limits.SessionIdle ? SessionEnd.IdleTimeout
        : now - session.CreatedAt > limits.SessionLifetime ? SessionEnd.LifetimeReached
        : null;

    public async Task EndAsync(string key, SessionEnd reason, CancellationToken cancellationToken = default)
    {
        var hash = AccountService.Hash(key);
        var session = await db.UserSessions.SingleOrDefaultAsync(s => s.KeyHash == hash, cancellationToken);
        if (session is not null)
        {
            session.End(reason, time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>A person's open sessions, newest first; <paramref name="currentKey"/> marks the one asking.</summary>
    public async Task<IReadOnlyList<SignInSessionResponse>> ListAsync(int userId, string? currentKey, CancellationToken cancellationToken = default)
    {
        var currentHash = currentKey is null ? null : AccountService.Hash(currentKey);
        var sessions = await db.UserSessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.EndedAt == null)
            .OrderByDescending(s => s.Id)
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return sessions
            .Where(s => Lapsed(s, now) is null)
            .Select(s => new SignInSessionResponse(s.Id, s.CreatedAt, s.LastUsedAt, s.Address, s.UserAgent, s.KeyHash == currentHash))
            .ToList();
    }

    /// <summary>A person ends one of their own sessions (a browser left signed in elsewhere).</summary>
    public async Task<bool> EndAsync(int userId, int sessionId, CancellationToken cancellationToken = default)
    {
        var session = await db.UserSessions.SingleOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null, cancellationToken);
        if (session is null)
        {
            return false;
        }

        session.End(SessionEnd.EndedByUser, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Ends every open session of a person (deactivation), in the caller's unit of work.</summary>
    internal async Task EndAllAsync(int userId, SessionEnd reason, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        foreach (var session in await db.UserSessions.Where(s => s.UserId == userId && s.EndedAt == null).ToListAsync(cancellationToken))
        {
            session.End(reason, now);
        }
    }
}
