namespace Taxii.Protocol.Messages;

/// <summary>Collection_Information_Request (1.1) / Feed_Information_Request (1.0).</summary>
public sealed record CollectionInformationRequest(string MessageId) : ITaxiiMessage
{
    public IReadOnlyList<ExtendedHeader> ExtendedHeaders { get; init; } = [];
}
