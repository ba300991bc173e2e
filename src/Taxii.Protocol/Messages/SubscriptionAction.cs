namespace Taxii.Protocol.Messages;

/// <summary>Subscription_Management_Request action; PAUSE and RESUME are TAXII 1.1 only.</summary>
public enum SubscriptionAction
{
    Subscribe,
    Unsubscribe,
    Pause,
    Resume,
    Status,
}
