using Hypercare.Core.People;
using Hypercare.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hypercare.Web.People;

public sealed record CreateTokenRequest(string? Name);

public sealed record CreateUserRequest(string? Email, string? DisplayName, string? Password, bool IsAdministrator = false);

public sealed record UnlockRequest(string? Email, string? Address);

public static class AccountApi
{
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me").WithTags("Account").RequireAuthorization();
        me.MapGet("/", GetMe);
        me.MapGet("/tokens", ListTokens);
        me.MapPost("/tokens", CreateToken);
        me.MapDelete("/tokens/{tokenId:int}", RevokeToken);
        me.MapGet("/sessions", ListSessions);
        me.MapDelete("/sessions/{sessionId:int}", EndSession);

        var users = app.MapGroup("/api/v1/users").WithTags("Users").RequireAuthorization(AuthorizationPolicies.Administrator);
        users.MapGet("/", ListUsers);
        users.MapPost("/", CreateUser);
        users.MapPatch("/{userId:int}", ChangeUser);

        // Sign-in defence for administrators: who is locked out now, recent attempts, lifting a lock (ADR 0050).
        var signIn = app.MapGroup("/api/v1/sign-in").WithTags("Users").RequireAuthorization(AuthorizationPolicies.Administrator);
        signIn.MapGet("/lockouts", ListLockouts);
        signIn.MapGet("/attempts", ListAttempts);
        signIn.MapPost("/unlock", Unlock);
        return app;
    }

    private static async Task<Results<Ok<UserResponse>, NotFound>> GetMe(HttpContext http, AccountService accounts, CancellationToken ct)
    {
        var user = await accounts.FindUserAsync(http.User.RequireCaller().UserId, ct);
        return user is null ? TypedResults.NotFound() : TypedResults.Ok(user.ToResponse());
    }

    private static async Task<Ok<IReadOnlyList<TokenResponse>>> ListTokens(HttpContext http, AccountService accounts, CancellationToken ct) =>
        TypedResults.Ok(await accounts.ListTokensAsync(http.User.RequireCaller().UserId, ct));

    private static async Task<Results<Created<CreatedToken>, ProblemHttpResult>> CreateToken(
        CreateTokenRequest request, HttpContext http, AccountService accounts, CancellationToken ct)
    {
        var outcome = await accounts.CreateTokenAsync(http.User.RequireCaller().UserId, request.Name, ct);
        return ApiResults.Created(outcome, v => $"/api/v1/me/tokens/{v.Token.Id}");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeToken(int tokenId, HttpContext http, AccountService accounts, CancellationToken ct) =>
        await accounts.RevokeTokenAsync(http.User.RequireCaller().UserId, tokenId, ct)
            ? TypedResults.NoContent()
            : Hypercare.Core.Failure.NotFound("Token").ToProblem();

    private static async Task<Ok<IReadOnlyList<SignInSessionResponse>>> ListSessions(HttpContext http, SessionService sessions, CancellationToken ct) =>
        TypedResults.Ok(await sessions.ListAsync(http.User.RequireCaller().UserId, http.User.FindFirst(CallerClaims.SessionClaim)?.Value, ct));

    private static async Task<Results<NoContent, ProblemHttpResult>> EndSession(int sessionId, HttpContext http, SessionService sessions, CancellationToken ct) =>
        await sessions.EndAsync(http.User.RequireCaller().UserId, sessionId, ct)
            ? TypedResults.NoContent()
            : Hypercare.Core.Failure.NotFound("Session").ToProblem();

    private static async Task<Ok<IReadOnlyList<UserResponse>>> ListUsers(AccountService accounts, CancellationToken ct) =>
        TypedResults.Ok(await accounts.ListUsersAsync(ct));

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> ChangeUser(int userId, ChangeUserRequest request, AccountService accounts, CancellationToken ct) =>
        ApiResults.Answer(await accounts.ChangeUserAsync(userId, request, ct));

    private static async Task<Ok<IReadOnlyList<LockoutResponse>>> ListLockouts(SignInGuard guard, CancellationToken ct) =>
        TypedResults.Ok(await guard.LockoutsAsync(ct));

    private static async Task<Results<Ok<IReadOnlyList<SignInAttemptResponse>>, ProblemHttpResult>> ListAttempts(HttpContext http, SignInGuard guard, CancellationToken ct)
    {
        var errors = new Hypercare.Core.FieldErrors();
        var failed = QueryValues.TrueOrFalse(errors, "failed", http.Request.Query["failed"]);
        var limit = QueryValues.WholeNumber(errors, "limit", http.Request.Query["limit"]);
        if (limit is < 1 or > 500)
        {
            errors.Add("limit", "limit must be between 1 and 500.");
        }

        if (errors.Any)
        {
            return errors.ToFailure().ToProblem();
        }

        return TypedResults.Ok(await guard.AttemptsAsync(failed ?? false, limit ?? 100, ct));
    }

    private static async Task<Results<Ok<LockoutCleared>, ProblemHttpResult>> Unlock(UnlockRequest request, SignInGuard guard, CancellationToken ct) =>
        ApiResults.Answer(await guard.UnlockAsync(request.Email, request.Address, ct));

    private static async Task<Results<Created<UserResponse>, ProblemHttpResult>> CreateUser(
        CreateUserRequest request, AccountService accounts, CancellationToken ct)
    {
        var outcome = await accounts.CreateUserAsync(request.Email, request.DisplayName, request.Password, request.IsAdministrator, ct);
        return ApiResults.Created(outcome, v => $"/api/v1/users/{v.Id}");
    }
}
