using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Taxii.Core.Collections;
using Taxii.Core.Security;

namespace Taxii.Persistence.Configurations;

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> b)
    {
        b.Property(x => x.Id).HasMaxLength(Limits.UriLength);
        b.HasOne(x => x.Collection).WithMany().HasForeignKey(x => x.CollectionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Service>().WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.ProtocolVersion).HasMaxLength(8);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.ResponseType).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.ContentBindings).HasColumnType("text[]");
        b.Property(x => x.QueryFormatId).HasMaxLength(Limits.UriLength);
        b.Property(x => x.PushAddress).HasMaxLength(Limits.UriLength);
        b.Property(x => x.PushProtocolBinding).HasMaxLength(Limits.UriLength);
        b.Property(x => x.PushMessageBinding).HasMaxLength(Limits.UriLength);
        // the push job looks for active subscriptions with an inbox per collection
        b.HasIndex(x => new { x.CollectionId, x.Status });
    }
}
