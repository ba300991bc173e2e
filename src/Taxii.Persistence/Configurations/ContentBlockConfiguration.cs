using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Taxii.Core.Collections;

namespace Taxii.Persistence.Configurations;

internal sealed class ContentBlockConfiguration : IEntityTypeConfiguration<ContentBlock>
{
    public void Configure(EntityTypeBuilder<ContentBlock> b)
    {
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.Property(x => x.Content).HasColumnType("bytea");
        b.Property(x => x.ContentBinding).HasMaxLength(Limits.UriLength);
        b.Property(x => x.ContentSubtype).HasMaxLength(Limits.UriLength);
        b.Property(x => x.Sha256).HasColumnType("bytea");
        b.HasOne<Collection>().WithMany().HasForeignKey(x => x.CollectionId).OnDelete(DeleteBehavior.Cascade);
        // the poll path: one collection, in keyset order (timestamp_label, id)
        b.HasIndex(x => new { x.CollectionId, x.TimestampLabel, x.Id });
        b.HasIndex(x => new { x.CollectionId, x.Sha256 });
        b.HasOne<Core.Security.User>().WithMany().HasForeignKey(x => x.SenderUserId).OnDelete(DeleteBehavior.SetNull);
    }
}
