namespace Taxii.Core.Settings;

/// <summary>Size limits for packages (<c>Taxii:Limits</c>).</summary>
public sealed class BlobLimitsOptions
{
    public const string SectionName = "Taxii:Limits";

    /// <summary>No limit may exceed 100 MiB: larger packages belong in several blocks or messages.</summary>
    public const long HardCap = 100L * 1024 * 1024;

    /// <summary>Room for the TAXII XML envelope around the largest package a request may carry.</summary>
    public const long EnvelopeOverhead = 1024 * 1024;

    /// <summary>Largest incoming or outgoing package, in bytes (default 20 MiB).</summary>
    public long MaxBlobSize { get; set; } = 20L * 1024 * 1024;

    /// <summary>Largest manual upload, in bytes; unset means <see cref="MaxBlobSize"/> / 2.</summary>
    public long? MaxUploadedBlobSize { get; set; }

    public long UploadLimit => MaxUploadedBlobSize ?? MaxBlobSize / 2;

    /// <summary>What Kestrel accepts as a request body: the largest package plus its envelope.</summary>
    public long MaxRequestBodySize => MaxBlobSize + EnvelopeOverhead;
}
