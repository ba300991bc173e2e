namespace Taxii.Benchmarks.Load;

/// <summary>
/// <c>load [--server path/to/Taxii.Server.dll] [--only discovery|inbox|poll|feed|ingest|ingest-poll|transports] [--warmup 30]</c>: starts
/// the built server and loads it over loopback, each scenario bounded in count and time, and prints the figures.
/// <c>transports</c> (SFTP and syslog TCP, to a real sshd and rsyslogd) runs only when asked for by <c>--only</c>.
/// </summary>
internal static class LoadCommand
{
    /// <summary>How long discovery, each inbox shape and the restarted server before the big polls are warmed (<c>--warmup</c> seconds, default 30).</summary>
    public static TimeSpan Warmup { get; private set; } = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var serverDll = Option(args, "--server") ?? FindServer();
        if (serverDll is null || !File.Exists(serverDll))
        {
            await Console.Error.WriteLineAsync("Taxii.Server.dll not found: build it (dotnet build -c Release src/Taxii.Server) or pass --server <path>");
            return 2;
        }

        var only = Option(args, "--only");
        if (Option(args, "--warmup") is { } warmup)
        {
            if (!int.TryParse(warmup, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) || seconds > 600)
            {
                await Console.Error.WriteLineAsync("--warmup takes whole seconds, 0 to 600");
                return 2;
            }

            Warmup = TimeSpan.FromSeconds(seconds);
        }

        Console.WriteLine($"server: {serverDll}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} logical cores, {CpuModel()}, {DateTimeOffset.UtcNow:yyyy-MM-dd}; warm-up {Warmup.TotalSeconds:F0} s");
        await using var server = await LoadServer.StartAsync(serverDll, cancellationToken);
        using var clients = new LoadClients(server);
        if (only is null or "discovery")
        {
            await DiscoveryLoad.RunAsync(clients, cancellationToken);
        }

        if (only is null or "inbox")
        {
            await InboxLoad.RunAsync(clients, cancellationToken);
        }

        if (only is null or "poll")
        {
            await PollLoad.RunAsync(clients, cancellationToken);
        }

        if (only is null or "feed")
        {
            await FeedLoad.RunAsync(clients, cancellationToken);
        }

        if (only is null or "ingest")
        {
            await IngestLoad.RunAsync(clients, cancellationToken);
        }

        if (only is null or "ingest" or "ingest-poll")
        {
            await PollIngestLoad.RunAsync(clients, cancellationToken);
        }

        // it needs Debian's openssh-server and rsyslog, so the default set leaves it out
        if (only is "transports")
        {
            await TransportLoad.RunAsync(clients, cancellationToken);
        }

        return 0;
    }

    public static void Report(string scenario, long count, TimeSpan elapsed, string unit) =>
        Console.WriteLine($"{scenario}: {count:N0} in {elapsed.TotalSeconds:F2} s = {count / elapsed.TotalSeconds:N0} {unit}");

    public static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    /// <summary>src/Taxii.Server/bin/{Release,Debug}/net10.0/Taxii.Server.dll of the repository this runs from.</summary>
    public static string? FindServer()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Taxii.sln")))
            {
                return new[] { "Release", "Debug" }
                    .Select(c => Path.Combine(dir.FullName, "src", "Taxii.Server", "bin", c, "net10.0", "Taxii.Server.dll"))
                    .FirstOrDefault(File.Exists);
            }
        }

        return null;
    }

    public static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";
}
