namespace Taxii.Protocol.Messages;

/// <summary>Discovery_Response Service_Instance.</summary>
public sealed record ServiceInstance(
    ServiceType ServiceType,
    string ServiceVersion,
    string ProtocolBinding,
    string Address,
    IReadOnlyList<string> MessageBindings)
{
    /// <summary>Null = unknown (the attribute is absent).</summary>
    public bool? Available { get; init; }

    /// <summary>TAXII 1.1 only; meaningful for POLL and COLLECTION_MANAGEMENT.</summary>
    public IReadOnlyList<SupportedQuery> SupportedQueries { get; init; } = [];

    /// <summary>Only for INBOX services; none = every binding. 1.0 carries IDs without subtypes.</summary>
    public IReadOnlyList<ContentBinding> ContentBindings { get; init; } = [];

    public string? Message { get; init; }
}
