using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Taxii.Core.Collections;
using Taxii.Core.Security;

namespace Taxii.Persistence.Configurations;

internal sealed class CollectionAccessConfiguration : IEntityTypeConfiguration<CollectionAccess>
{
    public void Configure(EntityTypeBuilder<CollectionAccess> b)
    {
        b.HasKey(x => new { x.CollectionId, x.GroupId });
        b.HasOne<Collection>().WithMany(x => x.Access).HasForeignKey(x => x.CollectionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Group).WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.GroupId);
    }
}
