using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Taxii.Persistence;
using Taxii.Persistence.Embedded;

namespace Taxii.Testing;

/// <summary>
/// A PostgreSQL of a test's own (the shared one must never be stopped): started from the same binaries in a temporary
/// directory, stopped (fast shutdown) and started again on the same port and data, stopped by its own PID.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly EmbeddedPostgresOptions _options;
    private EmbeddedPostgres? _server;

    private PrivatePostgres(EmbeddedPostgresOptions options)
    {
        _options = options;
    }

    /// <summary>A connection string to the migrated database, pooled as the host's is.</summary>
    public string ConnectionString { get; private set; } = "";

    public bool IsRunning => _server is { HasExited: false };

    public static async Task<PrivatePostgres> StartAsync(CancellationToken cancellationToken)
    {
        var postgres = new PrivatePostgres(new EmbeddedPostgresOptions
        {
            DataDirectory = Path.Combine(TempDirectory.Create("taxii-private-pg"), "pgdata"),
            Database = "taxii_private",
            Port = ServerProcess.FreeTcpPort(),
        });
        await postgres.StartAgainAsync(cancellationToken);
        postgres.ConnectionString = new NpgsqlConnectionStringBuilder(postgres._server!.ConnectionString(postgres._options.Database)) { Pooling = true }.ConnectionString;
        await using var db = new TaxiiDbContext(DependencyInjection.CreateOptions(postgres.ConnectionString));
        await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.MigrateAsync(db.Database, cancellationToken);
        return postgres;
    }

    /// <summary>Fast shutdown: the server ends every session (the host's pooled connections break) and stops.</summary>
    public async Task StopAsync()
    {
        if (_server is not null)
        {
            // only the pool of the maintenance connection the next start uses: the host's own must recover by itself
            using (var maintenance = new NpgsqlConnection(_server.ConnectionString("postgres")))
            {
                NpgsqlConnection.ClearPool(maintenance);
            }

            await _server.DisposeAsync();
            _server = null;
        }
    }

    /// <summary>Starts the server again, on the same port over the same data.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken)
    {
        _server ??= await EmbeddedPostgres.StartAsync(_options, NullLogger.Instance, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        var directory = Path.GetDirectoryName(_options.DataDirectory)!;
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
