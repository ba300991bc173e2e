using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Taxii.Core.Security;

namespace Taxii.Persistence.Configurations;

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Name).HasMaxLength(Limits.NameLength);
        b.Property(x => x.Prefix).HasMaxLength(32);
        b.Property(x => x.SecretHash).HasColumnType("bytea");
        // authentication looks a presented token up by its hash
        b.HasIndex(x => x.SecretHash).IsUnique();
        b.HasIndex(x => x.UserId);
    }
}
