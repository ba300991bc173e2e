using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Taxii.Core.Feeds;

namespace Taxii.Persistence.Configurations;

internal sealed class IncomingFeedRunErrorConfiguration : IEntityTypeConfiguration<IncomingFeedRunError>
{
    public void Configure(EntityTypeBuilder<IncomingFeedRunError> b)
    {
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.HasOne<IncomingFeedRun>().WithMany(x => x.Errors).HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Package).HasMaxLength(Limits.PathLength);
        b.Property(x => x.Reason).HasMaxLength(4096);
        b.HasIndex(x => x.RunId);
    }
}
