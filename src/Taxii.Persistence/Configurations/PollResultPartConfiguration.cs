using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Taxii.Core.Collections;

namespace Taxii.Persistence.Configurations;

internal sealed class PollResultPartConfiguration : IEntityTypeConfiguration<PollResultPart>
{
    public void Configure(EntityTypeBuilder<PollResultPart> b)
    {
        b.HasKey(x => new { x.ResultId, x.PartNumber });
        b.Property(x => x.ResultId).HasMaxLength(Limits.UriLength);
    }
}
