using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Taxii.Core.Collections;
using Taxii.Core.Datasets;
using Taxii.Core.Entities;

namespace Taxii.Persistence.Configurations;

internal sealed class EntityConfiguration : IEntityTypeConfiguration<Entity>
{
    public void Configure(EntityTypeBuilder<Entity> b)
    {
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.HasOne<Dataset>().WithMany().HasForeignKey(x => x.DatasetId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.ExternalId).HasMaxLength(Limits.UriLength);
        b.Property(x => x.Type).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.Title).HasMaxLength(1024);
        b.Property(x => x.Tlp).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Sources).HasColumnType("text[]");
        b.Property(x => x.Data).HasColumnType("jsonb");
        b.Property(x => x.ContentHash).HasColumnType("bytea");
        b.HasOne<ContentBlock>().WithMany().HasForeignKey(x => x.RawContentBlockId).OnDelete(DeleteBehavior.SetNull);
        // one entity per id and one per content in a dataset: the two deduplication keys
        b.HasIndex(x => new { x.DatasetId, x.ExternalId }).IsUnique();
        b.HasIndex(x => new { x.DatasetId, x.ContentHash });
        b.HasIndex(x => new { x.DatasetId, x.Type, x.Id });
        b.HasIndex(x => new { x.DatasetId, x.UpdatedAt, x.Id });
        b.HasMany(x => x.Observables).WithMany(x => x.Entities).UsingEntity("entity_observables");
    }
}
