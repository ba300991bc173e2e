namespace Taxii.Core.Collections;

/// <summary>A collection of content blocks, served by poll and inbox services.</summary>
public sealed class Collection
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public CollectionType Type { get; set; } = CollectionType.DataFeed;

    public bool Enabled { get; set; } = true;

    /// <summary>Content binding ids the collection accepts and serves; empty means any.</summary>
    public List<string> ContentBindings { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<Service> Services { get; set; } = [];

    /// <summary>The datasets whose intelligence outgoing feeds publish into it.</summary>
    public List<Datasets.Dataset> SourceDatasets { get; set; } = [];

    /// <summary>Groups whose members may read or write it; administrators may always.</summary>
    public List<CollectionAccess> Access { get; set; } = [];
}
