namespace Taxii.Protocol.Messages;

/// <summary>Subscription_Management_Request (1.1: collection_name; 1.0: feed_name).</summary>
public sealed record SubscriptionManagementRequest(string MessageId, SubscriptionAction Action, string CollectionName)
    : ITaxiiMessage
{
    public IReadOnlyList<ExtendedHeader> ExtendedHeaders { get; init; } = [];

    /// <summary>
    /// Required for UNSUBSCRIBE, PAUSE and RESUME; optional for STATUS (absent = all the requester's subscriptions).
    /// 1.0: the subscription_id attribute, required for UNSUBSCRIBE.
    /// </summary>
    public string? SubscriptionId { get; init; }

    /// <summary>TAXII 1.1 only; present if and only if the action is SUBSCRIBE.</summary>
    public SubscriptionParameters? SubscriptionParameters { get; init; }

    public PushParameters? PushParameters { get; init; }
}
