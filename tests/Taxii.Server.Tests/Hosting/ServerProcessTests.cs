using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FluentAssertions;
using Npgsql;
using Taxii.Testing;

namespace Taxii.Server.Tests.Hosting;

/// <summary>The server as a user runs it: a real process, its command line, its embedded PostgreSQL, Ctrl+C.</summary>
public sealed class ServerProcessTests
{
    private const string AdminPassword = "a long enough admin password";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Help_prints_usage_and_exits_0()
    {
        var (exitCode, output) = await ServerProcess.RunAsync(["--help"], TempDirectory.Create("taxii-help"));

        exitCode.Should().Be(0);
        output.Should().Contain(line => line.Contains("admin create --name NAME", StringComparison.Ordinal));
        output.Should().Contain(line => line.Contains("migrate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_command_exits_2_with_a_pointer_to_help()
    {
        var (exitCode, output) = await ServerProcess.RunAsync(["frobnicate"], TempDirectory.Create("taxii-help"));

        exitCode.Should().Be(2);
        output.Should().ContainSingle().Which.Should().Contain("Unknown command 'frobnicate'").And.Contain("--help");
    }

    [Fact]
    public async Task Missing_postgres_binaries_stop_the_host_with_one_line_saying_what_to_do()
    {
        var (exitCode, output) = await ServerProcess.RunAsync(
            ["--Taxii:EmbeddedPostgres:BinDirectory=/nonexistent/pg/bin"], TempDirectory.Create("taxii-nobin"));

        exitCode.Should().Be(1);
        output.Should().ContainSingle(line => line.Contains("FTL", StringComparison.Ordinal))
            .Which.Should().Contain("/nonexistent/pg/bin").And.Contain("does not contain initdb and postgres");
    }

    [Fact]
    public async Task Json_logging_switch_writes_one_json_object_per_line()
    {
        var (exitCode, output) = await ServerProcess.RunAsync(
            ["--Taxii:EmbeddedPostgres:BinDirectory=/nonexistent/pg/bin", "--Taxii:Logging:Json=true"], TempDirectory.Create("taxii-json"));

        exitCode.Should().Be(1);
        var line = output.Should().ContainSingle().Subject;
        using var json = System.Text.Json.JsonDocument.Parse(line);
        json.RootElement.GetProperty("@l").GetString().Should().Be("Fatal");
        json.RootElement.GetProperty("Reason").GetString().Should().Contain("/nonexistent/pg/bin");
    }

    [Fact]
    public async Task Settings_from_environment_variables_are_validated_too()
    {
        var database = await PostgresServer.CreateDatabaseAsync(cancellationToken: TestContext.Current.CancellationToken);

        var (exitCode, output) = await ServerProcess.RunAsync(["--urls=http://127.0.0.1:0"], TempDirectory.Create("taxii-env"),
            new Dictionary<string, string?> { ["ConnectionStrings__Taxii"] = database, ["TAXII__LIMITS__MAXBLOBSIZE"] = "0" });

        exitCode.Should().Be(1);
        output.Should().ContainSingle(line => line.Contains("Taxii:Limits:MaxBlobSize must be between 1 and 104857600", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Migrate_applies_the_schema_to_an_empty_database_and_exits()
    {
        var database = await PostgresServer.CreateDatabaseAsync(migrated: false, TestContext.Current.CancellationToken);

        var (exitCode, output) = await ServerProcess.RunAsync(["migrate"], TempDirectory.Create("taxii-migrate"),
            new Dictionary<string, string?> { ["ConnectionStrings__Taxii"] = database });

        exitCode.Should().Be(0, string.Join('\n', output));
        (await TableCountAsync(database)).Should().BeGreaterThanOrEqualTo(8);
    }

    [Fact]
    public async Task Admin_create_refuses_a_short_password_without_echoing_it()
    {
        var database = await PostgresServer.CreateDatabaseAsync(cancellationToken: TestContext.Current.CancellationToken);

        var (exitCode, output) = await ServerProcess.RunAsync(["admin", "create", "--name", "root", "--password-stdin"],
            TempDirectory.Create("taxii-admin"), new Dictionary<string, string?> { ["ConnectionStrings__Taxii"] = database }, standardInput: "short");

        exitCode.Should().Be(2);
        output.Should().Contain(line => line.Contains("at least 12 characters", StringComparison.Ordinal));
        output.Should().NotContain(line => line.Contains("short", StringComparison.Ordinal));
    }

    /// <summary>
    /// No connection string: the host initialises PostgreSQL in its data directory, serves, stops it on Ctrl+C, and a
    /// second start finds the data (the administrator created in between) where it left it.
    /// </summary>
    [Fact]
    public async Task Embedded_postgres_starts_stops_with_the_host_and_keeps_data_across_restarts()
    {
        var workDir = TempDirectory.Create("taxii-embedded");
        var dataDir = Path.Combine(workDir, "data", "pg");
        string[] settings = [$"--Taxii:EmbeddedPostgres:DataDirectory={dataDir}", "--Taxii:Jobs:WorkerCount=1"];

        var (created, createOutput) = await ServerProcess.RunAsync(["admin", "create", "--name", "root", "--password-stdin", .. settings],
            workDir, standardInput: AdminPassword, timeout: StartTimeout);
        created.Should().Be(0, string.Join('\n', createOutput));
        createOutput.Should().NotContain(line => line.Contains(" ERR] ", StringComparison.Ordinal), "a first start on a fresh data directory is clean");
        createOutput.Should().NotContain(line => line.Contains(AdminPassword, StringComparison.Ordinal));
        File.Exists(Path.Combine(dataDir, "PG_VERSION")).Should().BeTrue();
        File.Exists(Path.Combine(dataDir, "postmaster.pid")).Should().BeFalse("the command stops its server when it ends");

        for (var round = 0; round < 2; round++)
        {
            var port = ServerProcess.FreeTcpPort();
            await using var server = ServerProcess.Start([$"--urls=http://127.0.0.1:{port}", .. settings], workDir);
            await server.WaitUntilHealthyAsync(new Uri($"http://127.0.0.1:{port}/health/ready"), StartTimeout);
            var postgresPid = int.Parse((await File.ReadAllLinesAsync(Path.Combine(dataDir, "postmaster.pid"), TestContext.Current.CancellationToken))[0],
                System.Globalization.CultureInfo.InvariantCulture);

            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/hangfire");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("root:" + AdminPassword)));
            (await http.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode.Should().Be(HttpStatusCode.OK, $"round {round}: the admin is still there");

            server.Interrupt();
            await server.WaitForExitAsync(TimeSpan.FromSeconds(60));
            server.ExitCode.Should().Be(0, string.Join('\n', server.Output));
            ProcessExists(postgresPid).Should().BeFalse("Ctrl+C on the host stops its PostgreSQL");
            server.Output.Should().Contain(line => line.Contains($"Embedded PostgreSQL (PID {postgresPid}) stopped", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Commands_use_a_running_servers_embedded_postgres_and_a_second_server_is_refused()
    {
        var workDir = TempDirectory.Create("taxii-shared-embedded");
        string[] settings = [$"--Taxii:EmbeddedPostgres:DataDirectory={Path.Combine(workDir, "pg")}", "--Taxii:Jobs:WorkerCount=1"];
        var port = ServerProcess.FreeTcpPort();
        await using var server = ServerProcess.Start([$"--urls=http://127.0.0.1:{port}", .. settings], workDir);
        await server.WaitUntilHealthyAsync(new Uri($"http://127.0.0.1:{port}/health/ready"), StartTimeout);

        var (created, createOutput) = await ServerProcess.RunAsync(["admin", "create", "--name", "second-admin", "--password-stdin", .. settings],
            workDir, standardInput: AdminPassword, timeout: StartTimeout);
        var (migrated, migrateOutput) = await ServerProcess.RunAsync(["migrate", .. settings], workDir, timeout: StartTimeout);
        var (refused, refusedOutput) = await ServerProcess.RunAsync([$"--urls=http://127.0.0.1:{ServerProcess.FreeTcpPort()}", .. settings], workDir, timeout: StartTimeout);

        created.Should().Be(0, string.Join('\n', createOutput));
        createOutput.Should().Contain(line => line.Contains("it is left running", StringComparison.Ordinal));
        migrated.Should().Be(0, string.Join('\n', migrateOutput));
        refused.Should().Be(1);
        refusedOutput.Should().ContainSingle(line => line.Contains(" FTL] ", StringComparison.Ordinal))
            .Which.Should().Contain($"Another Taxii process ({server.Id}) is running on the embedded PostgreSQL").And.Contain("stop it first");
        using var http = new HttpClient();
        (await http.GetAsync($"http://127.0.0.1:{port}/health/ready", TestContext.Current.CancellationToken)).StatusCode
            .Should().Be(HttpStatusCode.OK, "the running server's database was not disturbed");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/hangfire");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("second-admin:" + AdminPassword)));
        (await http.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode.Should().Be(HttpStatusCode.OK, "the running server sees the new administrator");
        server.Output.Should().NotContain(line => line.Contains("Stopping PostgreSQL", StringComparison.Ordinal));
    }

    /// <summary>
    /// A published server started from elsewhere (a service unit's working directory) on a fresh embedded data
    /// directory: its defaults come from beside the program (the TAXII services are seeded, SQL is not logged at
    /// Information), and a first start logs no error.
    /// </summary>
    [Fact]
    public async Task A_server_started_from_another_directory_reads_its_defaults_beside_it_and_a_fresh_start_logs_no_error()
    {
        var elsewhere = TempDirectory.Create("taxii-elsewhere");
        var port = ServerProcess.FreeTcpPort();
        await using var server = ServerProcess.Start(
            [$"--urls=http://127.0.0.1:{port}", $"--Taxii:EmbeddedPostgres:DataDirectory={Path.Combine(TempDirectory.Create("taxii-fresh"), "pg")}"], elsewhere);
        await server.WaitUntilHealthyAsync(new Uri($"http://127.0.0.1:{port}/health/ready"), StartTimeout);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        using var discovery = Security.AccessClients.Discovery("/taxii-discovery-service/", Protocol.Messages.TaxiiVersion.V11, authorization: null);
        using var answer = await http.SendAsync(discovery, TestContext.Current.CancellationToken);

        answer.StatusCode.Should().Be(HttpStatusCode.OK, "the seeded discovery service answers");
        (await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Contain("Discovery_Response");
        server.Interrupt();
        await server.WaitForExitAsync(TimeSpan.FromSeconds(60));
        server.Output.Should().NotContain(line => line.Contains(" ERR] ", StringComparison.Ordinal) || line.Contains(" FTL] ", StringComparison.Ordinal),
            "a clean first start logs no error:\n{0}", string.Join('\n', server.Output));
        server.Output.Should().NotContain(line => line.Contains("No TAXII service", StringComparison.Ordinal));
        server.Output.Should().NotContain(line => line.Contains("Executed DbCommand", StringComparison.Ordinal), "appsettings.json's log levels apply");
        Directory.GetFiles(elsewhere).Should().BeEmpty("nothing is written to the working directory");
    }

    [Fact]
    public async Task Data_left_in_the_old_default_under_the_working_directory_is_still_used_with_a_warning()
    {
        Assert.SkipWhen(File.Exists(Path.Combine(Persistence.Embedded.EmbeddedPostgresOptions.DefaultDataDirectory(), "PG_VERSION")),
            "this machine has a cluster in the default data directory, which would be preferred");
        var workDir = TempDirectory.Create("taxii-legacy");
        var (created, createOutput) = await ServerProcess.RunAsync(["admin", "create", "--name", "old-admin", "--password-stdin",
            "--Taxii:EmbeddedPostgres:DataDirectory=.taxii/pgdata"], workDir, standardInput: AdminPassword, timeout: StartTimeout);
        created.Should().Be(0, string.Join('\n', createOutput));

        var (migrated, output) = await ServerProcess.RunAsync(["migrate"], workDir, timeout: StartTimeout);

        migrated.Should().Be(0, string.Join('\n', output));
        output.Should().ContainSingle(line => line.Contains(" WRN] ", StringComparison.Ordinal))
            .Which.Should().Contain($"Using the embedded PostgreSQL data in {Path.Combine(workDir, ".taxii", "pgdata")}")
            .And.Contain("Taxii:EmbeddedPostgres:DataDirectory");
        Directory.Exists(Persistence.Embedded.EmbeddedPostgresOptions.DefaultDataDirectory()).Should().BeFalse("no second cluster is made");
    }

    [Fact]
    public async Task A_server_without_any_TAXII_service_says_so_at_start()
    {
        var database = await PostgresServer.CreateDatabaseAsync(cancellationToken: TestContext.Current.CancellationToken);
        var port = ServerProcess.FreeTcpPort();
        // a content root without appsettings.json: no Taxii:Seed, so nothing is seeded
        await using var server = ServerProcess.Start([$"--urls=http://127.0.0.1:{port}", $"--contentRoot={TempDirectory.Create("taxii-bare")}"],
            TempDirectory.Create("taxii-bare-cwd"), new Dictionary<string, string?> { ["ConnectionStrings__Taxii"] = database });
        await server.WaitUntilHealthyAsync(new Uri($"http://127.0.0.1:{port}/health/ready"), StartTimeout);

        server.Output.Should().ContainSingle(line => line.Contains("No TAXII service is configured", StringComparison.Ordinal))
            .Which.Should().Contain("WRN").And.Contain("/api/v1/services");
    }

    private static bool ProcessExists(int pid) => Directory.Exists($"/proc/{pid}");

    private static async Task<long> TableCountAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN "
            + "('users','groups','group_memberships','roles','datasets','collections','services','content_blocks','user_roles','group_roles','service_collections')",
            connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
