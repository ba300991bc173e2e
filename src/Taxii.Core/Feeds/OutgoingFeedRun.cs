namespace Taxii.Core.Feeds;

/// <summary>One run of an outgoing feed: what it selected, wrote and delivered, and how it ended.</summary>
public sealed class OutgoingFeedRun : IFeedRun
{
    public long Id { get; set; }

    public int FeedId { get; set; }

    public FeedRunTrigger Trigger { get; set; }

    public FeedRunStatus Status { get; set; } = FeedRunStatus.Queued;

    public DateTimeOffset QueuedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Entities written as added or changed.</summary>
    public int EntityCount { get; set; }

    /// <summary>Entities written as removed (Diff only).</summary>
    public int RemovedCount { get; set; }

    public int ObservableCount { get; set; }

    public int PackageCount { get; set; }

    public long TotalBytes { get; set; }

    /// <summary>Why the run failed, for the admin: never content or secrets.</summary>
    public string? Error { get; set; }

    public List<OutgoingFeedPackage> Packages { get; set; } = [];
}
