using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Taxii.Core.Entities;

namespace Taxii.Persistence.Configurations;

internal sealed class ObservableConfiguration : IEntityTypeConfiguration<Observable>
{
    public void Configure(EntityTypeBuilder<Observable> b)
    {
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.Property(x => x.Kind).HasMaxLength(64);
        b.Property(x => x.Value).HasMaxLength(8192);
        b.Property(x => x.Maliciousness).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(x => new { x.Kind, x.Value }).IsUnique();
        // search by value whatever the kind
        b.HasIndex(x => x.Value);
    }
}
