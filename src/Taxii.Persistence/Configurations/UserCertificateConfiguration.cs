using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Taxii.Core.Security;

namespace Taxii.Persistence.Configurations;

internal sealed class UserCertificateConfiguration : IEntityTypeConfiguration<UserCertificate>
{
    public void Configure(EntityTypeBuilder<UserCertificate> b)
    {
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Thumbprint).HasMaxLength(64);
        b.Property(x => x.Subject).HasMaxLength(1024);
        // one user per certificate: authentication looks it up by thumbprint
        b.HasIndex(x => x.Thumbprint).IsUnique();
        b.HasIndex(x => x.UserId);
    }
}
