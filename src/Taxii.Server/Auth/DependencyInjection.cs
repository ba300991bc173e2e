using Microsoft.AspNetCore.Authentication;

namespace Taxii.Server.Auth;

internal static class DependencyInjection
{
    public static IHostApplicationBuilder AddTaxiiAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(BasicAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, policy => policy.RequireAuthenticatedUser().RequireClaim(TaxiiClaims.Admin, "true"));
        return builder;
    }
}
