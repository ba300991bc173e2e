namespace Taxii.Protocol.Messages;

/// <summary>Inbox_Message Source_Subscription (1.1: collection_name; 1.0: feed_name).</summary>
public sealed record SourceSubscription(string CollectionName, string? SubscriptionId)
{
    /// <summary>TAXII 1.1 only.</summary>
    public DateTimeOffset? ExclusiveBeginTimestamp { get; init; }

    /// <summary>TAXII 1.0 only.</summary>
    public DateTimeOffset? InclusiveBeginTimestamp { get; init; }

    /// <summary>Required in TAXII 1.0.</summary>
    public DateTimeOffset? InclusiveEndTimestamp { get; init; }
}
