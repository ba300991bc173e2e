using Taxii.Core.Collections;

namespace Taxii.Server.Taxii.Seeding;

/// <summary>
/// <c>Taxii:Seed</c>: services and collections created at start when missing (matched by path and by name).
/// Existing records are left as they are: after the first start, the database is the truth.
/// </summary>
internal sealed class TaxiiSeedOptions
{
    public const string SectionName = "Taxii:Seed";

    public List<SeedService> Services { get; set; } = [];

    public List<SeedCollection> Collections { get; set; } = [];

    internal sealed class SeedService
    {
        public ServiceType Type { get; set; }

        public string Path { get; set; } = string.Empty;

        public string? Description { get; set; }

        public bool Available { get; set; } = true;

        public bool AuthenticationRequired { get; set; } = true;

        public bool DestinationCollectionRequired { get; set; }

        /// <summary>Poll and collection management only: see <see cref="Service.AdvertiseDefaultQuery"/>.</summary>
        public bool AdvertiseDefaultQuery { get; set; }
    }

    internal sealed class SeedCollection
    {
        public string Name { get; set; } = string.Empty;

        public string? Description { get; set; }

        public CollectionType Type { get; set; } = CollectionType.DataFeed;

        public List<string> ContentBindings { get; set; } = [];

        /// <summary>Paths of the services that serve it.</summary>
        public List<string> Services { get; set; } = [];
    }
}
