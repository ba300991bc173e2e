using Taxii.Core.Entities;

namespace Taxii.Feeds.ContentTypes;

/// <summary>An entity a Diff package says is gone, with the observables that were published with it.</summary>
public sealed record EclecticIqRemoval(string ExternalId, EntityType Type, IReadOnlyList<NewObservable> Observables);
