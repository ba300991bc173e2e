using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Taxii.Core.Datasets;
using Taxii.Core.Feeds;

namespace Taxii.Persistence.Configurations;

internal sealed class IngestedPackageConfiguration : IEntityTypeConfiguration<IngestedPackage>
{
    public void Configure(EntityTypeBuilder<IngestedPackage> b)
    {
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.HasOne<Dataset>().WithMany().HasForeignKey(x => x.DatasetId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<IncomingFeed>().WithMany().HasForeignKey(x => x.FeedId).OnDelete(DeleteBehavior.SetNull);
        b.Property(x => x.Sha256).HasColumnType("bytea");
        b.Property(x => x.Source).HasMaxLength(Limits.PathLength);
        // a package is stored once per dataset: the second writer of the same package waits and then skips it
        b.HasIndex(x => new { x.DatasetId, x.Sha256 }).IsUnique();
    }
}
