namespace Taxii.Server.Taxii;

/// <summary><c>Taxii:Services</c>: how the TAXII services answer.</summary>
internal sealed class TaxiiServiceOptions
{
    public const string SectionName = "Taxii:Services";

    /// <summary>Largest number of content blocks in one Poll_Response; more are offered as further parts.</summary>
    public int MaxBlocksPerPart { get; set; } = 1000;

    /// <summary>How long the parts of a multi-part poll result stay available for Poll_Fulfillment.</summary>
    public TimeSpan PollResultLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a service looked up by path is cached before the database is asked again.</summary>
    public TimeSpan ServiceCacheLifetime { get; set; } = TimeSpan.FromSeconds(5);
}
