using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Taxii.Core.Feeds;

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
    }
}
