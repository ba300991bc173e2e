namespace Taxii.Protocol.Messages;

/// <summary>Push_Parameters (subscriptions) and Delivery_Parameters (asynchronous polls, TAXII 1.1).</summary>
public sealed record PushParameters(string ProtocolBinding, string Address, string MessageBinding)
{
    /// <summary>
    /// TAXII 1.0 only: in 1.0 the accepted content bindings travel inside Push_Parameters; in 1.1 they are in
    /// Subscription_Parameters.
    /// </summary>
    public IReadOnlyList<string> ContentBindings { get; init; } = [];
}
