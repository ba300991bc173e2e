using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Taxii.Core.Collections;

namespace Taxii.Persistence.Configurations;

internal sealed class PushCredentialConfiguration : IEntityTypeConfiguration<PushCredential>
{
    public void Configure(EntityTypeBuilder<PushCredential> b)
    {
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.Property(x => x.AddressPrefix).HasMaxLength(Limits.UriLength);
        // one set of credentials per prefix, or "the longest prefix wins" would have to pick between equals
        b.HasIndex(x => x.AddressPrefix).IsUnique();
        b.Property(x => x.Description).HasMaxLength(4000);
        b.Property(x => x.Username).HasMaxLength(Limits.NameLength);
    }
}
