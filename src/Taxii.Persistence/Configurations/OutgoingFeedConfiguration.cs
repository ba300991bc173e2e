using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Taxii.Core.Feeds;
using Taxii.Core.Security;

namespace Taxii.Persistence.Configurations;

internal sealed class OutgoingFeedConfiguration : IEntityTypeConfiguration<OutgoingFeed>
{
    public void Configure(EntityTypeBuilder<OutgoingFeed> b)
    {
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.Property(x => x.Name).HasMaxLength(Limits.NameLength);
        b.HasIndex(x => x.Name).IsUnique();
        b.Property(x => x.TransportType).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.ContentType).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.UpdateStrategy).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Schedule).HasMaxLength(128);
        b.Ignore(x => x.JobId);
        b.OwnsOne(x => x.Transport, t => t.ToJson());
        b.OwnsOne(x => x.Filter, f =>
        {
            f.ToJson();
            f.PrimitiveCollection(x => x.EntityTypes).ElementType().HasConversion<string>();
        });
        b.HasMany(x => x.Datasets).WithMany().UsingEntity("outgoing_feed_datasets");
        b.HasMany(x => x.Groups).WithMany().UsingEntity("outgoing_feed_groups");
        b.HasMany(x => x.IncomingFeeds).WithMany().UsingEntity<Dictionary<string, object>>("outgoing_feed_incoming_feeds",
            r => r.HasOne<IncomingFeed>().WithMany().HasForeignKey("IncomingFeedId"),
            l => l.HasOne<OutgoingFeed>().WithMany().HasForeignKey("OutgoingFeedId"));
        b.HasMany(x => x.SourceGroups).WithMany().UsingEntity<Dictionary<string, object>>("outgoing_feed_source_groups",
            r => r.HasOne<Group>().WithMany().HasForeignKey("GroupId"),
            l => l.HasOne<OutgoingFeed>().WithMany().HasForeignKey("OutgoingFeedId"));
        b.HasOne<User>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.SetNull);
    }
}
