namespace Taxii.Feeds.Ingestion;

/// <summary>
/// A package read whole and hashed, waiting to be stored (<see cref="IngestionPipeline.StoreAsync"/>); or, with
/// <paramref name="Refused"/>, one that was not read (too large), whose result that is.
/// </summary>
public sealed record ReadPackage(IncomingPackage Package, byte[] Bytes, byte[] Sha256, PackageResult? Refused);
