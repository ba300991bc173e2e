using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Taxii.Core.Audit;

namespace Taxii.Persistence.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_log");
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.Property(x => x.UserName).HasMaxLength(Limits.NameLength);
        b.Property(x => x.Action).HasMaxLength(64);
        b.Property(x => x.Resource).HasMaxLength(Limits.PathLength);
        b.Property(x => x.Details).HasMaxLength(8192);
        b.HasIndex(x => x.At);
    }
}
