namespace Taxii.Feeds.Publishing;

/// <summary>An entity whose rendering does not fit in a package under MaxBlobSize even when it is the package's only item.</summary>
public sealed class PackageTooLargeException(string externalId, long entityBytes, long maxPackageBytes)
    : Exception($"entity {externalId} is {entityBytes} bytes, more than MaxBlobSize ({maxPackageBytes} bytes) allows even alone in a package")
{
    public string ExternalId { get; } = externalId;

    public long EntityBytes { get; } = entityBytes;

    public long MaxPackageBytes { get; } = maxPackageBytes;
}
