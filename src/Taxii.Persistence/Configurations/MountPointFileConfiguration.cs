using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Taxii.Core.Feeds;

namespace Taxii.Persistence.Configurations;

internal sealed class MountPointFileConfiguration : IEntityTypeConfiguration<MountPointFile>
{
    public void Configure(EntityTypeBuilder<MountPointFile> b)
    {
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.HasOne<IncomingFeed>().WithMany().HasForeignKey(x => x.FeedId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Path).HasMaxLength(Limits.PathLength);
        b.Property(x => x.Sha256).HasColumnType("bytea");
        b.HasIndex(x => new { x.FeedId, x.Path, x.Size, x.Sha256 }).IsUnique();
    }
}
