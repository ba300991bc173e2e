using Taxii.Core.Collections;

namespace Taxii.Server.Admin.Services;

/// <summary>A TAXII service at an absolute path, serving some collections. <c>available</c> false: it answers DENIED.</summary>
[OpenApiExample(@"{""type"":""poll"",""path"":""/taxii-poll-service/"",""description"":""Poll"",""available"":true,""authenticationRequired"":true,""collectionIds"":[1]}")]
public sealed record ServiceRequest(
    ServiceType Type,
    string Path,
    string? Description,
    bool Available = true,
    bool AuthenticationRequired = true,
    bool DestinationCollectionRequired = false,
    IReadOnlyList<int>? CollectionIds = null);
