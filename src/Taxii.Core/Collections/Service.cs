namespace Taxii.Core.Collections;

/// <summary>A TAXII service instance: a type, an address path and the collections it serves.</summary>
public sealed class Service
{
    public int Id { get; set; }

    public ServiceType Type { get; set; }

    /// <summary>Absolute URL path, such as <c>/taxii-poll-service/</c>; unique.</summary>
    public required string Path { get; set; }

    public string? Description { get; set; }

    public bool Available { get; set; } = true;

    /// <summary>Off: anyone may use the service and every collection it serves, as the spec allows for public feeds.</summary>
    public bool AuthenticationRequired { get; set; } = true;

    /// <summary>Inbox only: messages must name their destination collections (else DESTINATION_COLLECTION_ERROR).</summary>
    public bool DestinationCollectionRequired { get; set; }

    /// <summary>
    /// Poll and collection management only: discovery lists the TAXII Default Query as this service's Supported_Query.
    /// Off by default: libtaxii-based clients (cabby among them) refuse a whole Discovery_Response that names a query
    /// format they have no reader for. The service evaluates Default Queries whether it advertises them or not.
    /// </summary>
    public bool AdvertiseDefaultQuery { get; set; }

    /// <summary>Whether services of this type evaluate queries: polls, and subscriptions made at collection management.</summary>
    public static bool TakesQueries(ServiceType type) => type is ServiceType.Poll or ServiceType.CollectionManagement;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<Collection> Collections { get; set; } = [];
}
