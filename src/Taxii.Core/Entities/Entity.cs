namespace Taxii.Core.Entities;

/// <summary>
/// One piece of intelligence in a dataset. <see cref="ExternalId"/> is its identity across platforms (a STIX-style
/// id such as <c>example:indicator-1b2c…</c>): an entity exported by one Taxii and ingested by another keeps it.
/// </summary>
public sealed class Entity
{
    public long Id { get; set; }

    public int DatasetId { get; set; }

    public required string ExternalId { get; set; }

    public EntityType Type { get; set; }

    public string? Title { get; set; }

    public string? Description { get; set; }

    public Tlp? Tlp { get; set; }

    /// <summary>Source reliability, Admiralty scale A (reliable) to F (cannot be judged).</summary>
    public char? Reliability { get; set; }

    public DateTimeOffset? ValidFrom { get; set; }

    /// <summary>Who the intelligence comes from (feed names, organisations).</summary>
    public List<string> Sources { get; set; } = [];

    /// <summary>Type-specific fields as JSON (kill chain phases, patterns, …), kept as given.</summary>
    public string? Data { get; set; }

    /// <summary>SHA-256 of the entity's canonical content: the same content is stored once per dataset.</summary>
    public required byte[] ContentHash { get; set; }

    /// <summary>The content block the entity was read from, when it came in through a feed.</summary>
    public long? RawContentBlockId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<Observable> Observables { get; set; } = [];

    public List<EntityRelation> Relations { get; set; } = [];
}
