using System.Diagnostics;
using Taxii.Protocol.Messages;

namespace Taxii.Benchmarks.Load;

/// <summary>
/// Blocks per second polled with <c>PollAllAsync</c> (streamed, following every part) from collections of 1,000 and
/// 100,000 blocks, and the server's peak resident memory while it serves the 100,000; then 100,000 blocks of ~1 KB.
/// </summary>
internal static class PollLoad
{
    private const int SmallBlockLength = 1000;

    public static async Task RunAsync(LoadClients clients, CancellationToken cancellationToken)
    {
        var client = clients.Create();
        await FillAsync(clients, LoadServer.Collections[1], 1_000, cancellationToken);
        await FillAsync(clients, LoadServer.Collections[2], 100_000, cancellationToken);

        var (polled, elapsed) = await LoadClients.RunAsync(1, TimeSpan.FromSeconds(10), 20,
            ct => CountAsync(clients, LoadServer.Collections[1], ct), cancellationToken);
        LoadCommand.Report("poll of 1,000 stored blocks (sequential polls)", polled * 1_000, elapsed, "blocks/s");

        // a fresh process, so the figure is the poll's and not what the inbox fills left in the heap
        var filled = clients.Server.ResidentBytes();
        await clients.Server.RestartAsync(cancellationToken);
        // warm the restarted server on the same path (1,000-block polls), so the figure is its steady state
        await LoadClients.RunAsync(1, LoadCommand.Warmup, 10_000_000,
            ct => CountAsync(clients, LoadServer.Collections[1], ct), cancellationToken);

        var before = clients.Server.ResidentBytes();
        clients.Server.ResetPeak();
        using var sampling = new CancellationTokenSource();
        var sampler = SampleAsync(clients.Server, sampling.Token);
        var cpu = CpuSplit.Start(clients.Server);
        var clock = Stopwatch.StartNew();
        var count = await CountAsync(clients, LoadServer.Collections[2], cancellationToken);
        clock.Stop();
        cpu.Stop();
        await sampling.CancelAsync();
        var sampledPeak = await sampler;
        LoadCommand.Report("poll of 100,000 stored blocks", count, clock.Elapsed, "blocks/s");
        Console.WriteLine("  " + cpu.Describe(count, "block"));
        Console.WriteLine($"  server peak RSS while polling 100,000: VmHWM {clients.Server.PeakResidentBytes() / 1e6:F0} MB "
            + $"(sampled VmRSS max {sampledPeak / 1e6:F0} MB; {before / 1e6:F0} MB before it in the restarted server; {filled / 1e6:F0} MB before the restart, after the inbox fills)");

        // the same poll of smaller blocks: with ~4 KB blocks the client's XML reader, on the same 2 cores, is a limit of its own
        await FillAsync(clients, LoadServer.Collections[3], 100_000, cancellationToken, SmallBlockLength);
        cpu = CpuSplit.Start(clients.Server);
        clock.Restart();
        count = await CountAsync(clients, LoadServer.Collections[3], cancellationToken);
        clock.Stop();
        cpu.Stop();
        var bytes = System.Text.Encoding.UTF8.GetByteCount(Stix.Package(0, SmallBlockLength));
        LoadCommand.Report($"poll of 100,000 stored blocks of ~{bytes:N0} bytes", count, clock.Elapsed, "blocks/s");
        Console.WriteLine("  " + cpu.Describe(count, "block"));

        foreach (var (collection, size) in new[] { (LoadServer.Collections[2], "~4 KB"), (LoadServer.Collections[3], $"~{bytes:N0} bytes") })
        {
            cpu = CpuSplit.Start(clients.Server);
            clock.Restart();
            count = await CountInParallelPartsAsync(clients, collection, 2, cancellationToken);
            clock.Stop();
            cpu.Stop();
            LoadCommand.Report($"poll of 100,000 stored blocks of {size}, parts fetched 2 at a time", count, clock.Elapsed, "blocks/s");
            Console.WriteLine("  " + cpu.Describe(count, "block"));
        }
    }

    /// <summary>
    /// The same 100,000 blocks as a client that fetches the parts of the result concurrently: the first Poll_Request
    /// gives part 1, the result id and the record count; parts 2..n are asked for with Poll_Fulfillment by
    /// <paramref name="workers"/> workers at once (TAXII 1.1 lets a client ask for the parts in any order). One part
    /// at a time leaves a core idle while the next part's request goes round; this shows what the server and its
    /// PostgreSQL deliver when both cores are busy.
    /// </summary>
    public static async Task<long> CountInParallelPartsAsync(LoadClients clients, string collection, int workers, CancellationToken cancellationToken)
    {
        var client = clients.Create();
        var first = await client.PollAsync(clients.Poll, new PollRequest(MessageIds.New(), collection)
        {
            PollParameters = new PollParameters { AllowAsynch = false, ResponseType = ResponseType.Full },
        }, cancellationToken);
        long blocks = first.ContentBlocks.Count;
        if (!first.Header.More)
        {
            return blocks;
        }

        var total = first.Header.RecordCount?.Value ?? throw new InvalidOperationException("a multi-part answer without a record count");
        var parts = (int)((total + first.ContentBlocks.Count - 1) / first.ContentBlocks.Count);
        var resultId = first.Header.ResultId ?? throw new InvalidOperationException("a multi-part answer without a result id");
        var nextPart = 1;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            for (var part = Interlocked.Increment(ref nextPart); part <= parts; part = Interlocked.Increment(ref nextPart))
            {
                var answer = await client.FulfillPollAsync(clients.Poll,
                    new PollFulfillmentRequest(MessageIds.New(), collection, resultId) { ResultPartNumber = part }, cancellationToken);
                Interlocked.Add(ref blocks, answer.ContentBlocks.Count);
            }
        }));
        // parts are cut at label boundaries, so they hold the part size only when labels do not straddle it (true of the
        // benchmark's 1,000-block messages); a different cut would show here
        return blocks == total ? blocks : throw new InvalidOperationException($"fetched {blocks} blocks of a result of {total} in {parts} parts");
    }

    private static async Task<long> CountAsync(LoadClients clients, string collection, CancellationToken cancellationToken)
    {
        long blocks = 0;
        await foreach (var _ in clients.Create().PollAllAsync(clients.Poll, collection, null, null, cancellationToken: cancellationToken))
        {
            blocks++;
        }

        return blocks;
    }

    public static async Task FillAsync(LoadClients clients, string collection, int blocks, CancellationToken cancellationToken, int blockLength = 4000)
    {
        const int perMessage = 1_000;
        var content = InboxLoad.Blocks(perMessage, blockLength);
        var clock = Stopwatch.StartNew();
        var (messages, _) = await LoadClients.RunAsync(2, TimeSpan.FromMinutes(10), blocks / perMessage,
            ct => clients.Create().InboxAsync(clients.Inbox, InboxLoad.Message(content, collection), ct), cancellationToken);
        LoadCommand.Report($"fill {collection} (inbox, 1,000 blocks/message, 2 workers)", messages * perMessage, clock.Elapsed, "blocks/s");
    }

    /// <summary>The largest VmRSS of <paramref name="server"/> seen every 20 ms until cancelled.</summary>
    public static async Task<long> SampleAsync(LoadServer server, CancellationToken cancellationToken)
    {
        long peak = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            peak = Math.Max(peak, server.ResidentBytes());
            try
            {
                await Task.Delay(20, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return peak;
    }
}
