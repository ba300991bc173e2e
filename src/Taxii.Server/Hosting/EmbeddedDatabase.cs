using Serilog.Extensions.Logging;
using Taxii.Persistence;
using Taxii.Persistence.Embedded;

namespace Taxii.Server.Hosting;

internal static class EmbeddedDatabase
{
    /// <summary>
    /// Starts PostgreSQL from the machine's binaries when no <c>ConnectionStrings:Taxii</c> is configured, and points
    /// the connection string at it. Returns null when a connection string is configured. The caller stops it after the host.
    /// A one-off command (<paramref name="attachToRunning"/>) uses the server of a Taxii process already running on the
    /// data directory, and leaves it running; a second server is refused there.
    /// </summary>
    public static async Task<EmbeddedPostgres?> StartIfUnconfiguredAsync(
        WebApplicationBuilder builder, bool attachToRunning, Serilog.ILogger logger, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName)))
        {
            return null;
        }

        var options = builder.Configuration.GetSection(EmbeddedPostgresOptions.SectionName).Get<EmbeddedPostgresOptions>()
            ?? new EmbeddedPostgresOptions();
        options.DataDirectory = Path.GetFullPath(options.DataDirectory, Directory.GetCurrentDirectory());
        using var factory = new SerilogLoggerFactory(logger);
        var server = await EmbeddedPostgres.StartAsync(options, factory.CreateLogger("Taxii.EmbeddedPostgres"), cancellationToken, attachToRunning);
        builder.Configuration[$"ConnectionStrings:{DatabaseOptions.ConnectionStringName}"] = server.ConnectionString(options.Database);
        return server;
    }
}
