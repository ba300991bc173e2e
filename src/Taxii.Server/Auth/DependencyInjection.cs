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
            .ValidateOnStart();
        builder.Services.AddSingleton<CredentialCache>();
        builder.Services.AddAuthentication(SchemeName)
            .AddPolicyScheme(SchemeName, "Basic or API token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith(ApiTokenAuthenticationHandler.SchemeName + " ", StringComparison.OrdinalIgnoreCase)
                    ? ApiTokenAuthenticationHandler.SchemeName
                    : BasicAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        var policies = builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, policy => policy.RequireAuthenticatedUser().RequireClaim(TaxiiClaims.Admin, "true"));
        foreach (var permission in Permissions.All)
        {
            // administrators hold every permission
            policies.AddPolicy(permission, policy => policy.RequireAuthenticatedUser().RequireAssertion(context =>
                context.User.HasClaim(TaxiiClaims.Admin, "true") || context.User.HasClaim(TaxiiClaims.Permission, permission)));
        }

        return builder;
    }
}
