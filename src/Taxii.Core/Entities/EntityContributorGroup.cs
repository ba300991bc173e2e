namespace Taxii.Core.Entities;

/// <summary>
/// Provenance: a member of this group added or uploaded the entity, as the group was when it did. Kept apart from
/// <see cref="EntityContributor"/> so that leaving a group, or a deleted user, does not change what a group brought.
/// </summary>
public sealed class EntityContributorGroup
{
    public long EntityId { get; set; }

    public int GroupId { get; set; }
}
