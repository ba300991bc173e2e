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
        options.DataDirectory = ChooseDataDirectory(options.DataDirectory, logger);
        using var factory = new SerilogLoggerFactory(logger);
        var server = await EmbeddedPostgres.StartAsync(options, factory.CreateLogger("Taxii.EmbeddedPostgres"), cancellationToken, attachToRunning);
        builder.Configuration[$"ConnectionStrings:{DatabaseOptions.ConnectionStringName}"] = server.ConnectionString(options.Database);
        return server;
    }

    /// <summary>
    /// The configured directory (relative to the working directory), else the default, which does not depend on where
    /// the server was started. Before that default existed, the data went to <c>.taxii/pgdata</c> under the working
    /// directory: a cluster found there is used as before (nothing stored is left behind), with a warning saying how to
    /// keep it.
    /// </summary>
    private static string ChooseDataDirectory(string? configured, Serilog.ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured, Directory.GetCurrentDirectory());
        }

        var legacy = Path.GetFullPath(Path.Combine(".taxii", "pgdata"), Directory.GetCurrentDirectory());
        var standard = EmbeddedPostgresOptions.DefaultDataDirectory();
        if (File.Exists(Path.Combine(legacy, "PG_VERSION")) && !File.Exists(Path.Combine(standard, "PG_VERSION")))
        {
            logger.Warning("Using the embedded PostgreSQL data in {Legacy}, the default of earlier versions; the default is now {Standard}. "
                + "Set Taxii:EmbeddedPostgres:DataDirectory to keep this one wherever the server starts, or move it there", legacy, standard);
            return legacy;
        }

        return standard;
    }
}
