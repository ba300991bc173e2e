using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Taxii.Core.Datasets;

namespace Taxii.Persistence.Configurations;

internal sealed class DatasetAccessConfiguration : IEntityTypeConfiguration<DatasetAccess>
{
    public void Configure(EntityTypeBuilder<DatasetAccess> b)
    {
        b.HasKey(x => new { x.DatasetId, x.GroupId });
        b.HasOne<Dataset>().WithMany(x => x.Access).HasForeignKey(x => x.DatasetId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Group).WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.GroupId);
    }
}
