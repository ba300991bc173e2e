using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Taxii.Core.Feeds;

namespace Taxii.Persistence.Configurations;

internal sealed class OutgoingFeedPackageConfiguration : IEntityTypeConfiguration<OutgoingFeedPackage>
{
    public void Configure(EntityTypeBuilder<OutgoingFeedPackage> b)
    {
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.HasOne<OutgoingFeedRun>().WithMany(x => x.Packages).HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.RunId, x.Sequence }).IsUnique();
        b.Property(x => x.FileName).HasMaxLength(Limits.PathLength);
        b.Property(x => x.MediaType).HasMaxLength(128);
        b.Property(x => x.Sha256).HasColumnType("bytea");
        b.Property(x => x.Content).HasColumnType("bytea");
    }
}
