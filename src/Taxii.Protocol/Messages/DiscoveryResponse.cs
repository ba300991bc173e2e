namespace Taxii.Protocol.Messages;

/// <summary>Discovery_Response (TAXII 1.1 and 1.0); no instances means "nothing visible to you".</summary>
public sealed record DiscoveryResponse(string MessageId, string InResponseTo) : ITaxiiResponse
{
    public IReadOnlyList<ExtendedHeader> ExtendedHeaders { get; init; } = [];

    public IReadOnlyList<ServiceInstance> ServiceInstances { get; init; } = [];
}
