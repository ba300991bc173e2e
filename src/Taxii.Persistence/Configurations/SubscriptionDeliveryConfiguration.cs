using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Taxii.Core.Collections;

namespace Taxii.Persistence.Configurations;

internal sealed class SubscriptionDeliveryConfiguration : IEntityTypeConfiguration<SubscriptionDelivery>
{
    public void Configure(EntityTypeBuilder<SubscriptionDelivery> b)
    {
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.HasOne<Subscription>().WithMany().HasForeignKey(x => x.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.LastError).HasMaxLength(4096);
        b.HasIndex(x => new { x.SubscriptionId, x.Id });
    }
}
