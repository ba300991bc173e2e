namespace Taxii.Protocol.Messages;

/// <summary>Subscription_Management_Response (1.1: collection_name; 1.0: feed_name).</summary>
public sealed record SubscriptionManagementResponse(string MessageId, string InResponseTo, string CollectionName)
    : ITaxiiResponse
{
    public IReadOnlyList<ExtendedHeader> ExtendedHeaders { get; init; } = [];

    public string? Message { get; init; }

    public IReadOnlyList<SubscriptionInstance> Subscriptions { get; init; } = [];
}
