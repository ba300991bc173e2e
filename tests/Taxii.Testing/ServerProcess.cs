using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Taxii.Testing;

/// <summary>
/// The built Taxii.Server run as a real child process (as <c>dotnet Taxii.Server.dll</c>), for what only a process
/// shows: exit codes, what it prints, signals, the embedded PostgreSQL it starts and stops.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private ServerProcess(Process process)
    {
        _process = process;
    }

    public int ExitCode => _process.ExitCode;

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    /// <summary>Everything printed so far, stdout and stderr interleaved in arrival order.</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output)
            {
                return [.. _output];
            }
        }
    }

    /// <summary>
    /// Starts the server with <paramref name="arguments"/>; <paramref name="command"/> replaces <c>dotnet Taxii.Server.dll</c>
    /// of the test build (a published copy's entry point, say).
    /// </summary>
    public static ServerProcess Start(IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null,
        string? standardInput = null, IReadOnlyList<string>? command = null)
    {
        command ??= ["dotnet", Path.Combine(AppContext.BaseDirectory, "Taxii.Server.dll")];
        var info = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1).Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        // the child must not inherit the test run's database or CI settings by accident
        info.Environment.Remove("ConnectionStrings__Taxii");
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var server = new ServerProcess(process);
        process.OutputDataReceived += (_, e) => server.Add(e.Data);
        process.ErrorDataReceived += (_, e) => server.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (standardInput is not null)
        {
            process.StandardInput.WriteLine(standardInput);
        }

        process.StandardInput.Close();
        return server;
    }

    /// <summary>Runs to completion and returns the exit code.</summary>
    public static async Task<(int ExitCode, IReadOnlyList<string> Output)> RunAsync(IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null, string? standardInput = null, TimeSpan? timeout = null,
        IReadOnlyList<string>? command = null)
    {
        await using var server = Start(arguments, workingDirectory, environment, standardInput, command);
        await server.WaitForExitAsync(timeout ?? TimeSpan.FromSeconds(90));
        return (server.ExitCode, server.Output);
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Taxii.Server did not exit within {timeout}. Output:\n{string.Join('\n', Output)}");
        }
    }

    /// <summary>Polls <paramref name="url"/> until it answers 200, failing early when the process exits.</summary>
    public async Task WaitUntilHealthyAsync(Uri url, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Taxii.Server exited with {_process.ExitCode}. Output:\n{string.Join('\n', Output)}");
            }

            try
            {
                using var response = await http.GetAsync(url);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // slow start
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Taxii.Server was not healthy within {timeout}. Output:\n{string.Join('\n', Output)}");
    }

    /// <summary>What Ctrl+C sends.</summary>
    public void Interrupt() => _ = Kill(_process.Id, 2);

    /// <summary>Where <see cref="StartServingAsync"/> made it listen.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>
    /// Starts the host over <paramref name="connectionString"/> on a free loopback port and waits until it is ready;
    /// <paramref name="settings"/> are command-line settings (<c>--Section:Key=value</c>).
    /// </summary>
    public static async Task<ServerProcess> StartServingAsync(string connectionString, IEnumerable<string> settings, TimeSpan timeout)
    {
        var port = FreeTcpPort();
        var server = Start([$"--urls=http://127.0.0.1:{port}", .. settings], TempDirectory.Create("taxii-process"),
            new Dictionary<string, string?> { ["ConnectionStrings__Taxii"] = connectionString });
        server.BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        try
        {
            await server.WaitUntilHealthyAsync(new Uri(server.BaseAddress, "health/ready"), timeout);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>SIGKILL: the process ends at once, with no chance to finish or record anything.</summary>
    public async Task KillHardAsync()
    {
        _ = Kill(_process.Id, 9);
        await WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
