using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Taxii.Core.Entities;
using Taxii.Core.Security;

namespace Taxii.Persistence.Configurations;

internal sealed class EntityContributorGroupConfiguration : IEntityTypeConfiguration<EntityContributorGroup>
{
    public void Configure(EntityTypeBuilder<EntityContributorGroup> b)
    {
        b.ToTable("entity_contributor_groups");
        b.HasKey(x => new { x.EntityId, x.GroupId });
        b.HasOne<Entity>().WithMany().HasForeignKey(x => x.EntityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Group>().WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
        // an outgoing feed's selection asks "what did members of these groups bring"
        b.HasIndex(x => new { x.GroupId, x.EntityId });
    }
}
