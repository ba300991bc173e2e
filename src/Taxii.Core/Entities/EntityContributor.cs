namespace Taxii.Core.Entities;

/// <summary>Provenance: a user added this entity through the REST API or uploaded a file that held it.</summary>
public sealed class EntityContributor
{
    public long EntityId { get; set; }

    public int UserId { get; set; }
}
