using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Taxii.Persistence.Embedded;
using Taxii.Testing;

namespace Taxii.Persistence.Tests.Embedded;

public sealed class EmbeddedPostgresTests
{
    [Fact]
    public async Task Restart_on_the_same_data_directory_keeps_the_data()
    {
        var options = NewOptions();

        await using (var first = await EmbeddedPostgres.StartAsync(options, NullLogger.Instance, TestContext.Current.CancellationToken))
        {
            await ExecuteAsync(first.ConnectionString(options.Database), "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
            await first.StopAsync();
            first.HasExited.Should().BeTrue();
        }

        await using var second = await EmbeddedPostgres.StartAsync(options, NullLogger.Instance, TestContext.Current.CancellationToken);
        (await ScalarAsync(second.ConnectionString(options.Database), "SELECT v FROM kept")).Should().Be("still here");
    }

    [Fact]
    public async Task A_server_left_running_by_a_killed_host_is_stopped_and_replaced()
    {
        var options = NewOptions();
        var orphan = await EmbeddedPostgres.StartAsync(options, NullLogger.Instance, TestContext.Current.CancellationToken);
        orphan.Abandon();
        try
        {
            // the host died without stopping it: the next start must not fail on the held data directory
            await using var next = await EmbeddedPostgres.StartAsync(options, NullLogger.Instance, TestContext.Current.CancellationToken);

            orphan.HasExited.Should().BeTrue();
            next.ProcessId.Should().NotBe(orphan.ProcessId);
            (await ScalarAsync(next.ConnectionString(options.Database), "SELECT 'up'")).Should().Be("up");
        }
        finally
        {
            await orphan.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_second_host_is_refused_and_a_command_uses_the_running_server_without_stopping_it()
    {
        var options = NewOptions();
        await using var running = await EmbeddedPostgres.StartAsync(options, NullLogger.Instance, TestContext.Current.CancellationToken);
        await ExecuteAsync(running.ConnectionString(options.Database), "CREATE TABLE shared (v text); INSERT INTO shared VALUES ('seen by both')");

        var second = () => EmbeddedPostgres.StartAsync(options, NullLogger.Instance, TestContext.Current.CancellationToken);
        (await second.Should().ThrowAsync<EmbeddedPostgresException>())
            .WithMessage($"Another Taxii process ({Environment.ProcessId}) is running on the embedded PostgreSQL in*stop it first*");

        await using (var command = await EmbeddedPostgres.StartAsync(options, NullLogger.Instance, TestContext.Current.CancellationToken, attachToRunning: true))
        {
            command.IsAttached.Should().BeTrue();
            command.ProcessId.Should().Be(running.ProcessId);
            (await ScalarAsync(command.ConnectionString(options.Database), "SELECT v FROM shared")).Should().Be("seen by both");
        }

        running.HasExited.Should().BeFalse("the command leaves the running server alone");
        (await ScalarAsync(running.ConnectionString(options.Database), "SELECT v FROM shared")).Should().Be("seen by both");
        await running.StopAsync();
        await using var next = await EmbeddedPostgres.StartAsync(options, NullLogger.Instance, TestContext.Current.CancellationToken);
        next.IsAttached.Should().BeFalse("the stopped host released the directory");
    }

    [Fact]
    public async Task The_server_listens_on_loopback_only_and_requires_its_password()
    {
        var options = NewOptions();
        await using var server = await EmbeddedPostgres.StartAsync(options, NullLogger.Instance, TestContext.Current.CancellationToken);

        (await ScalarAsync(server.ConnectionString(options.Database), "SELECT current_setting('listen_addresses')")).Should().Be("127.0.0.1");
        var wrong = new NpgsqlConnectionStringBuilder(server.ConnectionString(options.Database)) { Password = "guess" }.ConnectionString;
        var connect = () => ScalarAsync(wrong, "SELECT 1");
        (await connect.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.InvalidPassword);
    }

    [Fact]
    public async Task A_non_empty_directory_that_is_no_cluster_is_refused_untouched()
    {
        var options = NewOptions();
        var directory = Directory.CreateDirectory(options.DataDirectory ?? throw new InvalidOperationException("set by NewOptions")).FullName;
        var precious = Path.Combine(directory, "precious.txt");
        await File.WriteAllTextAsync(precious, "do not touch", TestContext.Current.CancellationToken);

        var start = () => EmbeddedPostgres.StartAsync(options, NullLogger.Instance, TestContext.Current.CancellationToken);

        (await start.Should().ThrowAsync<EmbeddedPostgresException>()).WithMessage("*is not empty and holds no PostgreSQL cluster*");
        (await File.ReadAllTextAsync(precious, TestContext.Current.CancellationToken)).Should().Be("do not touch");
    }

    [Fact]
    public async Task Missing_binaries_say_how_to_install_them_or_configure_a_connection_string()
    {
        var options = NewOptions();
        options.BinDirectory = "/nonexistent";

        var start = () => EmbeddedPostgres.StartAsync(options, NullLogger.Instance, TestContext.Current.CancellationToken);

        (await start.Should().ThrowAsync<EmbeddedPostgresException>()).WithMessage("*does not contain initdb and postgres*");
        var located = () => PostgresBinaries.Locate(null);
        located.Should().NotThrow("this machine has PostgreSQL installed");
    }

    [Fact]
    public async Task As_root_a_data_directory_the_server_user_cannot_reach_is_refused_with_advice()
    {
        Assert.SkipUnless(Environment.UserName == "root", "only root hands the server to another user");
        var hidden = Directory.CreateTempSubdirectory("taxii-hidden-").FullName; // mode 700, owned by root
        var options = new EmbeddedPostgresOptions { DataDirectory = Path.Combine(hidden, "pgdata") };

        var start = () => EmbeddedPostgres.StartAsync(options, NullLogger.Instance, TestContext.Current.CancellationToken);

        (await start.Should().ThrowAsync<EmbeddedPostgresException>())
            .WithMessage("*runs as 'postgres', who cannot reach*Taxii:EmbeddedPostgres:DataDirectory*");
    }

    private static EmbeddedPostgresOptions NewOptions() => new()
    {
        DataDirectory = Path.Combine(TempDirectory.Create("taxii-embedded"), "pgdata"),
        Database = "kept",
    };

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
