using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Auth;

namespace Taxii.Server.Admin.Tokens;

/// <summary><c>/api/v1/me</c>: the caller itself and its personal API tokens, which only their owner manages.</summary>
internal static class TokenEndpoints
{
    public static void MapMe(this IEndpointRouteBuilder api)
    {
        var me = api.MapGroup("/me").WithTags("Me");
        me.MapGet("/", (ClaimsPrincipal caller) => TypedResults.Ok(new MeDto(
                Taxii.TaxiiCaller.From(caller).UserId ?? 0,
                caller.FindFirstValue(ClaimTypes.Name) ?? string.Empty,
                caller.HasClaim(TaxiiClaims.Admin, "true"),
                [.. caller.FindAll(TaxiiClaims.Permission).Select(c => c.Value).Order(StringComparer.Ordinal)])))
            .WithName("GetMe");
        me.MapGet("/tokens", ListAsync).WithName("ListTokens");
        me.MapPost("/tokens", CreateAsync).WithName("CreateToken").Produces<CreatedTokenDto>(StatusCodes.Status201Created);
        me.MapDelete("/tokens/{id:int}", RevokeAsync).WithName("RevokeToken");
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal caller, TaxiiDbContext db, CancellationToken cancellationToken)
    {
        var userId = Taxii.TaxiiCaller.From(caller).UserId;
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderBy(t => t.Id)
            .Select(t => new TokenDto(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(tokens);
    }

    private static async Task<IResult> CreateAsync(CreateTokenRequest body, ClaimsPrincipal caller, TaxiiDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var validation = new Validation().Require("name", body.Name, 200)
            .Check(body.ExpiresAt is null || body.ExpiresAt > now, "expiresAt", "expiresAt must be in the future");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var secret = ApiTokenAuthenticationHandler.TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken
        {
            UserId = Taxii.TaxiiCaller.From(caller).UserId!.Value,
            Name = body.Name.Trim(),
            Prefix = secret[..12],
            SecretHash = ApiTokenAuthenticationHandler.Hash(secret),
            CreatedAt = now,
            ExpiresAt = body.ExpiresAt,
        };
        db.ApiTokens.Add(token);
        await AuditLog.SaveNewAsync(db, caller, time, () => $"me/tokens/{token.Id}", $"name={token.Name}; prefix={token.Prefix}", cancellationToken);
        return TypedResults.Created($"/api/v1/me/tokens/{token.Id}", new CreatedTokenDto(token.Id, token.Name, secret, token.CreatedAt, token.ExpiresAt));
    }

    private static async Task<IResult> RevokeAsync(int id, ClaimsPrincipal caller, TaxiiDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var userId = Taxii.TaxiiCaller.From(caller).UserId;
        // another user's token answers 404 too: its existence is none of the caller's business
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id && t.UserId == userId, cancellationToken);
        if (token is null)
        {
            return TypedResults.NotFound();
        }

        token.RevokedAt ??= time.GetUtcNow();
        AuditLog.Record(db, caller, time, "revoke", $"me/tokens/{id}", $"name={token.Name}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
