using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Taxii.Testing.Peers;

/// <summary>
/// A real OpenTAXII (TAXII 1.1/1.0 server, SQLite under gunicorn) from the peers kit's <c>opentaxii-run</c>, on a free
/// loopback port, in a folder of its own; stopped by its PID (the gunicorn master, whose workers die with it).
/// Its default data configuration: services at <c>/services/discovery</c>, <c>/services/collection-management</c>,
/// <c>/services/inbox</c> (a 1.1 message must name its collections), <c>/services/poll</c>; collections
/// <c>default</c> (any content) and <c>stix12-only</c>; accounts <c>bench</c>/<c>bench-pass</c> (modify both),
/// <c>reader</c>/<c>reader-pass</c>, <c>admin</c>/<c>admin-pass</c>.
/// </summary>
public sealed partial class OpenTaxiiServer : IAsyncDisposable
{
    public const string User = "bench";
    public const string Password = "bench-pass";

    private readonly Process _process;
    private readonly Task<string> _stderr;

    private OpenTaxiiServer(Process process, Task<string> stderr, int port, string directory)
    {
        _process = process;
        _stderr = stderr;
        Port = port;
        Directory = directory;
    }

    public int Port { get; }

    /// <summary>Where its databases and logs are (<c>opentaxii.log</c>, <c>access.log</c>).</summary>
    public string Directory { get; }

    public Uri Address(string path) => new($"http://127.0.0.1:{Port}{path}");

    /// <summary>
    /// Starts it and waits for its READY line; <paramref name="dataConfiguration"/> (OpenTAXII's YAML sync format)
    /// replaces the default services, collections and accounts.
    /// </summary>
    public static async Task<OpenTaxiiServer> StartAsync(string? dataConfiguration = null, CancellationToken cancellationToken = default)
    {
        var program = PeerKit.Program("opentaxii-run");
        var directory = TempDirectory.Create("opentaxii");
        var port = ServerProcess.FreeTcpPort();
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var argument in new[] { "--dir", directory, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--workers", "2" })
        {
            info.ArgumentList.Add(argument);
        }

        if (dataConfiguration is not null)
        {
            var file = Path.Combine(directory, "data-configuration.yml");
            await File.WriteAllTextAsync(file, dataConfiguration, cancellationToken);
            info.ArgumentList.Add("--config");
            info.ArgumentList.Add(file);
        }

        PeerKit.Configure(info);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start opentaxii-run");
        var server = new OpenTaxiiServer(process, process.StandardError.ReadToEndAsync(CancellationToken.None), port, directory);
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(TimeSpan.FromSeconds(90));
            while (await process.StandardOutput.ReadLineAsync(limit.Token) is { } line)
            {
                if (line.StartsWith("opentaxii-run: READY ", StringComparison.Ordinal))
                {
                    // the rest of stdout must still be read, or a full pipe would stall the server
                    _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    return server;
                }
            }

            await process.WaitForExitAsync(limit.Token);
            throw new InvalidOperationException($"opentaxii-run exited with {process.ExitCode} before it was ready:\n{await server._stderr}");
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: gunicorn's graceful stop; its workers end with it
            _ = Kill(_process.Id, 15);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }

        _process.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
