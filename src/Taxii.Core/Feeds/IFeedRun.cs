namespace Taxii.Core.Feeds;

/// <summary>What incoming and outgoing feed runs share: the feed, how it was asked for, and how it stands.</summary>
public interface IFeedRun
{
    long Id { get; }

    int FeedId { get; set; }

    FeedRunTrigger Trigger { get; set; }

    FeedRunStatus Status { get; set; }

    DateTimeOffset QueuedAt { get; set; }

    DateTimeOffset? StartedAt { get; set; }

    DateTimeOffset? EndedAt { get; set; }

    string? Error { get; set; }
}
