namespace Taxii.Feeds.Subscriptions;

/// <summary>A push the subscriber's inbox did not accept; thrown after the failure was recorded, so that the job retries.</summary>
public sealed class SubscriptionDeliveryException(string subscriptionId, string reason)
    : Exception($"Push of subscription {subscriptionId} failed: {reason}")
{
    public string SubscriptionId { get; } = subscriptionId;

    public string Reason { get; } = reason;
}
