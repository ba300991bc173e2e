namespace Taxii.Core.Entities;

/// <summary>Provenance: an incoming feed brought this entity (created, changed or delivered it again unchanged).</summary>
public sealed class EntityIncomingFeed
{
    public long EntityId { get; set; }

    public int IncomingFeedId { get; set; }
}
