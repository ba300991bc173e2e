namespace Taxii.Protocol.Messages;

/// <summary>
/// Poll_Request. TAXII 1.1 requires exactly one of <see cref="SubscriptionId"/> and <see cref="PollParameters"/>;
/// TAXII 1.0 allows a subscription_id together with content bindings, so a 1.0 request may carry both.
/// </summary>
public sealed record PollRequest(string MessageId, string CollectionName) : ITaxiiMessage
{
    public IReadOnlyList<ExtendedHeader> ExtendedHeaders { get; init; } = [];

    public DateTimeOffset? ExclusiveBeginTimestamp { get; init; }

    public DateTimeOffset? InclusiveEndTimestamp { get; init; }

    public string? SubscriptionId { get; init; }

    public PollParameters? PollParameters { get; init; }
}
