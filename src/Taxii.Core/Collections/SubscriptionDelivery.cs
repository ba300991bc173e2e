namespace Taxii.Core.Collections;

/// <summary>The record of one push of a window of content to a subscriber's inbox.</summary>
public sealed class SubscriptionDelivery
{
    public long Id { get; set; }

    public required string SubscriptionId { get; set; }

    public DateTimeOffset? ExclusiveBegin { get; set; }

    public DateTimeOffset InclusiveEnd { get; set; }

    public int BlockCount { get; set; }

    public DeliveryStatus Status { get; set; } = DeliveryStatus.Pending;

    public int Attempts { get; set; }

    /// <summary>Why the last attempt failed: the remote status or the transport error, never content.</summary>
    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
}
