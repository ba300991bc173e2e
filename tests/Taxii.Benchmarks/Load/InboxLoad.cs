using Taxii.Protocol.Messages;

namespace Taxii.Benchmarks.Load;

/// <summary>Blocks per second stored through the inbox, in messages of 1 and of 100 blocks of a ~4 KB STIX package, each shape measured after 2 s of warm-up.</summary>
internal static class InboxLoad
{
    public static async Task RunAsync(LoadClients clients, CancellationToken cancellationToken)
    {
        var client = clients.Create();
        foreach (var (blocksPerMessage, workers) in new[] { (1, 8), (100, 4) })
        {
            var blocks = Blocks(blocksPerMessage);
            // warm the server's JIT and query caches on this shape first, so the figure is the steady state
            await LoadClients.RunAsync(workers, TimeSpan.FromSeconds(2), 100_000,
                ct => client.InboxAsync(clients.Inbox, Message(blocks, LoadServer.Collections[0]), ct), cancellationToken);
            var (messages, elapsed) = await LoadClients.RunAsync(workers, TimeSpan.FromSeconds(5), 100_000,
                ct => client.InboxAsync(clients.Inbox, Message(blocks, LoadServer.Collections[0]), ct), cancellationToken);
            LoadCommand.Report($"inbox, {blocksPerMessage} block(s)/message, {workers} workers", messages * blocksPerMessage, elapsed, "blocks/s");
        }
    }

    public static ContentBlock[] Blocks(int count, int length = 4000) =>
        [.. Enumerable.Range(0, count).Select(i => new ContentBlock(new ContentBinding(ContentBindingIds.Stix12), TaxiiContent.FromXml(Stix.Package(i, length))))];

    public static InboxMessage Message(ContentBlock[] blocks, string collection) =>
        new(MessageIds.New()) { DestinationCollectionNames = [collection], ContentBlocks = blocks };
}
