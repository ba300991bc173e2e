namespace Taxii.Feeds.Ingestion;

public enum PackageOutcome
{
    /// <summary>Its entities are stored (with the package's record, in one transaction).</summary>
    Stored,

    /// <summary>The dataset already holds this package (same SHA-256).</summary>
    Skipped,

    /// <summary>Refused (too large, unknown or malformed content); the reason is on the run.</summary>
    Failed,
}
