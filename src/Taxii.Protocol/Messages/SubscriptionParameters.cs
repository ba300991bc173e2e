namespace Taxii.Protocol.Messages;

/// <summary>TAXII 1.1 Subscription_Parameters.</summary>
public sealed record SubscriptionParameters
{
    public ResponseType ResponseType { get; init; } = ResponseType.Full;

    public IReadOnlyList<ContentBinding> ContentBindings { get; init; } = [];

    public TaxiiQuery? Query { get; init; }
}
