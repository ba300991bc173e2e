using Microsoft.AspNetCore.Authentication;

namespace Taxii.Server.Auth;

internal static class DependencyInjection
{
    public static IHostApplicationBuilder AddTaxiiAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName)
            .Validate(o => o.CredentialCacheLifetime >= TimeSpan.Zero, "Taxii:Auth:CredentialCacheLifetime must not be negative")
            .ValidateOnStart();
        builder.Services.AddSingleton<CredentialCache>();
        builder.Services.AddAuthentication(BasicAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, policy => policy.RequireAuthenticatedUser().RequireClaim(TaxiiClaims.Admin, "true"));
        return builder;
    }
}
