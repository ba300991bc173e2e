namespace Taxii.Core.Entities;

/// <summary>An entity to store, as it comes from the API or a feed reader.</summary>
public sealed record NewEntity(
    EntityType Type,
    string? ExternalId = null,
    string? Title = null,
    string? Description = null,
    Tlp? Tlp = null,
    char? Reliability = null,
    DateTimeOffset? ValidFrom = null,
    IReadOnlyList<string>? Sources = null,
    string? Data = null,
    IReadOnlyList<NewObservable>? Observables = null,
    long? RawContentBlockId = null,
    IReadOnlyList<NewRelation>? Relations = null);
