using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Taxii.Core.Collections;
using Taxii.Core.Security;

namespace Taxii.Persistence.Configurations;

internal sealed class PollResultConfiguration : IEntityTypeConfiguration<PollResult>
{
    public void Configure(EntityTypeBuilder<PollResult> b)
    {
        b.Property(x => x.Id).HasMaxLength(Limits.UriLength);
        b.HasOne<Collection>().WithMany().HasForeignKey(x => x.CollectionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.ResponseType).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.ContentBindings).HasColumnType("text[]");
        b.Property(x => x.QueryFormatId).HasMaxLength(Limits.UriLength);
        b.HasMany(x => x.Parts).WithOne().HasForeignKey(x => x.ResultId).OnDelete(DeleteBehavior.Cascade);
        // the cleanup job removes expired results
        b.HasIndex(x => x.ExpiresAt);
    }
}
