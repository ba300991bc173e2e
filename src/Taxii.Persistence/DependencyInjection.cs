using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Taxii.Persistence;

public static class DependencyInjection
{
    public const string ReadyTag = "ready";

    /// <summary>
    /// The DbContext on <c>ConnectionStrings:Taxii</c>, migrations at start and the readiness check.
    /// The connection string must be set before this runs (the host starts the embedded server first when none is configured).
    /// </summary>
    public static IHostApplicationBuilder AddTaxiiPersistence(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{DatabaseOptions.ConnectionStringName} is not set");

        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName);
        // pooled: every TAXII request uses a context, and setting up a new one cost about a third of basic authentication's
        // CPU in the inbox profile; a returned context is reset (tracked entities cleared) before it is reused
        builder.Services.AddSingleton<AccessChanges>();
        // interceptors other modules register (IInterceptor singletons, such as the feed caches' invalidation) join the host's
        builder.Services.AddDbContextPool<TaxiiDbContext>((services, options) =>
            Configure(options, connectionString).AddInterceptors(services.GetRequiredService<AccessChanges>().Interceptor)
                .AddInterceptors(services.GetServices<IInterceptor>()));
        builder.Services.AddScoped<Stores.ContentStore>();
        builder.Services.AddSingleton(new Stores.GroupedAppends(WithDefaults(connectionString)));
        builder.Services.AddScoped<Stores.EntityStore>();
        builder.Services.AddScoped<Stores.FailedLoginStore>();
        // before every other hosted service, whoever registered it first: nothing may touch the schema before it exists
        // (Data Protection's own hosted service reads the key ring from its table at start)
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, DatabaseMigrator>());
        builder.Services.AddHostedService(services => new AccessChangeListener(
            WithDefaults(connectionString), services.GetRequiredService<AccessChanges>(), services.GetRequiredService<ILogger<AccessChangeListener>>()));
        // feed secrets are encrypted with keys every host on the database shares (and a restored database brings back)
        builder.Services.AddDataProtection().SetApplicationName("Taxii").PersistKeysToDbContext<TaxiiDbContext>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseReadyHealthCheck>("database", tags: [ReadyTag]);
        return builder;
    }

    /// <summary>Applies pending migrations and returns; for the <c>migrate</c> command.</summary>
    public static Task MigrateAsync(IServiceProvider services, Microsoft.Extensions.Logging.ILogger logger, CancellationToken cancellationToken) =>
        DatabaseMigrator.MigrateAsync(services.GetRequiredService<IServiceScopeFactory>(), logger, cancellationToken);

    /// <summary>Options for a context outside DI (tests, tools), configured exactly as the host's.</summary>
    public static DbContextOptions<TaxiiDbContext> CreateOptions(string connectionString)
    {
        var options = new DbContextOptionsBuilder<TaxiiDbContext>();
        Configure(options, connectionString);
        return options.Options;
    }

    internal static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(WithDefaults(connectionString), npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(PreparedLookups.Interceptor)
            // a failing command is an exception its caller handles: an expected refusal (a unique name taken: 409) is no
            // error, and an unexpected one is logged once, with its context, by the request's or the job's error handling
            .ConfigureWarnings(w => w.Log(
                (RelationalEventId.CommandError, LogLevel.Debug),
                (CoreEventId.SaveChangesFailed, LogLevel.Debug),
                (CoreEventId.QueryIterationFailed, LogLevel.Debug)));

    /// <summary>
    /// The connection string with the Npgsql settings Taxii's hot paths rely on, where the operator did not set them:
    /// <c>Read Buffer Size=65536</c> (Npgsql's default is 8 KiB). A poll streams its blocks from one reader, and a larger
    /// buffer means fewer socket reads and thread-pool hops per block (server CPU per polled block fell by a fifth to a
    /// third; docs/performance.md). Automatic preparation stays off unless the operator sets <c>Max Auto Prepare</c>:
    /// a statement prepared while its table was small kept a plan for a small table (adding 100,000 entities took 32–53 s
    /// instead of ~10 s); the hot small lookups are prepared on purpose instead (<see cref="PreparedLookups"/>).
    /// </summary>
    public static string WithDefaults(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Read Buffer Size") && !given.ContainsKey("ReadBufferSize"))
        {
            builder.ReadBufferSize = 64 * 1024;
        }

        return builder.ConnectionString;
    }
}
