using Taxii.Core.Collections;

namespace Taxii.Server.Admin.Services;

/// <summary>
/// A TAXII service at an absolute path, serving some collections. <c>available</c> false: it answers DENIED.
/// <c>advertiseDefaultQuery</c> (poll and collection management only): discovery lists the TAXII Default Query for it;
/// off by default, because libtaxii-based clients such as cabby refuse a discovery answer naming it. The query is
/// evaluated either way.
/// </summary>
[OpenApiExample(@"{""type"":""poll"",""path"":""/taxii-poll-service/"",""description"":""Poll"",""available"":true,""authenticationRequired"":true,""collectionIds"":[1]}")]
public sealed record ServiceRequest(
    ServiceType Type,
    string Path,
    string? Description,
    bool Available = true,
    bool AuthenticationRequired = true,
    bool DestinationCollectionRequired = false,
    IReadOnlyList<int>? CollectionIds = null,
    bool AdvertiseDefaultQuery = false);
