using Hypercare.Core.People;
using Hypercare.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hypercare.Web.People;

public sealed record CreateTokenRequest(string? Name);

public sealed record CreateUserRequest(string? Email, string? DisplayName, string? Password, bool IsAdministrator = false);

public static class AccountApi
{
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me").WithTags("Account").RequireAuthorization();
        me.MapGet("/", GetMe);
        me.MapGet("/tokens", ListTokens);
        me.MapPost("/tokens", CreateToken);
        me.MapDelete("/tokens/{tokenId:int}", RevokeToken);

        var users = app.MapGroup("/api/v1/users").WithTags("Users").RequireAuthorization(AuthorizationPolicies.Administrator);
        users.MapPost("/", CreateUser);
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

    private static async Task<Results<Created<UserResponse>, ProblemHttpResult>> CreateUser(
        CreateUserRequest request, AccountService accounts, CancellationToken ct)
    {
        var outcome = await accounts.CreateUserAsync(request.Email, request.DisplayName, request.Password, request.IsAdministrator, ct);
        return ApiResults.Created(outcome, v => $"/api/v1/users/{v.Id}");
    }
}
