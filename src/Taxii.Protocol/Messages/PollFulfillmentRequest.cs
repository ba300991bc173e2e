namespace Taxii.Protocol.Messages;

/// <summary>Poll_Fulfillment (TAXII 1.1 only).</summary>
public sealed record PollFulfillmentRequest(string MessageId, string CollectionName, string ResultId) : ITaxiiMessage
{
    public IReadOnlyList<ExtendedHeader> ExtendedHeaders { get; init; } = [];

    /// <summary>The XSD makes it optional; a missing value means part 1.</summary>
    public int ResultPartNumber { get; init; } = 1;
}
