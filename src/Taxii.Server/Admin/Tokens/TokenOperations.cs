using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Auth;

namespace Taxii.Server.Admin.Tokens;

/// <summary>
/// The caller and its personal API tokens: the rules behind both <c>/api/v1/me</c> and the web UI's My account page, so
/// both check, create, revoke and audit the same way. Only the owner sees or revokes a token.
/// </summary>
internal sealed class TokenOperations(TaxiiDbContext db, TimeProvider time)
{
    public static MeDto Me(ClaimsPrincipal caller) => new(
        Taxii.TaxiiCaller.From(caller).UserId ?? 0,
        caller.FindFirstValue(ClaimTypes.Name) ?? string.Empty,
        caller.HasClaim(TaxiiClaims.Admin, "true"),
        [.. caller.FindAll(TaxiiClaims.Permission).Select(c => c.Value).Order(StringComparer.Ordinal)]);

    public Task<List<TokenDto>> ListAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var userId = Taxii.TaxiiCaller.From(caller).UserId;
        return db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderBy(t => t.Id)
            .Select(t => new TokenDto(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>A new token with its secret (returned this once, stored only as a hash), or the field errors.</summary>
    public async Task<TokenCreation> CreateAsync(CreateTokenRequest body, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var validation = new Validation().Require("name", body.Name, 200)
            .Check(body.ExpiresAt is null || body.ExpiresAt > now, "expiresAt", "expiresAt must be in the future");
        if (!validation.IsValid)
        {
            return new TokenCreation(null, validation);
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
        return new TokenCreation(new CreatedTokenDto(token.Id, token.Name, secret, token.CreatedAt, token.ExpiresAt), null);
    }

    /// <summary>False when the caller has no such token (another user's token included: its existence is none of the caller's business).</summary>
    public async Task<bool> RevokeAsync(int id, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var userId = Taxii.TaxiiCaller.From(caller).UserId;
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id && t.UserId == userId, cancellationToken);
        if (token is null)
        {
            return false;
        }

        token.RevokedAt ??= time.GetUtcNow();
        AuditLog.Record(db, caller, time, "revoke", $"me/tokens/{id}", $"name={token.Name}");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
