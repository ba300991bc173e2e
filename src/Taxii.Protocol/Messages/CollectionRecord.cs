namespace Taxii.Protocol.Messages;

/// <summary>A Collection (TAXII 1.1) or Feed (TAXII 1.0) in a Collection_Information_Response.</summary>
public sealed record CollectionRecord(string Name, string Description)
{
    /// <summary>TAXII 1.1 only (1.0 has data feeds only).</summary>
    public CollectionType Type { get; init; } = CollectionType.DataFeed;

    public bool? Available { get; init; }

    /// <summary>TAXII 1.1 only: typical records per day.</summary>
    public long? Volume { get; init; }

    /// <summary>1.1: none = any binding. 1.0 requires at least one and carries no subtypes.</summary>
    public IReadOnlyList<ContentBinding> ContentBindings { get; init; } = [];

    public IReadOnlyList<PushMethod> PushMethods { get; init; } = [];

    public IReadOnlyList<ServiceEndpoint> PollingServices { get; init; } = [];

    public IReadOnlyList<ServiceEndpoint> SubscriptionServices { get; init; } = [];

    /// <summary>TAXII 1.1 only.</summary>
    public IReadOnlyList<ReceivingInboxService> ReceivingInboxServices { get; init; } = [];
}
