using Taxii.Core.Datasets;
using Taxii.Core.Security;

namespace Taxii.Core.Feeds;

/// <summary>Publishes intelligence from datasets to recipients, on a schedule or on demand.</summary>
public sealed class OutgoingFeed
{
    public int Id { get; set; }

    /// <summary>Unique across all feeds, incoming and outgoing.</summary>
    public required string Name { get; set; }

    public string? Description { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>Source: every entity of these datasets.</summary>
    public List<Dataset> Datasets { get; set; } = [];

    /// <summary>Source: the entities these incoming feeds brought, in datasets the owner may read.</summary>
    public List<IncomingFeed> IncomingFeeds { get; set; } = [];

    /// <summary>Source: the entities members of these groups added or uploaded, in datasets the owner may read.</summary>
    public List<Group> SourceGroups { get; set; } = [];

    /// <summary>
    /// The user who last saved the feed: incoming feed and group sources publish only from the datasets it may read at
    /// each run. Null when unknown (then those sources publish nothing).
    /// </summary>
    public int? OwnerId { get; set; }

    /// <summary>Groups whose members may see the feed and download its packages; administrators always may.</summary>
    public List<Group> Groups { get; set; } = [];

    public OutgoingTransportType TransportType { get; set; }

    public OutgoingTransportSettings Transport { get; set; } = new();

    public FeedContentType ContentType { get; set; }

    public UpdateStrategy UpdateStrategy { get; set; }

    /// <summary>A cron expression (five fields, UTC); none means the feed runs only on demand.</summary>
    public string? Schedule { get; set; }

    public OutgoingFeedFilter Filter { get; set; } = new();

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The recurring job that runs it: stable for the feed's life.</summary>
    public string JobId => $"outgoing-feed-{Id}";
}
