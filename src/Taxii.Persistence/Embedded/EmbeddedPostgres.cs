using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Taxii.Persistence.Embedded;

/// <summary>
/// A PostgreSQL server run from the machine's binaries, on a loopback port, over a data directory it
/// initialises on first start and reuses afterwards. Stopped by its own PID. The process that starts it claims the
/// data directory (<see cref="DataDirectoryClaim"/>); a one-off command may instead attach to the server of a Taxii
/// process running there, which it then leaves running.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    private const string SuperUser = "taxii";
    private const string PasswordFile = "taxii.password";
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly Process? _process;
    private readonly DataDirectoryClaim? _claim;
    private readonly PostgresOutput _output;
    private readonly ILogger _logger;
    private readonly string _password;
    private int _stopped;

    private EmbeddedPostgres(Process? process, DataDirectoryClaim? claim, int processId, PostgresOutput output, string dataDirectory, int port, string password, ILogger logger)
    {
        _process = process;
        _claim = claim;
        ProcessId = processId;
        _output = output;
        _password = password;
        _logger = logger;
        DataDirectory = dataDirectory;
        Port = port;
    }

    public string DataDirectory { get; }

    public int Port { get; }

    public int ProcessId { get; }

    /// <summary>True when this is the server of another Taxii process, used but never stopped by this one.</summary>
    public bool IsAttached => _process is null;

    public bool HasExited => _process?.HasExited ?? !NativeMethods.IsAlive(ProcessId);

    /// <summary>A connection string for <paramref name="database"/> on this server, as its superuser.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = IPAddress.Loopback.ToString(),
        Port = Port,
        Username = SuperUser,
        Password = _password,
        Database = database,
    }.ConnectionString;

    /// <summary>
    /// Starts the server on the data directory and claims it. When another live Taxii process claims it, this fails
    /// with a message saying so, unless <paramref name="attachToRunning"/>: then the running server is used as it is
    /// (for commands such as <c>migrate</c> that must not disturb a running Taxii server).
    /// </summary>
    public static async Task<EmbeddedPostgres> StartAsync(
        EmbeddedPostgresOptions options, ILogger logger, CancellationToken cancellationToken, bool attachToRunning = false)
    {
        var bin = PostgresBinaries.Locate(options.BinDirectory);
        var dataDirectory = Path.GetFullPath(options.DataDirectory ?? EmbeddedPostgresOptions.DefaultDataDirectory());
        var runAs = NativeMethods.IsRoot ? options.RunAsUser : null;

        var existed = File.Exists(Path.Combine(dataDirectory, "PG_VERSION"));
        var password = await EnsureInitialisedAsync(bin, dataDirectory, runAs, logger, cancellationToken);
        if (runAs is not null && existed)
        {
            // a new cluster was checked before initdb; an old one may have been moved or had its parents' modes changed
            await CheckReachableAsync(dataDirectory, runAs, cancellationToken);
        }

        var claim = DataDirectoryClaim.TryTake(dataDirectory);
        if (claim is null)
        {
            return await AttachAsync(options, dataDirectory, password, attachToRunning, logger, cancellationToken);
        }

        try
        {
            await StopLeftoverAsync(dataDirectory, logger);
        }
        catch
        {
            claim.Dispose();
            throw;
        }

        var port = options.Port > 0 ? options.Port : FreeLoopbackPort();
        var output = new PostgresOutput(logger);
        Process process;
        try
        {
            process = StartProcess(Path.Combine(bin, "postgres"), runAs,
                ["-D", dataDirectory, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "logging_collector=off"],
                output, detach: true);
        }
        catch
        {
            claim.Dispose();
            throw;
        }

        var server = new EmbeddedPostgres(process, claim, process.Id, output, dataDirectory, port, password, logger);
        await server.GetReadyAsync(options, cancellationToken);
        logger.LogInformation("Embedded PostgreSQL (PID {ProcessId}) listening on 127.0.0.1:{Port}, data in {DataDirectory}",
            process.Id, port, dataDirectory);
        return server;
    }

    private static async Task<EmbeddedPostgres> AttachAsync(
        EmbeddedPostgresOptions options, string dataDirectory, string password, bool attachToRunning, ILogger logger, CancellationToken cancellationToken)
    {
        var holder = DataDirectoryClaim.Holder(dataDirectory)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown";
        var running = DataDirectoryClaim.RunningPostmaster(dataDirectory);
        if (!attachToRunning || running is not { } postmaster)
        {
            throw new EmbeddedPostgresException(attachToRunning
                ? $"The Taxii process {holder} is starting the embedded PostgreSQL in '{dataDirectory}': try again once it is up."
                : $"Another Taxii process ({holder}) is running on the embedded PostgreSQL in '{dataDirectory}': stop it first, "
                    + "or give this one another Taxii:EmbeddedPostgres:DataDirectory (two servers can share one database through ConnectionStrings:Taxii).");
        }

        var server = new EmbeddedPostgres(null, null, postmaster.ProcessId, new PostgresOutput(logger), dataDirectory, postmaster.Port, password, logger);
        await server.GetReadyAsync(options, cancellationToken);
        logger.LogInformation("Using the embedded PostgreSQL (PID {ProcessId}, 127.0.0.1:{Port}) of the Taxii process {Holder} running on {DataDirectory}; it is left running",
            postmaster.ProcessId, postmaster.Port, holder, dataDirectory);
        return server;
    }

    private async Task GetReadyAsync(EmbeddedPostgresOptions options, CancellationToken cancellationToken)
    {
        try
        {
            await WaitUntilReadyAsync(TimeSpan.FromSeconds(options.StartTimeoutSeconds), cancellationToken);
            await EnsureDatabaseAsync(options.Database, cancellationToken);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// What a killed host leaves behind: its server still running, the data directory no longer claimed. For tests of
    /// what the next start makes of that, without killing the test process.
    /// </summary>
    internal void Abandon()
    {
        _claim?.Dispose();
        Interlocked.Exchange(ref _stopped, 1);
    }

    /// <summary>Fast shutdown (SIGINT to the postmaster), then a kill if it has not ended in time.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1 || _process is null || _process.HasExited)
        {
            _claim?.Dispose();
            return;
        }

        NativeMethods.Kill(_process.Id, NativeMethods.SigInt);
        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            _logger.LogInformation("Embedded PostgreSQL (PID {ProcessId}) stopped", _process.Id);
        }
        catch (OperationCanceledException)
        {
            _logger.LogWarning("Embedded PostgreSQL (PID {ProcessId}) did not stop within {Timeout}; killing it", _process.Id, StopTimeout);
            _process.Kill();
            await _process.WaitForExitAsync(CancellationToken.None);
        }
        finally
        {
            // the directory is free for the next host once its server is gone
            _claim?.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
    }

    private static async Task<string> EnsureInitialisedAsync(string bin, string dataDirectory, string? runAs, ILogger logger, CancellationToken cancellationToken)
    {
        var passwordPath = Path.Combine(dataDirectory, PasswordFile);
        if (File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            return File.Exists(passwordPath)
                ? (await File.ReadAllTextAsync(passwordPath, cancellationToken)).Trim()
                : throw new EmbeddedPostgresException(
                    $"The data directory '{dataDirectory}' was not created by Taxii ({PasswordFile} is missing): "
                    + "choose another Taxii:EmbeddedPostgres:DataDirectory or configure ConnectionStrings:Taxii.");
        }

        if (Directory.Exists(dataDirectory) && Directory.EnumerateFileSystemEntries(dataDirectory).Any())
        {
            throw new EmbeddedPostgresException(
                $"The data directory '{dataDirectory}' is not empty and holds no PostgreSQL cluster: "
                + "empty it or choose another Taxii:EmbeddedPostgres:DataDirectory.");
        }

        logger.LogInformation("Initialising an embedded PostgreSQL cluster in {DataDirectory}", dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        // initdb reads the superuser password from a file, never from the command line (visible in ps)
        var pwFile = Path.Combine(Path.GetTempPath(), "taxii-initdb-" + Guid.NewGuid().ToString("N"));
        await WriteSecretAsync(pwFile, password, runAs, cancellationToken);
        try
        {
            if (runAs is not null)
            {
                await RunAsync("chown", null, [runAs, dataDirectory], cancellationToken);
                await CheckReachableAsync(dataDirectory, runAs, cancellationToken);
            }

            await RunAsync(Path.Combine(bin, "initdb"), runAs,
                ["-D", dataDirectory, "-U", SuperUser, "--pwfile=" + pwFile, "--auth=scram-sha-256",
                 "--encoding=UTF8", "--locale=C"], cancellationToken);
        }
        finally
        {
            File.Delete(pwFile);
        }

        await WriteSecretAsync(passwordPath, password, runAs, cancellationToken);
        return password;
    }

    private static async Task WriteSecretAsync(string path, string secret, string? owner, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(path, options))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteAsync(secret.AsMemory(), cancellationToken);
        }

        if (owner is not null)
        {
            await RunAsync("chown", null, [owner, path], cancellationToken);
        }
    }

    /// <summary>
    /// As root, the server runs as another user, who needs to reach the data directory through every parent folder
    /// (a home directory such as /root usually forbids it): say so plainly instead of PostgreSQL's own error.
    /// </summary>
    private static async Task CheckReachableAsync(string dataDirectory, string runAs, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync("test", runAs, ["-w", dataDirectory, "-a", "-x", dataDirectory], cancellationToken);
        }
        catch (EmbeddedPostgresException)
        {
            throw new EmbeddedPostgresException(
                $"Taxii runs as root, so its PostgreSQL runs as '{runAs}', who cannot reach '{dataDirectory}' (a parent folder forbids it). "
                + "Set Taxii:EmbeddedPostgres:DataDirectory to a folder that user can reach (such as /var/lib/taxii/pgdata), "
                + "run Taxii as an ordinary user, or configure ConnectionStrings:Taxii.");
        }
    }

    /// <summary>A server left running by a host that was killed holds the data directory: stop it first.</summary>
    private static async Task StopLeftoverAsync(string dataDirectory, ILogger logger)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile)
            || !int.TryParse((await File.ReadAllLinesAsync(pidFile)).FirstOrDefault(), out var pid)
            || !NativeMethods.IsAlive(pid))
        {
            return; // a stale pid file is PostgreSQL's own business: it replaces it
        }

        using var leftover = Process.GetProcessById(pid);
        if (!leftover.ProcessName.StartsWith("postgres", StringComparison.Ordinal))
        {
            return;
        }

        logger.LogWarning("Stopping PostgreSQL (PID {ProcessId}) left running on {DataDirectory} by an earlier host", pid, dataDirectory);
        NativeMethods.Kill(pid, NativeMethods.SigInt);
        using var timeout = new CancellationTokenSource(StopTimeout);
        while (NativeMethods.IsAlive(pid) && !timeout.IsCancellationRequested)
        {
            await Task.Delay(100, CancellationToken.None);
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var connectionString = ConnectionString("postgres");
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process is { HasExited: true })
            {
                throw new EmbeddedPostgresException(
                    $"The embedded PostgreSQL server exited with code {_process.ExitCode}: {_output.Tail()}");
            }

            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException) when (deadline.Elapsed < timeout)
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (NpgsqlException e)
            {
                throw new EmbeddedPostgresException(
                    $"The embedded PostgreSQL server did not accept connections within {timeout.TotalSeconds:0} s ({e.Message}): {_output.Tail()}");
            }
        }
    }

    private async Task EnsureDatabaseAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.AddWithValue(database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            var quoted = "\"" + database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
            _logger.LogInformation("Created database {Database}", database);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Process StartProcess(string fileName, string? runAs, IReadOnlyList<string> arguments, PostgresOutput output, bool detach = false)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        // setsid: a Ctrl+C in the terminal reaches the host only, which stops the server after its own shutdown;
        // setpriv (as root): PostgreSQL refuses to run as root. Both exec in place, so the PID we hold is the server's.
        var prefix = new List<string>();
        if (detach && File.Exists("/usr/bin/setsid"))
        {
            prefix.Add("/usr/bin/setsid");
        }

        if (runAs is not null)
        {
            prefix.AddRange(["setpriv", "--reuid=" + runAs, "--regid=" + runAs, "--init-groups", "--"]);
        }

        var command = prefix.Append(fileName).Concat(arguments).ToList();
        info.FileName = command[0];
        foreach (var argument in command.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        // a locale from the caller's shell that the machine lacks would stop initdb and postgres
        info.Environment["LC_ALL"] = "C";
        info.Environment["LANG"] = "C";
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new EmbeddedPostgresException($"Could not start {info.FileName}: {e.Message}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task RunAsync(string fileName, string? runAs, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var output = new PostgresOutput(null);
        using var process = StartProcess(fileName, runAs, arguments, output);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new EmbeddedPostgresException(
                $"{Path.GetFileName(fileName)} failed with exit code {process.ExitCode}: {output.Tail()}");
        }
    }
}
