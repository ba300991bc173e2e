using Microsoft.Extensions.DependencyInjection.Extensions;
using Taxii.Server.Taxii.CollectionManagement;
using Taxii.Server.Taxii.Discovery;
using Taxii.Server.Taxii.Inbox;
using Taxii.Server.Taxii.Poll;
using Taxii.Server.Taxii.Seeding;

namespace Taxii.Server.Taxii;

internal static class DependencyInjection
{
    public static IHostApplicationBuilder AddTaxiiServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TaxiiServiceOptions>().BindConfiguration(TaxiiServiceOptions.SectionName)
            .Validate(o => o.MaxBlocksPerPart is > 0 and <= 100_000, "Taxii:Services:MaxBlocksPerPart must be between 1 and 100000")
            .Validate(o => o.PollResultLifetime > TimeSpan.Zero, "Taxii:Services:PollResultLifetime must be positive")
            .ValidateOnStart();
        builder.Services.AddOptions<TaxiiSeedOptions>().BindConfiguration(TaxiiSeedOptions.SectionName);
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ServiceDirectory>();
        builder.Services.AddScoped<Admin.Services.ServiceOperations>();
        builder.Services.AddScoped<Admin.Collections.CollectionOperations>();
        builder.Services.AddScoped<TaxiiCatalog>();
        builder.Services.AddScoped<TaxiiPipeline>();
        builder.Services.AddScoped<ITaxiiMessageHandler, DiscoveryHandler>();
        builder.Services.AddScoped<ITaxiiMessageHandler, CollectionManagementHandler>();
        builder.Services.AddScoped<CollectionInformation>();
        builder.Services.AddSingleton<CollectionVolumes>();
        builder.Services.AddScoped<SubscriptionManagement>();
        builder.Services.AddScoped<ITaxiiMessageHandler, InboxHandler>();
        builder.Services.AddScoped<ITaxiiMessageHandler, PollHandler>();
        builder.Services.AddScoped<PollSelector>();
        builder.Services.AddScoped<PollStreamer>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddExceptionHandler<TaxiiExceptionHandler>();
        builder.Services.AddHostedService<TaxiiSeeder>();
        builder.Services.Configure<RouteOptions>(o => o.SetParameterPolicy<ReservedPaths>(ReservedPaths.ConstraintName));
        return builder;
    }

    /// <summary>
    /// Services live at paths stored in the database, so one catch-all endpoint, tried after every other route,
    /// hands each request to the pipeline, which finds the service by path.
    /// </summary>
    public const string EndpointName = "TaxiiServices";

    public static IEndpointConventionBuilder MapTaxiiServices(this IEndpointRouteBuilder app)
    {
        var endpoint = app.Map($"/{{**path:{ReservedPaths.ConstraintName}}}", (HttpContext http, TaxiiPipeline pipeline) => pipeline.HandleAsync(http))
            .WithName(EndpointName)
            .ExcludeFromDescription();
        endpoint.Add(b => ((RouteEndpointBuilder)b).Order = int.MaxValue);
        return endpoint;
    }
}
