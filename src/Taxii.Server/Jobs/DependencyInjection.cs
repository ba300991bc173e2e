using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Taxii.Feeds.Jobs;
using Taxii.Persistence;
using Taxii.Server.Auth;

namespace Taxii.Server.Jobs;

internal static class DependencyInjection
{
    public static IHostApplicationBuilder AddTaxiiJobs(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(JobOptions.SectionName).Get<JobOptions>() ?? new JobOptions();
        var connectionString = builder.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName)!;
        builder.Services.AddOptions<JobOptions>().BindConfiguration(JobOptions.SectionName)
            .Validate(o => o.WorkerCount is > 0 and <= 100, "Taxii:Jobs:WorkerCount must be between 1 and 100")
            .Validate(o => o.QueuePollInterval >= TimeSpan.FromMilliseconds(100) && o.QueuePollInterval <= TimeSpan.FromMinutes(1), "Taxii:Jobs:QueuePollInterval must be between 0.1 s and 1 minute")
            .ValidateOnStart();

        // this host's own storage in DI, never the static JobStorage.Current, which several hosts in one process would share
        builder.Services.AddSingleton<JobStorage>(_ =>
        {
            var storageOptions = new PostgreSqlStorageOptions { SchemaName = options.Schema, PrepareSchemaIfNecessary = true, QueuePollInterval = options.QueuePollInterval };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions);
        });
        // and this host's own activator: Hangfire's default is the static JobActivator.Current, which the last host
        // configured in the process owns, so a second host's jobs would run with the first one's services
        builder.Services.AddSingleton<JobActivator>(services => new Hangfire.AspNetCore.AspNetCoreJobActivator(services.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        if (options.RunServer)
        {
            builder.Services.AddHangfireServer((services, server) =>
                server.WorkerCount = services.GetRequiredService<IOptions<JobOptions>>().Value.WorkerCount);
        }

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<PollResultCleanupJob>();
        builder.Services.AddHostedService<RecurringJobScheduler>();
        return builder;
    }

    /// <summary>The dashboard at <c>/hangfire</c>, for authenticated administrators only.</summary>
    public static IEndpointConventionBuilder MapJobDashboard(this IEndpointRouteBuilder app) =>
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            // access is decided by the endpoint's authorization policy below, not by Hangfire's filters
            Authorization = [],
            DisplayStorageConnectionString = false,
            DashboardTitle = "Taxii jobs",
        }).RequireAuthorization(Policies.Admin);
}
