using Taxii.Core.Entities;

namespace Taxii.Core.Feeds;

/// <summary>
/// An entity as the last successful run of a feed published it: what Append compares against to find new and
/// changed content, and what Diff reports as removed once the entity is gone or filtered out.
/// </summary>
public sealed class OutgoingFeedItem
{
    public int FeedId { get; set; }

    /// <summary>The entity's row id; no foreign key, since a removed entity's item must outlive it.</summary>
    public long EntityId { get; set; }

    public required string ExternalId { get; set; }

    public EntityType Type { get; set; }

    public required byte[] ContentHash { get; set; }

    /// <summary>The observables published with it, as <c>kind</c> U+001F <c>value</c>, to report their removal.</summary>
    public List<string> Observables { get; set; } = [];
}
