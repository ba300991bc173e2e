namespace Taxii.Core.Entities;

/// <summary>
/// A directed link from an entity to another by the other's external id (an indicator <c>indicates</c> a TTP), so a
/// relation can name an entity that has not arrived yet, or lives in another dataset.
/// </summary>
public sealed class EntityRelation
{
    public long EntityId { get; set; }

    /// <summary>What the link means, lower-case and dash-separated (<c>indicated-ttp</c>, <c>related-indicator</c>, …).</summary>
    public required string Type { get; set; }

    public required string TargetExternalId { get; set; }
}
