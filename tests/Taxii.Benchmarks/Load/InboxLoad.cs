using Taxii.Protocol.Messages;

namespace Taxii.Benchmarks.Load;

/// <summary>Blocks per second stored through the inbox, in messages of 1 and of 100 blocks of a ~4 KB STIX package, each shape measured for 5 s after <see cref="LoadCommand.Warmup"/> on the same shape.</summary>
internal static class InboxLoad
{
    public static async Task RunAsync(LoadClients clients, CancellationToken cancellationToken)
    {
        var client = clients.Create();
        foreach (var (blocksPerMessage, workers) in new[] { (1, 8), (100, 4) })
        {
            var blocks = Blocks(blocksPerMessage);
            // warm the server on this shape first, so the figure is the steady state: on 2 busy cores the runtime's tiered
            // JIT takes tens of seconds to finish optimising the request path (a 2 s warm-up measured half the steady rate)
            await LoadClients.RunAsync(workers, LoadCommand.Warmup, 10_000_000,
                ct => client.InboxAsync(clients.Inbox, Message(blocks, LoadServer.Collections[0]), ct), cancellationToken);
            var cpu = CpuSplit.Start(clients.Server);
            var (messages, elapsed) = await LoadClients.RunAsync(workers, TimeSpan.FromSeconds(5), 100_000,
                ct => client.InboxAsync(clients.Inbox, Message(blocks, LoadServer.Collections[0]), ct), cancellationToken);
            cpu.Stop();
            LoadCommand.Report($"inbox, {blocksPerMessage} block(s)/message, {workers} workers", messages * blocksPerMessage, elapsed, "blocks/s");
            Console.WriteLine("  " + cpu.Describe(messages, "message"));
        }
    }

    public static ContentBlock[] Blocks(int count, int length = 4000) =>
        [.. Enumerable.Range(0, count).Select(i => new ContentBlock(new ContentBinding(ContentBindingIds.Stix12), TaxiiContent.FromXml(Stix.Package(i, length))))];

    public static InboxMessage Message(ContentBlock[] blocks, string collection) =>
        new(MessageIds.New()) { DestinationCollectionNames = [collection], ContentBlocks = blocks };
}
