using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Taxii.Core.Security;
using Taxii.Persistence;

namespace Taxii.Server.Auth;

/// <summary>HTTP basic authentication against the users table.</summary>
internal sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    TaxiiDbContext db,
    PasswordHashing passwords,
    CredentialCache logins,
    LoginThrottle throttle)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Basic";

    /// <summary>Verified against when the user does not exist, so both cases take the same time.</summary>
    private static readonly Lazy<User> Decoy = new(() =>
    {
        var user = new User { Name = "decoy" };
        user.PasswordHash = new PasswordHashing().Hash(user, Guid.NewGuid().ToString());
        return user;
    });

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !SchemeName.Equals(header.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var address = Context.Connection.RemoteIpAddress;
        var decoded = TryDecode(header.Parameter, out var name, out var password);
        // checked before anything else, the same way for known and unknown names: a blocked attempt costs no password
        // hash and reveals nothing, even when the password is right
        if (await throttle.RetryAfterAsync(address, decoded ? name : null, Context.RequestAborted) is { } wait)
        {
            Context.Features.Set(new LoginThrottled(wait));
            return AuthenticateResult.Fail("Too many failed login attempts");
        }

        if (!decoded)
        {
            await throttle.FailedAsync(address, null);
            return AuthenticateResult.Fail("Malformed basic credentials");
        }

        // the user row and its permissions are read on every request: a password, role or deactivation changed through
        // any host applies at once
        var found = await Logins.FindActiveAsync(db, name, Context.RequestAborted);
        var user = found?.User;
        if (user?.PasswordHash is not { } stored || !logins.IsVerified(user.Id, stored, password))
        {
            // unknown user and wrong password take the same time and get the same answer: no user enumeration
            if (!passwords.Verify(user ?? Decoy.Value, password, out _) || user?.PasswordHash is null)
            {
                await throttle.FailedAsync(address, name);
                return AuthenticateResult.Fail("Invalid credentials");
            }

            logins.Remember(user.Id, user.PasswordHash, password);
        }

        if (found is not { Login: var login })
        {
            await throttle.FailedAsync(address, name);
            return AuthenticateResult.Fail("Invalid credentials");
        }

        await throttle.SucceededAsync(address, name);
        return AuthenticateResult.Success(new AuthenticationTicket(Logins.Principal(login, SchemeName), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Basic realm=\"Taxii\", charset=\"UTF-8\"";
        if (Context.Features.Get<LoginThrottled>() is { } throttled)
        {
            await throttled.WriteProblemAsync(Context);
            return;
        }

        await base.HandleChallengeAsync(properties);
    }

    private static bool TryDecode(string? parameter, out string name, out string password)
    {
        name = password = string.Empty;
        if (string.IsNullOrEmpty(parameter))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        name = decoded[..colon];
        password = decoded[(colon + 1)..];
        return true;
    }
}
