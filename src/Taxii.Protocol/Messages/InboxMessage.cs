namespace Taxii.Protocol.Messages;

/// <summary>Inbox_Message (TAXII 1.1 and 1.0). Every field precedes the blocks in XSD order.</summary>
public sealed record InboxMessage(string MessageId) : ITaxiiMessage
{
    public IReadOnlyList<ExtendedHeader> ExtendedHeaders { get; init; } = [];

    /// <summary>TAXII 1.1 only: set when pushing asynchronous poll results.</summary>
    public string? ResultId { get; init; }

    /// <summary>TAXII 1.1 only.</summary>
    public IReadOnlyList<string> DestinationCollectionNames { get; init; } = [];

    public string? Message { get; init; }

    /// <summary>1.1: Subscription_ID is required in it. 1.0: subscription_id is optional in the XSD.</summary>
    public SourceSubscription? SourceSubscription { get; init; }

    /// <summary>TAXII 1.1 only.</summary>
    public RecordCount? RecordCount { get; init; }

    public IReadOnlyList<ContentBlock> ContentBlocks { get; init; } = [];
}
