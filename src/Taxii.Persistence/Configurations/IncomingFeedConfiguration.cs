using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Taxii.Core.Feeds;

namespace Taxii.Persistence.Configurations;

internal sealed class IncomingFeedConfiguration : IEntityTypeConfiguration<IncomingFeed>
{
    public void Configure(EntityTypeBuilder<IncomingFeed> b)
    {
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.Property(x => x.Name).HasMaxLength(Limits.NameLength);
        b.HasIndex(x => x.Name).IsUnique();
        b.HasOne(x => x.Dataset).WithMany().HasForeignKey(x => x.DatasetId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.TransportType).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.ContentType).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.Schedule).HasMaxLength(128);
        b.Ignore(x => x.JobId);
        b.OwnsOne(x => x.Transport, t => t.ToJson());
        b.HasMany(x => x.Groups).WithMany().UsingEntity("incoming_feed_groups");
    }
}
