using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Taxii.Persistence;

namespace Taxii.Server.Auth;

/// <summary><c>Authorization: Bearer taxii_…</c> with a personal API token, found by the SHA-256 of its secret.</summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    TaxiiDbContext db,
    TimeProvider time,
    LoginThrottle throttle,
    AccessCache<string, ApiTokenLogin?> tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Bearer";
    public const string TokenPrefix = "taxii_";

    /// <summary>Last-use times are written at most this often per token, not on every request.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !SchemeName.Equals(header.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        // tokens are counted per client address only: they name no user
        var address = Context.Connection.RemoteIpAddress;
        if (await throttle.RetryAfterAsync(address, null, Context.RequestAborted) is { } wait)
        {
            Context.Features.Set(new LoginThrottled(wait));
            return AuthenticateResult.Fail("Too many failed login attempts");
        }

        if (header.Parameter is not { Length: > 0 } secret || !secret.StartsWith(TokenPrefix, StringComparison.Ordinal))
        {
            await throttle.FailedAsync(address, null);
            return AuthenticateResult.Fail("Malformed token");
        }

        var now = time.GetUtcNow();
        var known = await FindAsync(secret);
        if (known is null || known.ExpiresAt <= now)
        {
            await throttle.FailedAsync(address, null);
            return AuthenticateResult.Fail("Invalid token");
        }

        if (known.TakeLastUse(now, LastUsedResolution))
        {
            // not through the change tracker: a last use changes nobody's access, and cached logins stay
            await db.ApiTokens.Where(t => t.Id == known.TokenId)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        }

        var login = known.Login;
        return AuthenticateResult.Success(new AuthenticationTicket(Logins.Principal(login, SchemeName), SchemeName));
    }

    /// <summary>The active token with this secret and its user's login, from the cache or the database; null if none.</summary>
    private Task<ApiTokenLogin?> FindAsync(string secret)
    {
        var hash = Hash(secret);
        // unknown secrets are not kept: each is a failed login, which the throttle counts and soon refuses
        return tokens.GetOrLoadAsync(Convert.ToBase64String(hash), () => LoadAsync(hash), known => known is not null);
    }

    private async Task<ApiTokenLogin?> LoadAsync(byte[] hash)
    {
        var token = await db.ApiTokens.AsNoTracking().Include(t => t.User)
            .SingleOrDefaultAsync(t => t.SecretHash == hash, Context.RequestAborted);
        return token?.User is { IsActive: true } user && token.RevokedAt is null
            ? new ApiTokenLogin(token.Id, token.ExpiresAt, token.LastUsedAt, await Logins.LoadAsync(db, user, Context.RequestAborted))
            : null;
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer realm=\"Taxii\"";
        if (Context.Features.Get<LoginThrottled>() is { } throttled)
        {
            await throttled.WriteProblemAsync(Context);
            return;
        }

        await base.HandleChallengeAsync(properties);
    }
}
