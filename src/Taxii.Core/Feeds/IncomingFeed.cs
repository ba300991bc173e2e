using Taxii.Core.Datasets;
using Taxii.Core.Security;

namespace Taxii.Core.Feeds;

/// <summary>Brings intelligence into a dataset, on a schedule, on demand, or as it is pushed or uploaded.</summary>
public sealed class IncomingFeed
{
    public int Id { get; set; }

    /// <summary>Unique across all feeds, incoming and outgoing.</summary>
    public required string Name { get; set; }

    public string? Description { get; set; }

    public bool Enabled { get; set; } = true;

    public int DatasetId { get; set; }

    public Dataset? Dataset { get; set; }

    /// <summary>Groups whose members see the feed, upload to it and push to its inbox; administrators always may.</summary>
    public List<Group> Groups { get; set; } = [];

    public IncomingTransportType TransportType { get; set; }

    public IncomingTransportSettings Transport { get; set; } = new();

    /// <summary>The content type of its packages; none: detected from each package's content binding or media type.</summary>
    public FeedContentType? ContentType { get; set; }

    /// <summary>A cron expression (five fields, UTC), for TAXII poll and mount point feeds; none: on demand only.</summary>
    public string? Schedule { get; set; }

    /// <summary>TAXII poll: the last Inclusive_End_Timestamp the remote returned, moved only after that content was stored.</summary>
    public DateTimeOffset? LastInclusiveEnd { get; set; }

    /// <summary>TAXII inbox: the last local content block taken (content blocks are numbered in the order they are stored).</summary>
    public long LastContentBlockId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The recurring job that runs it: stable for the feed's life.</summary>
    public string JobId => $"incoming-feed-{Id}";
}
