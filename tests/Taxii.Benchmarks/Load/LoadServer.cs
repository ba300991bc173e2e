using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Taxii.Benchmarks.Load;

/// <summary>
/// The built Taxii.Server as a child process on loopback: embedded PostgreSQL in a temporary data directory unless
/// <c>ConnectionStrings__Taxii</c> is set, an administrator made with <c>admin create --password-stdin</c>, and the
/// collections the scenarios use, seeded through configuration.
/// </summary>
internal sealed class LoadServer : IAsyncDisposable
{
    public const string AdminName = "bench";
    public const string AdminPassword = "load benchmark password";
    public static readonly string[] Collections = ["bench-inbox", "bench-1k", "bench-100k", "bench-100k-small", "bench-ingest", "bench-10k", "bench-1m", "bench-poll-feed"];

    /// <summary>The collections the collection management service lists: the default one and two of the above (the last grows to a million blocks in the wrk mode).</summary>
    public static readonly string[] ManagedCollections = ["default", "bench-inbox", "bench-1m"];

    private readonly string _serverDll;
    private readonly Dictionary<string, string> _environment;
    private readonly string _dataDirectory;
    private Process _process;

    private LoadServer(string serverDll, Dictionary<string, string> environment, string dataDirectory, Uri baseAddress)
    {
        _serverDll = serverDll;
        _environment = environment;
        _dataDirectory = dataDirectory;
        BaseAddress = baseAddress;
        _process = Launch(serverDll, [], environment, standardInput: null);
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public static async Task<LoadServer> StartAsync(string serverDll, CancellationToken cancellationToken)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "taxii-load-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dataDirectory);
        var port = FreePort();
        var environment = Environment(dataDirectory, port);
        using (var admin = Launch(serverDll, ["admin", "create", "--name", AdminName, "--password-stdin"], environment, AdminPassword))
        {
            await admin.WaitForExitAsync(cancellationToken);
            if (admin.ExitCode != 0)
            {
                throw new InvalidOperationException($"admin create exited with {admin.ExitCode}");
            }
        }

        var server = new LoadServer(serverDll, environment, dataDirectory, new Uri($"http://127.0.0.1:{port}/"));
        await server.WaitUntilReadyAsync(cancellationToken);
        return server;
    }

    /// <summary>Stops the server as Ctrl+C would (it stops its PostgreSQL cleanly) and starts it again on the same data.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        using (var kill = Process.Start("kill", ["-INT", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(cancellationToken);
        }

        await _process.WaitForExitAsync(cancellationToken);
        _process.Dispose();
        _process = Launch(_serverDll, [], _environment, standardInput: null);
        await WaitUntilReadyAsync(cancellationToken);
    }

    /// <summary>The kernel's record of the process's peak resident set (VmHWM), in bytes.</summary>
    public long PeakResidentBytes() => StatusField("VmHWM:");

    public long ResidentBytes() => StatusField("VmRSS:");

    /// <summary>CPU time the server process has used (user + system), from /proc/&lt;pid&gt;/stat.</summary>
    public TimeSpan CpuTime() => ProcessCpuTime(_process.Id) ?? throw new InvalidOperationException("the server is not running");

    /// <summary>The part of <see cref="CpuTime"/> spent in the kernel (system time: sockets, page faults).</summary>
    public TimeSpan KernelCpuTime() => ProcessCpuTime(_process.Id, kernelOnly: true) ?? throw new InvalidOperationException("the server is not running");

    /// <summary>
    /// CPU time used so far by every running <c>postgres</c> process on the machine (the embedded server's postmaster
    /// and its backends; the benchmark expects no other PostgreSQL to be busy). The time of backends that have exited
    /// is counted in their postmaster's (its reaped children's time), so a connection closed during a measurement does
    /// not take its time with it.
    /// </summary>
    public static TimeSpan PostgresCpuTime()
    {
        var total = TimeSpan.Zero;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && ReadOrNull($"/proc/{pid}/comm")?.Trim() == "postgres")
            {
                total += ProcessCpuTime(pid, withReapedChildren: true) ?? TimeSpan.Zero;
            }
        }

        return total;
    }

    private static TimeSpan? ProcessCpuTime(int pid, bool kernelOnly = false, bool withReapedChildren = false)
    {
        // fields after the command name, which is in parentheses and may hold spaces
        var stat = ReadOrNull($"/proc/{pid}/stat");
        if (stat is null)
        {
            return null;
        }

        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // utime and stime, in clock ticks of 1/100 s
        var ticks = (kernelOnly ? 0 : long.Parse(fields[11], CultureInfo.InvariantCulture)) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        if (withReapedChildren)
        {
            // cutime and cstime: children that have exited and been waited for
            ticks += long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        }

        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null; // the process has exited
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Resets VmHWM to the current RSS (writing 5 to clear_refs), so the next peak is the next scenario's.</summary>
    public void ResetPeak() => File.WriteAllText($"/proc/{_process.Id}/clear_refs", "5");

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM-like stop through Kill of the tree: the server's embedded PostgreSQL goes with it
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // a PostgreSQL child may still be releasing files; the directory is under /tmp
        }
    }

    private long StatusField(string name)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith(name, StringComparison.Ordinal))
            {
                var kb = line[name.Length..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"{name} not in /proc/{_process.Id}/status");
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Taxii.Server exited with {_process.ExitCode}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "/health/ready"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // slow start
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException("Taxii.Server was not ready within 2 minutes");
    }

    private static Dictionary<string, string> Environment(string dataDirectory, int port)
    {
        var environment = new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["Taxii__EmbeddedPostgres__DataDirectory"] = Path.Combine(dataDirectory, "pgdata"),
            ["Taxii__Jobs__WorkerCount"] = "2",
            ["Serilog__MinimumLevel__Default"] = "Warning",
            ["DOTNET_NOLOGO"] = "1",
        };
        for (var i = 0; i < Collections.Length; i++)
        {
            // index 0 is the default collection of appsettings.json
            var prefix = $"Taxii__Seed__Collections__{i + 1}__";
            environment[prefix + "Name"] = Collections[i];
            environment[prefix + "Description"] = "load benchmark";
            environment[prefix + "Services__0"] = "/taxii-inbox-service/";
            environment[prefix + "Services__1"] = "/taxii-poll-service/";
            if (ManagedCollections.Contains(Collections[i]))
            {
                environment[prefix + "Services__2"] = "/taxii-collection-management-service/";
            }
        }

        return environment;
    }

    private static Process Launch(string serverDll, string[] arguments, Dictionary<string, string> environment, string? standardInput)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(serverDll) ?? ".",
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(serverDll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        // drain the output so the child never blocks on a full pipe; errors are shown
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine("server: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (standardInput is not null)
        {
            process.StandardInput.WriteLine(standardInput);
        }

        process.StandardInput.Close();
        return process;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
