namespace Taxii.Protocol.Messages;

/// <summary>Discovery_Request (TAXII 1.1 and 1.0).</summary>
public sealed record DiscoveryRequest(string MessageId) : ITaxiiMessage
{
    public IReadOnlyList<ExtendedHeader> ExtendedHeaders { get; init; } = [];
}
