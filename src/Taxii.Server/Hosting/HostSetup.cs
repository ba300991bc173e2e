using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Serilog;
using Taxii.Core.Settings;

namespace Taxii.Server.Hosting;

internal static class HostSetup
{
    /// <summary>Kestrel's request body limit follows MaxBlobSize, so oversized bodies are refused before they are buffered.</summary>
    public static IHostApplicationBuilder AddTaxiiHost(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>()
            .Configure<IOptions<BlobLimitsOptions>>((kestrel, limits) =>
                kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodySize);
        builder.Services.AddProblemDetails();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<Admin.BadRequestProblemHandler>();
        builder.Services.AddExceptionHandler<Admin.DatabaseUnavailableProblemHandler>();
        builder.AddTaxiiTrustedProxies();
        return builder;
    }

    public static WebApplication UseTaxiiHost(this WebApplication app)
    {
        // first: the request log, the login limits and everything after see the client's address and scheme
        app.UseTaxiiTrustedProxies();
        app.UseSerilogRequestLogging();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).WithTags("Health");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Persistence.DependencyInjection.ReadyTag),
        }).WithTags("Health");
        return app;
    }
}
