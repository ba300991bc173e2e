using System.Diagnostics;
using System.Globalization;
using Taxii.Benchmarks.Load;
using Taxii.Protocol.Messages;

namespace Taxii.Benchmarks.Wrk;

/// <summary>
/// <c>wrk [--server path/to/Taxii.Server.dll] [--only discovery|collections|poll|inbox|large] [--duration 10] [--warmup 15]
/// [--large-blocks 1000000]</c>: the built server as a real process, loaded by Debian's <c>wrk</c> (installed when missing
/// and running as root), which does not parse XML and so leaves the two cores to the server and its PostgreSQL. Every
/// answer is checked by <c>taxii.lua</c>; multi-part polls are followed to their last part. One line per scenario:
/// the rate, bad answers, latency, CPU per answer of the server and of PostgreSQL, and the server's peak RSS.
/// </summary>
internal static class WrkCommand
{
    /// <summary>The size of the STIX 1.2 package in every content block, as in the issue that set the targets.</summary>
    private const int BlockLength = 5600;

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var serverDll = LoadCommand.Option(args, "--server") ?? LoadCommand.FindServer();
        if (serverDll is null || !File.Exists(serverDll))
        {
            await Console.Error.WriteLineAsync("Taxii.Server.dll not found: build it (dotnet build -c Release src/Taxii.Server) or pass --server <path>");
            return 2;
        }

        if (Seconds(args, "--duration", 10) is not { } duration || Seconds(args, "--warmup", 15) is not { } warmup
            || Count(args, "--large-blocks", 1_000_000) is not { } largeBlocks)
        {
            await Console.Error.WriteLineAsync("--duration and --warmup take whole seconds (duration 1 to 600, warm-up 0 to 600); --large-blocks a count of 1,000 to 10,000,000");
            return 2;
        }

        var only = LoadCommand.Option(args, "--only");
        if (only is not (null or "discovery" or "collections" or "poll" or "inbox" or "large"))
        {
            await Console.Error.WriteLineAsync("--only takes discovery, collections, poll, inbox or large");
            return 2;
        }

        if (!await EnsureWrkAsync(cancellationToken))
        {
            return 2;
        }

        Console.WriteLine($"server: {serverDll}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} logical cores, {LoadCommand.CpuModel()}, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; "
            + $"wrk on the same machine; warm-up {warmup.TotalSeconds:F0} s and measure {duration.TotalSeconds:F0} s per scenario; {BlockLength:N0}-character STIX 1.2 blocks");
        var work = Directory.CreateTempSubdirectory("taxii-wrk-");
        try
        {
            await using var server = await LoadServer.StartAsync(serverDll, cancellationToken);
            using var clients = new LoadClients(server);
            var runner = new WrkRunner(server, work.FullName, duration, warmup);
            var bodies = new WrkBodies(work.FullName);
            if (only is null or "discovery")
            {
                await runner.RunAsync(new WrkScenario("discovery, anonymous, 16 connections", "discovery", "/taxii-discovery-service/",
                    await bodies.WriteAsync("discovery", new DiscoveryRequest(WrkBodies.MessageId), cancellationToken), 16, Authenticated: false), cancellationToken);
                await runner.RunAsync(new WrkScenario("discovery, HTTP basic, 16 connections", "discovery", "/taxii-discovery-service/",
                    await bodies.WriteAsync("discovery", new DiscoveryRequest(WrkBodies.MessageId), cancellationToken), 16, Authenticated: true), cancellationToken);
            }

            var collectionInformation = new WrkScenario($"collection information ({LoadServer.ManagedCollections.Length} collections), 16 connections",
                "collections", "/taxii-collection-management-service/",
                await bodies.WriteAsync("collections", new CollectionInformationRequest(WrkBodies.MessageId), cancellationToken), 16, Authenticated: true);
            if (only is null or "collections")
            {
                await runner.RunAsync(collectionInformation, cancellationToken);
            }

            if (only is null or "poll")
            {
                foreach (var (collection, blocks) in new[] { (LoadServer.Collections[1], 1_000), (LoadServer.Collections[5], 10_000) })
                {
                    await PollLoad.FillAsync(clients, collection, blocks, cancellationToken, BlockLength);
                    var name = blocks == 1_000 ? "poll, 1,000 blocks (FULL, no window), 4 connections" : "poll, 10,000 blocks, every part fetched, 4 connections";
                    await runner.RunAsync(new WrkScenario(name, "poll", "/taxii-poll-service/",
                        await bodies.WriteAsync("poll-" + collection, WrkBodies.Poll(collection), cancellationToken), 4, Authenticated: true)
                    {
                        FulfilmentFile = await bodies.WriteAsync("fulfil-" + collection, WrkBodies.Fulfilment(collection), cancellationToken),
                    }, cancellationToken);
                }
            }

            if (only is null or "inbox")
            {
                foreach (var (blocks, connections) in new[] { (1, 16), (100, 4) })
                {
                    var message = new InboxMessage(WrkBodies.MessageId)
                    {
                        DestinationCollectionNames = [LoadServer.Collections[0]],
                        ContentBlocks = InboxLoad.Blocks(blocks, BlockLength),
                    };
                    await runner.RunAsync(new WrkScenario($"inbox, {blocks} block(s) per message, {connections} connections", "inbox", "/taxii-inbox-service/",
                        await bodies.WriteAsync($"inbox-{blocks}", message, cancellationToken), connections, Authenticated: true)
                    {
                        BlocksPerMessage = blocks,
                    }, cancellationToken);
                }
            }

            if (only is null or "large")
            {
                // one of the managed collections grows to a million blocks (~1 KB each, so the fill takes minutes, not
                // tens of minutes): collection information must answer as fast as with an empty one
                await PollLoad.FillAsync(clients, LoadServer.ManagedCollections[^1], largeBlocks, cancellationToken, 1000);
                await runner.RunAsync(collectionInformation with
                {
                    Name = $"collection information ({LoadServer.ManagedCollections.Length} collections, {largeBlocks:N0} blocks in one), 16 connections",
                }, cancellationToken);
            }

            // each scenario resets VmHWM, so the run's peak is the largest of theirs and of what the fills left since
            Console.WriteLine($"server peak RSS over the whole run: {Math.Max(runner.PeakResidentBytes, server.PeakResidentBytes()) / 1e6:F0} MB");
            Console.WriteLine(runner.Failed == 0
                ? "every answer checked: all as expected"
                : $"FAILED: {runner.Failed} scenario(s) had bad answers or socket errors (their lines say which)");
            return runner.Failed == 0 ? 0 : 1;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Finds wrk on the PATH; when missing and running as root, installs Debian's package.</summary>
    private static async Task<bool> EnsureWrkAsync(CancellationToken cancellationToken)
    {
        if (WrkRunner.Executable() is not null)
        {
            return true;
        }

        if (Environment.UserName != "root")
        {
            await Console.Error.WriteLineAsync("wrk is not installed: sudo apt-get install wrk (Debian), then run again");
            return false;
        }

        Console.WriteLine("wrk is not installed: apt-get install -y wrk");
        // the package lists of a fresh machine may be missing or stale: update once and try again
        if ((await AptGetAsync("install -y wrk", cancellationToken) || (await AptGetAsync("update", cancellationToken) && await AptGetAsync("install -y wrk", cancellationToken)))
            && WrkRunner.Executable() is not null)
        {
            return true;
        }

        await Console.Error.WriteLineAsync("wrk could not be installed");
        return false;
    }

    private static async Task<bool> AptGetAsync(string arguments, CancellationToken cancellationToken)
    {
        using var apt = Process.Start(new ProcessStartInfo("apt-get", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException("apt-get did not start");
        var output = apt.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = apt.StandardError.ReadToEndAsync(cancellationToken);
        await apt.WaitForExitAsync(cancellationToken);
        await output;
        if (apt.ExitCode != 0)
        {
            await Console.Error.WriteLineAsync($"apt-get {arguments} exited with {apt.ExitCode}: {(await errors).Trim()}");
        }

        return apt.ExitCode == 0;
    }

    private static TimeSpan? Seconds(string[] args, string name, int fallback) =>
        Count(args, name, fallback) is { } seconds && seconds <= 600 && (seconds > 0 || name == "--warmup") ? TimeSpan.FromSeconds(seconds) : null;

    private static int? Count(string[] args, string name, int fallback)
    {
        if (LoadCommand.Option(args, name) is not { } text)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            && (name != "--large-blocks" || value is >= 1_000 and <= 10_000_000) ? value : null;
    }
}
