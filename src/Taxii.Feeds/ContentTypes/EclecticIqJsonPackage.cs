using Taxii.Core.Entities;

namespace Taxii.Feeds.ContentTypes;

/// <summary>One EclecticIQ JSON package as read: its header, the entities it carries and the removals it announces.</summary>
public sealed record EclecticIqJsonPackage(PackageHeader Header, IReadOnlyList<NewEntity> Entities, IReadOnlyList<EclecticIqRemoval> Removed);
