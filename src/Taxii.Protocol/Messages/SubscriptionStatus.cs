namespace Taxii.Protocol.Messages;

/// <summary>TAXII 1.1 Subscription status (1.0 has no status attribute).</summary>
public enum SubscriptionStatus
{
    Active,
    Paused,
    Unsubscribed,
}
