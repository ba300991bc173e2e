using Taxii.Core.Entities;

namespace Taxii.Feeds.ContentTypes;

/// <summary>What a package says: entities to add or update, and external ids of entities it says were removed.</summary>
public sealed record ParsedPackage(IReadOnlyList<NewEntity> Entities, IReadOnlyList<string> RemovedIds);
