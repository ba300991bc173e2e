using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Taxii.Core.Security;

namespace Taxii.Persistence.Configurations;

internal sealed class RoleConfiguration : IEntityTypeConfiguration<Role>
{
    public void Configure(EntityTypeBuilder<Role> b)
    {
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.Property(x => x.Name).HasMaxLength(Limits.NameLength);
        b.HasIndex(x => x.Name).IsUnique();
        // text[]: the permission catalogue is fixed in code, so a role's set needs no table of its own
        b.Property(x => x.Permissions).HasColumnType("text[]");
    }
}
