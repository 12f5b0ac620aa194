using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using Hypercare.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.People;

public sealed record UserResponse(int Id, string Email, string DisplayName, bool IsAdministrator, bool IsActive);

public sealed record TokenResponse(int Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>The token text appears here once, at creation; only its hash is kept.</summary>
public sealed record CreatedToken(TokenResponse Token, string Secret);

public sealed record BootstrapResult(string Email, string? GeneratedPassword);

public sealed record ChangeUserRequest(string? DisplayName, bool? IsAdministrator, bool? IsActive);

/// <summary>The answer to a sign-in: the person, or null with why (recorded; never shown, so nobody learns whether an account exists).</summary>
public sealed record PasswordSignIn(User? User, SignInOutcome Outcome);

public sealed class AccountService(HypercareDbContext db, TimeProvider time, SignInGuard guard, SessionService sessions)
{
    public const int MinimumPasswordLength = 10;
    private const string TokenPrefix = "hc_";
    private static readonly PasswordHasher<User> Hasher = new();

    public async Task<Outcome<UserResponse>> CreateUserAsync(string? email, string? displayName, string? password, bool isAdministrator,
        CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        var cleanEmail = errors.Required("email", email, User.EmailMaxLength);
        var name = errors.Required("displayName", displayName, User.NameMaxLength);
        if (cleanEmail is not null && !MailAddress.TryCreate(cleanEmail, out _))
        {
            errors.Add("email", "email is not a valid e-mail address.");
        }

        if (password is null || password.Length < MinimumPasswordLength)
        {
            errors.Add("password", $"password must be at least {MinimumPasswordLength} characters.");
        }

        if (cleanEmail is not null && await db.Users.AnyAsync(u => u.Email == User.NormalizeEmail(cleanEmail), cancellationToken))
        {
            errors.Add("email", $"A user with e-mail {cleanEmail} already exists.");
        }

        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var user = User.Create(cleanEmail!, name!, isAdministrator, time.GetUtcNow());
        user.PasswordHash = Hasher.HashPassword(user, password!);
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        return user.ToResponse();
    }

    /// <summary>
    /// A password sign-in from a network address: refused unchecked while the e-mail or the address is locked, else the
    /// password is checked; every attempt is recorded (<see cref="SignInGuard"/>). Unknown e-mails, deactivated
    /// accounts and wrong passwords take the same time and give the same answer.
    /// </summary>
    public async Task<PasswordSignIn> SignInAsync(string email, string password, string? address, CancellationToken cancellationToken = default)
    {
        if (await guard.LockedUntilAsync(email, address, cancellationToken) is not null)
        {
            // Hash anyway so a locked account answers as slowly as a checked one.
            Hasher.VerifyHashedPassword(new User(), DummyHash, password);
            await guard.RecordAsync(SignInKind.Password, SignInOutcome.Locked, email, address, null, cancellationToken);
            return new PasswordSignIn(null, SignInOutcome.Locked);
        }

        var (user, outcome) = await VerifyPasswordAsync(email, password, cancellationToken);
        await guard.RecordAsync(SignInKind.Password, outcome, email, address, user?.Id, cancellationToken);
        return new PasswordSignIn(outcome == SignInOutcome.Succeeded ? user : null, outcome);
    }

    private async Task<(User? User, SignInOutcome Outcome)> VerifyPasswordAsync(string email, string password, CancellationToken cancellationToken)
    {
        var normalized = User.NormalizeEmail(email);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == normalized, cancellationToken);
        if (user is null || !user.IsActive)
        {
            // Hash anyway so an unknown address takes as long as a wrong password.
            Hasher.VerifyHashedPassword(new User(), DummyHash, password);
            return (user, user is null ? SignInOutcome.UnknownAccount : SignInOutcome.Deactivated);
        }

        var result = Hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            return (user, SignInOutcome.WrongPassword);
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = Hasher.HashPassword(user, password);
            await db.SaveChangesAsync(cancellationToken);
        }

        return (user, SignInOutcome.Succeeded);
    }

    /// <summary>Every account, for administrators.</summary>
    public async Task<IReadOnlyList<UserResponse>> ListUsersAsync(CancellationToken cancellationToken = default)
    {
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Id).ToListAsync(cancellationToken);
        return users.Select(u => u.ToResponse()).ToList();
    }

    /// <summary>
    /// An administrator renames, promotes, demotes, deactivates or reactivates an account. Deactivating ends the
    /// person's sessions at once (their tokens are refused by the active check); the last active administrator can be
    /// neither demoted nor deactivated, so the instance always has one.
    /// </summary>
    public async Task<Outcome<UserResponse>> ChangeUserAsync(int userId, ChangeUserRequest request, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return Failure.NotFound("User");
        }

        var errors = new FieldErrors();
        var name = request.DisplayName is null ? null : errors.Required("displayName", request.DisplayName, User.NameMaxLength);
        var losesAdministrator = user.IsAdministrator && user.IsActive && (request.IsAdministrator == false || request.IsActive == false);
        if (losesAdministrator && !await db.Users.AnyAsync(u => u.Id != user.Id && u.IsAdministrator && u.IsActive, cancellationToken))
        {
            errors.Add(request.IsActive == false ? "isActive" : "isAdministrator", "The instance needs at least one active administrator; promote another person first.");
        }

        if (errors.Any)
        {
            return errors.ToFailure();
        }

        if (name is not null)
        {
            user.DisplayName = name;
        }

        if (request.IsAdministrator is { } administrator)
        {
            user.IsAdministrator = administrator;
        }

        if (request.IsActive is { } active)
        {
            if (!active && user.IsActive)
            {
                await sessions.EndAllAsync(user.Id, SessionEnd.Deactivated, cancellationToken);
            }

            user.IsActive = active;
        }

        await db.SaveChangesAsync(cancellationToken);
        return user.ToResponse();
    }

    public async Task<Outcome<CreatedToken>> CreateTokenAsync(int userId, string? name, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        var cleanName = errors.Required("name", name, ApiToken.NameMaxLength);
        if (errors.Any)
        {
            return errors.ToFailure();
        }

        if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken))
        {
            return Failure.NotFound("User");
        }

        var secret = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var token = ApiToken.Create(userId, cleanName!, secret[..10], Hash(secret), time.GetUtcNow());
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedToken(token.ToResponse(), secret);
    }

    public async Task<IReadOnlyList<TokenResponse>> ListTokensAsync(int userId, CancellationToken cancellationToken = default)
    {
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderBy(t => t.Id).ToListAsync(cancellationToken);
        return tokens.Select(t => t.ToResponse()).ToList();
    }

    public async Task<bool> RevokeTokenAsync(int userId, int tokenId, CancellationToken cancellationToken = default)
    {
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, cancellationToken);
        if (token is null)
        {
            return false;
        }

        token.Revoke(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Resolves a bearer token to its owner; revoked tokens and deactivated users get nothing.</summary>
    /// <remarks>
    /// A refused token counts as a failure of its network address, and a locked address has every token refused
    /// unchecked (<see cref="SignInGuard"/>): guessing tokens is as limited as guessing passwords.
    /// </remarks>
    public async Task<Caller?> AuthenticateTokenAsync(string secret, string? address = null, CancellationToken cancellationToken = default)
    {
        if (address is not null && await guard.LockedUntilAsync(null, address, cancellationToken) is not null)
        {
            await guard.RecordAsync(SignInKind.Token, SignInOutcome.Locked, null, address, null, cancellationToken);
            return null;
        }

        var hash = secret.StartsWith(TokenPrefix, StringComparison.Ordinal) ? Hash(secret) : null;
        var token = hash is null ? null : await db.ApiTokens.Include(t => t.User)
            .SingleOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAt == null, cancellationToken);
        if (token?.User is not { IsActive: true } user)
        {
            await guard.RecordAsync(SignInKind.Token, SignInOutcome.TokenRefused, null, address, token?.UserId, cancellationToken);
            return null;
        }

        // Last use is recorded at minute granularity: a write per request would halve the API's throughput.
        var now = time.GetUtcNow();
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }

        return new Caller(user.Id, user.DisplayName, user.IsAdministrator);
    }

    public async Task<User?> FindUserAsync(int userId, CancellationToken cancellationToken = default) =>
        await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);

    public async Task<User?> FindUserByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        var normalized = User.NormalizeEmail(email);
        return await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == normalized, cancellationToken);
    }

    /// <summary>
    /// On an empty database, creates the first administrator: from the configured e-mail and password, or with a
    /// generated password that the host prints once. Does nothing when any user exists.
    /// </summary>
    public async Task<BootstrapResult?> EnsureAdministratorAsync(string? email, string? password, CancellationToken cancellationToken = default)
    {
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return null;
        }

        var adminEmail = string.IsNullOrWhiteSpace(email) ? "admin@hypercare.local" : email;
        var generated = string.IsNullOrEmpty(password) ? Base64Url(RandomNumberGenerator.GetBytes(15)) : null;
        var outcome = await CreateUserAsync(adminEmail, "Administrator", generated ?? password, isAdministrator: true, cancellationToken);
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException("The configured administrator is invalid: " +
                string.Join(" ", outcome.Failure!.Errors?.SelectMany(e => e.Value) ?? [outcome.Failure.Message]));
        }

        return new BootstrapResult(adminEmail, generated);
    }

    internal static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    internal static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static readonly string DummyHash = Hasher.HashPassword(new User(), "not a real password");
}

public static class AccountMappings
{
    public static UserResponse ToResponse(this User user) =>
        new(user.Id, user.Email, user.DisplayName, user.IsAdministrator, user.IsActive);

    public static TokenResponse ToResponse(this ApiToken token) =>
        new(token.Id, token.Name, token.Prefix, token.CreatedAt, token.LastUsedAt, token.RevokedAt);
}
