using Microsoft.EntityFrameworkCore;
using Taxii.Core.Feeds;
using Taxii.Persistence;

namespace Taxii.Feeds.Ingestion;

/// <summary>
/// Takes what peers pushed into a local collection (<see cref="IncomingTransportSettings.CollectionName"/>): its content
/// blocks after <see cref="IncomingFeed.LastContentBlockId"/>, in the order they were stored, each as one package. Only
/// blocks pushed by an administrator or a member of one of the feed's groups are ingested; others are recorded as
/// failed. The position moves past every block handled, so none is taken twice.
/// </summary>
public sealed class InboxSource(TaxiiDbContext db) : IIncomingSource
{
    /// <summary>Blocks listed per query: their numbers, bindings and senders only; content is loaded one block at a time.</summary>
    private const int BatchSize = 500;

    public IncomingTransportType Type => IncomingTransportType.TaxiiInbox;

    public bool ArrivesDuringRuns => true;

    public async Task FetchAsync(IncomingFetch fetch, CancellationToken cancellationToken)
    {
        var feed = fetch.Feed;
        var name = feed.Transport.CollectionName;
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new IncomingSourceException("the feed names no local collection");
        }

        var collectionId = await db.Collections.Where(c => c.Name == name).Select(c => (int?)c.Id).SingleOrDefaultAsync(cancellationToken)
            ?? throw new IncomingSourceException($"collection '{name}' does not exist");
        var groupIds = feed.Groups.Select(g => g.Id).ToList();
        var senders = new Dictionary<int, Sender>();
        while (true)
        {
            var after = feed.LastContentBlockId;
            var batch = await db.ContentBlocks.AsNoTracking()
                .Where(b => b.CollectionId == collectionId && b.Id > after).OrderBy(b => b.Id).Take(BatchSize)
                .Select(b => new Block(b.Id, b.ContentBinding, b.SenderUserId, b.Content.Length))
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return;
            }

            await LoadSendersAsync(senders, batch, groupIds, cancellationToken);
            foreach (var block in batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var reference = $"collection '{name}' block {block.Id}";
                var sender = block.SenderUserId is { } userId ? senders.GetValueOrDefault(userId) : null;
                if (sender is { Allowed: true })
                {
                    var id = block.Id;
                    await fetch.IngestAsync(new IncomingPackage(reference, block.Binding, block.Size, async ct =>
                        new MemoryStream(await db.ContentBlocks.Where(b => b.Id == id).Select(b => b.Content).SingleAsync(ct), writable: false))
                    {
                        SenderUserId = block.SenderUserId,
                    }, cancellationToken);
                }
                else
                {
                    IncomingFeedRunner.Count(fetch.Run, reference, new PackageResult(PackageOutcome.Failed,
                        $"sender {(sender is null ? "anonymous" : $"'{sender.Name}'")} is not in the feed's groups; not ingested"));
                }

                // saved with the next package, or when the run ends
                feed.LastContentBlockId = block.Id;
            }
        }
    }

    private async Task LoadSendersAsync(Dictionary<int, Sender> senders, List<Block> batch, List<int> groupIds, CancellationToken cancellationToken)
    {
        var unknown = batch.Select(b => b.SenderUserId).OfType<int>().Distinct().Where(id => !senders.ContainsKey(id)).ToList();
        if (unknown.Count == 0)
        {
            return;
        }

        var found = await db.Users.AsNoTracking().Where(u => unknown.Contains(u.Id))
            .Select(u => new { u.Id, u.Name, Allowed = u.IsAdmin || u.Memberships.Any(m => groupIds.Contains(m.GroupId)) })
            .ToListAsync(cancellationToken);
        foreach (var user in found)
        {
            senders[user.Id] = new Sender(user.Name, user.Allowed);
        }
    }

    private sealed record Block(long Id, string Binding, int? SenderUserId, long Size);

    private sealed record Sender(string Name, bool Allowed);
}
