namespace Taxii.Protocol.Messages;

/// <summary>
/// Everything of a Poll_Response except its Content_Blocks. In both versions every one of these fields precedes
/// the blocks in XSD order, so a streaming writer can emit the header first.
/// </summary>
public sealed record PollResponseHeader(string MessageId, string InResponseTo, string CollectionName)
{
    public IReadOnlyList<ExtendedHeader> ExtendedHeaders { get; init; } = [];

    /// <summary>TAXII 1.1 only; result_id MUST be present when true.</summary>
    public bool More { get; init; }

    /// <summary>TAXII 1.1 only.</summary>
    public string? ResultId { get; init; }

    /// <summary>TAXII 1.1 only; the XSD default is 1.</summary>
    public int ResultPartNumber { get; init; } = 1;

    /// <summary>1.1: the Subscription_ID element; 1.0: the subscription_id attribute.</summary>
    public string? SubscriptionId { get; init; }

    /// <summary>TAXII 1.1 only.</summary>
    public DateTimeOffset? ExclusiveBeginTimestamp { get; init; }

    /// <summary>TAXII 1.0 only (1.1 replaced it with the exclusive bound).</summary>
    public DateTimeOffset? InclusiveBeginTimestamp { get; init; }

    /// <summary>Required in TAXII 1.0; in 1.1 required for data feeds, absent for data sets.</summary>
    public DateTimeOffset? InclusiveEndTimestamp { get; init; }

    /// <summary>TAXII 1.1 only.</summary>
    public RecordCount? RecordCount { get; init; }

    public string? Message { get; init; }
}
