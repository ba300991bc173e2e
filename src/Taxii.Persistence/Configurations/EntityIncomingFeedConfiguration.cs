using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Taxii.Core.Entities;
using Taxii.Core.Feeds;

namespace Taxii.Persistence.Configurations;

internal sealed class EntityIncomingFeedConfiguration : IEntityTypeConfiguration<EntityIncomingFeed>
{
    public void Configure(EntityTypeBuilder<EntityIncomingFeed> b)
    {
        b.ToTable("entity_incoming_feeds");
        b.HasKey(x => new { x.EntityId, x.IncomingFeedId });
        b.HasOne<Entity>().WithMany().HasForeignKey(x => x.EntityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<IncomingFeed>().WithMany().HasForeignKey(x => x.IncomingFeedId).OnDelete(DeleteBehavior.Cascade);
        // an outgoing feed's selection asks "what did these feeds bring"
        b.HasIndex(x => new { x.IncomingFeedId, x.EntityId });
    }
}
