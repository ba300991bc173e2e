using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Taxii.Core.Entities;

namespace Taxii.Persistence.Configurations;

internal sealed class EntityRelationConfiguration : IEntityTypeConfiguration<EntityRelation>
{
    public void Configure(EntityTypeBuilder<EntityRelation> b)
    {
        b.HasKey(x => new { x.EntityId, x.Type, x.TargetExternalId });
        b.HasOne<Entity>().WithMany(x => x.Relations).HasForeignKey(x => x.EntityId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Type).HasMaxLength(64);
        b.Property(x => x.TargetExternalId).HasMaxLength(Limits.UriLength);
        // what points at an entity
        b.HasIndex(x => x.TargetExternalId);
    }
}
