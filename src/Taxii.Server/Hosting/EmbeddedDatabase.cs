using Serilog.Extensions.Logging;
using Taxii.Persistence;
using Taxii.Persistence.Embedded;

namespace Taxii.Server.Hosting;

internal static class EmbeddedDatabase
{
    /// <summary>
    /// Starts PostgreSQL from the machine's binaries when no <c>ConnectionStrings:Taxii</c> is configured, and points
    /// the connection string at it. Returns null when a connection string is configured. The caller stops it after the host.
    /// </summary>
    public static async Task<EmbeddedPostgres?> StartIfUnconfiguredAsync(WebApplicationBuilder builder, Serilog.ILogger logger, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName)))
        {
            return null;
        }

        var options = builder.Configuration.GetSection(EmbeddedPostgresOptions.SectionName).Get<EmbeddedPostgresOptions>()
            ?? new EmbeddedPostgresOptions();
        options.DataDirectory = Path.GetFullPath(options.DataDirectory, Directory.GetCurrentDirectory());
        using var factory = new SerilogLoggerFactory(logger);
        var server = await EmbeddedPostgres.StartAsync(options, factory.CreateLogger("Taxii.EmbeddedPostgres"), cancellationToken);
        builder.Configuration[$"ConnectionStrings:{DatabaseOptions.ConnectionStringName}"] = server.ConnectionString(options.Database);
        return server;
    }
}
