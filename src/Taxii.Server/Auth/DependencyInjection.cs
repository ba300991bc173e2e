using Microsoft.AspNetCore.Authentication;
using Taxii.Core.Security;

namespace Taxii.Server.Auth;

internal static class DependencyInjection
{
    /// <summary>The scheme that picks basic or token authentication by the Authorization header.</summary>
    public const string SchemeName = "Taxii";

    public static IHostApplicationBuilder AddTaxiiAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName)
            .Validate(o => o.CredentialCacheLifetime >= TimeSpan.Zero, "Taxii:Auth:CredentialCacheLifetime must not be negative")
            .Validate(o => o.CallerCacheLifetime >= TimeSpan.Zero && o.CallerCacheLifetime <= TimeSpan.FromMinutes(5),
                "Taxii:Auth:CallerCacheLifetime must be between 00:00:00 and 00:05:00")
            .Validate(o => o.MaxFailedLoginsPerUser is >= 1 and <= 10_000, "Taxii:Auth:MaxFailedLoginsPerUser must be between 1 and 10000")
            .Validate(o => o.MaxFailedLoginsPerAddress is >= 1 and <= 1_000_000, "Taxii:Auth:MaxFailedLoginsPerAddress must be between 1 and 1000000")
            .Validate(o => o.FailedLoginWindow >= TimeSpan.FromSeconds(1) && o.FailedLoginWindow <= TimeSpan.FromDays(1),
                "Taxii:Auth:FailedLoginWindow must be between 00:00:01 and 1.00:00:00")
            .ValidateOnStart();
        builder.Services.AddSingleton<CredentialCache>();
        builder.Services.AddSingleton<FailedLoginSweep>();
        builder.Services.AddSingleton(typeof(AccessCache<,>));
        builder.Services.AddSingleton<UnblockedLogins>();
        builder.Services.AddScoped<ActiveUsers>();
        builder.Services.AddScoped<LoginThrottle>();
        builder.Services.AddScoped<PasswordLogins>();
        builder.Services.AddAuthentication(SchemeName)
            .AddPolicyScheme(SchemeName, "Basic, API token or TLS client certificate", o => o.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, null)
            .AddTaxiiClientCertificates()
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        var policies = builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, policy => policy.RequireAuthenticatedUser().RequireClaim(TaxiiClaims.Admin, "true"));
        foreach (var permission in Permissions.All)
        {
            // administrators hold every permission
            policies.AddPolicy(permission, policy => policy.RequireAuthenticatedUser().RequireAssertion(context =>
                context.User.HasClaim(TaxiiClaims.Admin, "true") || context.User.HasClaim(TaxiiClaims.Permission, permission)));
        }

        // TLS accepts any client certificate: trust is decided by pinning (a certificate registered to a user, checked
        // by ClientCertificates), so partners' self-signed certificates work and an unregistered one gains nothing
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
            kestrel.ConfigureHttpsDefaults(https =>
            {
                https.ClientCertificateMode = builder.Configuration.GetValue(
                    "Taxii:Auth:ClientCertificateMode", Microsoft.AspNetCore.Server.Kestrel.Https.ClientCertificateMode.AllowCertificate);
                https.ClientCertificateValidation = (_, _, _) => true;
            }));
        return builder;
    }

    /// <summary>Credentials in the Authorization header win; without them, a TLS client certificate.</summary>
    private static string SelectScheme(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith(ApiTokenAuthenticationHandler.SchemeName + " ", StringComparison.OrdinalIgnoreCase))
        {
            return ApiTokenAuthenticationHandler.SchemeName;
        }

        return authorization.Length == 0 && context.Connection.ClientCertificate is not null
            ? ClientCertificates.SchemeName
            : BasicAuthenticationHandler.SchemeName;
    }
}
