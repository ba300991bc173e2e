using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Taxii.Core.Collections;

namespace Taxii.Persistence.Configurations;

internal sealed class CollectionConfiguration : IEntityTypeConfiguration<Collection>
{
    public void Configure(EntityTypeBuilder<Collection> b)
    {
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.Property(x => x.Name).HasMaxLength(Limits.UriLength);
        b.HasIndex(x => x.Name).IsUnique();
        b.Property(x => x.Type).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.ContentBindings).HasColumnType("text[]");
        b.HasMany(x => x.Services).WithMany(x => x.Collections).UsingEntity("service_collections");
        b.HasMany(x => x.SourceDatasets).WithMany().UsingEntity("collection_source_datasets");
    }
}
