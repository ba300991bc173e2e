using System.Security.Claims;

namespace Taxii.Server.Admin.Tokens;

/// <summary><c>/api/v1/me</c>: the caller itself and its personal API tokens, which only their owner manages.</summary>
internal static class TokenEndpoints
{
    public static void MapMe(this IEndpointRouteBuilder api)
    {
        var me = api.MapGroup("/me").WithTags("Me");
        me.MapGet("/", (ClaimsPrincipal caller) => TypedResults.Ok(TokenOperations.Me(caller))).WithName("GetMe");
        me.MapGet("/tokens", ListAsync).WithName("ListTokens");
        me.MapPost("/tokens", CreateAsync).WithName("CreateToken").Produces<CreatedTokenDto>(StatusCodes.Status201Created);
        me.MapDelete("/tokens/{id:int}", RevokeAsync).WithName("RevokeToken");
        me.MapPost("/password", ChangePasswordAsync).WithName("ChangeMyPassword")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal caller, TokenOperations tokens, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tokens.ListAsync(caller, cancellationToken));

    private static async Task<IResult> CreateAsync(CreateTokenRequest body, ClaimsPrincipal caller, TokenOperations tokens, CancellationToken cancellationToken) =>
        await tokens.CreateAsync(body, caller, cancellationToken) switch
        {
            { Created: { } created } => TypedResults.Created($"/api/v1/me/tokens/{created.Id}", created),
            { Invalid: { } validation } => validation.Problem(),
            _ => throw new InvalidOperationException("a token creation has a token or errors"),
        };

    private static async Task<IResult> RevokeAsync(int id, ClaimsPrincipal caller, TokenOperations tokens, CancellationToken cancellationToken) =>
        await tokens.RevokeAsync(id, caller, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    /// <summary>
    /// Changes the caller's own password: 204, 403 when <c>currentPassword</c> is not right (counted as a failed login),
    /// 422 for a new password outside the user creation rule, 429 after too many failed logins. API tokens stay valid.
    /// </summary>
    private static async Task<IResult> ChangePasswordAsync(
        ChangePasswordRequest body, ClaimsPrincipal caller, HttpContext context, PasswordOperations passwords, CancellationToken cancellationToken) =>
        (await passwords.ChangeAsync(body, caller, context.Connection.RemoteIpAddress, cancellationToken)).ToResult(context.Response);
}
