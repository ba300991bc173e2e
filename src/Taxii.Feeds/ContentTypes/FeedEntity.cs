using Taxii.Core.Entities;

namespace Taxii.Feeds.ContentTypes;

/// <summary>
/// An entity as a feed writes it. For a removal (Diff) only <see cref="ExternalId"/>, <see cref="Type"/> and the
/// observables that were published with it are known; every other field is empty.
/// </summary>
public sealed record FeedEntity(
    string ExternalId,
    EntityType Type,
    string? Title,
    string? Description,
    Tlp? Tlp,
    char? Reliability,
    DateTimeOffset? ValidFrom,
    IReadOnlyList<string> Sources,
    string? Data,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? UpdatedAt,
    string? DatasetName,
    IReadOnlyList<FeedObservable> Observables,
    IReadOnlyList<NewRelation> Relations);
