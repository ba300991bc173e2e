using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Taxii.Core.Security;

namespace Taxii.Persistence.Configurations;

internal sealed class FailedLoginCountConfiguration : IEntityTypeConfiguration<FailedLoginCount>
{
    public void Configure(EntityTypeBuilder<FailedLoginCount> b)
    {
        // keyed by what is counted alone, with the window's start a column: were the start part of the key, two hosts
        // counting a key's first failure at once would open two windows and split the count
        b.HasKey(x => x.Key);
        b.Property(x => x.Key).HasMaxLength(FailedLoginCount.KeyLength);
        // the sweep deletes ended windows by their start
        b.HasIndex(x => x.WindowStart);
    }
}
