using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Taxii.Core.Feeds;

namespace Taxii.Persistence.Configurations;

internal sealed class IncomingFeedRunConfiguration : IEntityTypeConfiguration<IncomingFeedRun>
{
    public void Configure(EntityTypeBuilder<IncomingFeedRun> b)
    {
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.HasOne<IncomingFeed>().WithMany().HasForeignKey(x => x.FeedId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Trigger).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Error).HasMaxLength(4096);
        b.HasIndex(x => new { x.FeedId, x.Id });
        // one queued or running run per feed, whichever host asks
        b.HasIndex(x => x.FeedId).IsUnique().HasFilter("status IN ('Queued', 'Running')").HasDatabaseName("ix_incoming_feed_runs_one_active");
    }
}
