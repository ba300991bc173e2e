using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Taxii.Core.Entities;
using Taxii.Core.Security;

namespace Taxii.Persistence.Configurations;

internal sealed class EntityContributorConfiguration : IEntityTypeConfiguration<EntityContributor>
{
    public void Configure(EntityTypeBuilder<EntityContributor> b)
    {
        b.ToTable("entity_contributors");
        b.HasKey(x => new { x.EntityId, x.UserId });
        b.HasOne<Entity>().WithMany().HasForeignKey(x => x.EntityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.UserId, x.EntityId });
    }
}
