using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Taxii.Core.Security;

namespace Taxii.Persistence.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.Property(x => x.Name).HasMaxLength(Limits.NameLength);
        b.HasIndex(x => x.Name).IsUnique();
        b.Property(x => x.Email).HasMaxLength(Limits.EmailLength);
        b.Property(x => x.PasswordHash).HasMaxLength(Limits.HashLength);
        b.HasMany(x => x.Roles).WithMany(x => x.Users).UsingEntity("user_roles");
    }
}
