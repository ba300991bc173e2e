using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Taxii.Core.Feeds;

namespace Taxii.Persistence.Configurations;

internal sealed class OutgoingFeedItemConfiguration : IEntityTypeConfiguration<OutgoingFeedItem>
{
    public void Configure(EntityTypeBuilder<OutgoingFeedItem> b)
    {
        b.HasKey(x => new { x.FeedId, x.EntityId });
        b.HasOne<OutgoingFeed>().WithMany().HasForeignKey(x => x.FeedId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.ExternalId).HasMaxLength(Limits.UriLength);
        b.Property(x => x.Type).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.ContentHash).HasColumnType("bytea");
        b.Property(x => x.Observables).HasColumnType("text[]");
    }
}
