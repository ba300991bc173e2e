using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Taxii.Core.Feeds;

namespace Taxii.Persistence.Configurations;

internal sealed class OutgoingFeedRunConfiguration : IEntityTypeConfiguration<OutgoingFeedRun>
{
    public void Configure(EntityTypeBuilder<OutgoingFeedRun> b)
    {
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.HasOne<OutgoingFeed>().WithMany().HasForeignKey(x => x.FeedId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Trigger).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Error).HasMaxLength(4096);
        // a feed's history, newest first
        b.HasIndex(x => new { x.FeedId, x.Id });
        // a feed never runs twice at once: at most one queued or running run, whichever host asks
        b.HasIndex(x => x.FeedId).IsUnique().HasFilter("status IN ('Queued', 'Running')").HasDatabaseName("ix_outgoing_feed_runs_one_active");
    }
}
