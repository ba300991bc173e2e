using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Taxii.Core.Security;
using Taxii.Persistence;

namespace Taxii.Server.Auth;

/// <summary>HTTP basic authentication against the users table (checked by <see cref="PasswordLogins"/>).</summary>
internal sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    PasswordLogins logins)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Basic";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !SchemeName.Equals(header.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var decoded = TryDecode(header.Parameter, out var name, out var password);
        var result = await logins.VerifyAsync(Context.Connection.RemoteIpAddress, decoded ? name : null, password, Context.RequestAborted);
        if (result.Throttled is { } throttled)
        {
            Context.Features.Set(throttled);
            return AuthenticateResult.Fail("Too many failed login attempts");
        }

        return result.Login is { } login
            ? AuthenticateResult.Success(new AuthenticationTicket(Logins.Principal(login, SchemeName), SchemeName))
            : AuthenticateResult.Fail(decoded ? "Invalid credentials" : "Malformed basic credentials");
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
