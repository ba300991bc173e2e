namespace Taxii.Protocol.Messages;

/// <summary>A Subscription in a Subscription_Management_Response.</summary>
public sealed record SubscriptionInstance(string SubscriptionId)
{
    /// <summary>TAXII 1.1 only.</summary>
    public SubscriptionStatus Status { get; init; } = SubscriptionStatus.Active;

    /// <summary>TAXII 1.1 only.</summary>
    public SubscriptionParameters? SubscriptionParameters { get; init; }

    public PushParameters? PushParameters { get; init; }

    public IReadOnlyList<ServiceEndpoint> PollInstances { get; init; } = [];
}
