namespace Taxii.Protocol.Messages;

/// <summary>Collection_Information_Response (1.1) / Feed_Information_Response (1.0).</summary>
public sealed record CollectionInformationResponse(string MessageId, string InResponseTo) : ITaxiiResponse
{
    public IReadOnlyList<ExtendedHeader> ExtendedHeaders { get; init; } = [];

    public IReadOnlyList<CollectionRecord> Collections { get; init; } = [];
}
