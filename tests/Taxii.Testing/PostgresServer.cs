using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Taxii.Persistence;
using Taxii.Persistence.Embedded;

namespace Taxii.Testing;

/// <summary>
/// One PostgreSQL per test run: <c>TAXII_TEST_CONNECTION_STRING</c> when set (a role that may create databases),
/// otherwise a throwaway server started from the machine's binaries exactly as the host starts its embedded one.
/// Each test class gets a database of its own, cloned from a migrated template, so classes run in parallel.
/// </summary>
public static class PostgresServer
{
    public const string ConnectionStringVariable = "TAXII_TEST_CONNECTION_STRING";
    private const string TemplateDatabase = "taxii_test_template";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static EmbeddedPostgres? _server;
    private static string? _adminConnectionString;
    private static string? _directory;
    private static bool _templateReady;

    /// <summary>A connection string to the server's maintenance database, for tests that manage databases themselves.</summary>
    public static async Task<string> GetAdminConnectionStringAsync(CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            return await EnsureStartedAsync(cancellationToken);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A new database with the current schema applied (or empty, with <paramref name="migrated"/> false).</summary>
    public static async Task<string> CreateDatabaseAsync(bool migrated = true, CancellationToken cancellationToken = default)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            var admin = await EnsureStartedAsync(cancellationToken);
            if (migrated && !_templateReady)
            {
                await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {TemplateDatabase} WITH (FORCE)", cancellationToken);
                await ExecuteAsync(admin, $"CREATE DATABASE {TemplateDatabase}", cancellationToken);
                await using (var db = new TaxiiDbContext(DependencyInjection.CreateOptions(WithDatabase(admin, TemplateDatabase))))
                {
                    await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.MigrateAsync(db.Database, cancellationToken);
                }

                _templateReady = true;
            }

            var name = "taxii_test_" + Guid.NewGuid().ToString("N")[..16];
            await ExecuteAsync(admin, migrated ? $"CREATE DATABASE {name} TEMPLATE {TemplateDatabase}" : $"CREATE DATABASE {name}", cancellationToken);
            return WithDatabase(admin, name, pooling: true);
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        var admin = await GetAdminConnectionStringAsync(CancellationToken.None);
        await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", CancellationToken.None);
    }

    /// <summary>Stops the throwaway server; called once when the test run ends (see <see cref="PostgresServerFixture"/>).</summary>
    public static async Task StopAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_server is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await _server.DisposeAsync();
                _server = null;
            }

            if (_directory is not null && Directory.Exists(_directory))
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    public static string WithDatabase(string connectionString, string database, bool pooling = false) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database, Pooling = pooling }.ConnectionString;

    private static async Task<string> EnsureStartedAsync(CancellationToken cancellationToken)
    {
        if (_adminConnectionString is not null)
        {
            return _adminConnectionString;
        }

        var configured = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return _adminConnectionString = WithDatabase(configured, "postgres");
        }

        _directory = TempDirectory.Create("taxii-test-pg");
        _server = await EmbeddedPostgres.StartAsync(
            new EmbeddedPostgresOptions { DataDirectory = Path.Combine(_directory, "pgdata"), Database = "postgres" },
            NullLogger.Instance, cancellationToken);
        // a test process that dies without disposing fixtures must not leave the server behind
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAsync().GetAwaiter().GetResult();
        return _adminConnectionString = WithDatabase(_server.ConnectionString("postgres"), "postgres");
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
