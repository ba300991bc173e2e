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
            .ValidateOnStart();

        // this host's own storage in DI, never the static JobStorage.Current, which several hosts in one process would share
        builder.Services.AddSingleton<JobStorage>(_ =>
        {
            // long polling (LISTEN/NOTIFY): a run asked for through the API starts at once, not at the next 15 s queue poll
            var storageOptions = new PostgreSqlStorageOptions { SchemaName = options.Schema, PrepareSchemaIfNecessary = true, EnableLongPolling = true };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions);
        });
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
