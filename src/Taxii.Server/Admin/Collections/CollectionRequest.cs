using Taxii.Core.Collections;

namespace Taxii.Server.Admin.Collections;

/// <summary>A TAXII collection. <c>contentBindings</c> empty: any content.</summary>
[OpenApiExample(@"{""name"":""C"",""description"":""Alice's shared intelligence"",""type"":""data-feed"",""enabled"":true,""contentBindings"":[""urn:eclecticiq.com:json:1.0""],""sourceDatasetIds"":[1],""groups"":[{""groupId"":1,""canRead"":true,""canWrite"":false}]}")]
public sealed record CollectionRequest(
    string Name,
    string? Description,
    CollectionType Type = CollectionType.DataFeed,
    bool Enabled = true,
    IReadOnlyList<string>? ContentBindings = null,
    IReadOnlyList<int>? SourceDatasetIds = null,
    IReadOnlyList<CollectionGroupDto>? Groups = null);
