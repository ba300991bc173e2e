using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Taxii.Server.Auth;

internal static class DependencyInjection
{
    public static IHostApplicationBuilder AddTaxiiAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<VerifiedCredentials>();
        builder.Services.AddAuthentication(BasicAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, policy => policy.RequireAuthenticatedUser().RequireClaim(TaxiiClaims.Admin, "true"));
        return builder;
    }
}
