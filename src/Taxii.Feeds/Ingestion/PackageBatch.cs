namespace Taxii.Feeds.Ingestion;

/// <summary>
/// The packages a run has read and not stored yet. They are stored together, in one transaction
/// (<see cref="IngestionPipeline.StoreAsync"/>), when the batch holds <see cref="MaxPackages"/> packages or
/// <see cref="MaxBytes"/> bytes, when a package arrives more than <see cref="MaxAge"/> after the batch's first one, and
/// when the run flushes it (its source finished or failed). <c>record</c> counts the results on the run before the commit.
/// </summary>
public sealed class PackageBatch(
    IngestionPipeline pipeline, IngestionTarget target, Action<IReadOnlyList<ReadPackage>, IReadOnlyList<PackageResult>> record, TimeProvider time)
{
    /// <summary>Enough to share a commit and the known-package query among many small packages; a batch's work is still short.</summary>
    public const int MaxPackages = 200;

    /// <summary>Bounds what a run holds in memory besides the package being read (at most MaxBlobSize).</summary>
    public const long MaxBytes = 8 * 1024 * 1024;

    /// <summary>How long a slow source's packages may wait before they are stored (and the run's counts show them).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private readonly List<ReadPackage> _packages = [];
    private long _bytes;
    private long _firstAt;

    /// <summary>Reads the package (its stream is closed when this returns) and stores the batch when it is full.</summary>
    public async Task AddAsync(IncomingPackage package, CancellationToken cancellationToken)
    {
        var read = await pipeline.ReadAsync(package, cancellationToken);
        if (_packages.Count == 0)
        {
            _firstAt = time.GetTimestamp();
        }

        _packages.Add(read);
        _bytes += read.Bytes.LongLength;
        if (_packages.Count >= MaxPackages || _bytes >= MaxBytes || time.GetElapsedTime(_firstAt) >= MaxAge)
        {
            await FlushAsync(cancellationToken);
        }
    }

    /// <summary>Stores what the batch holds. It is empty afterwards, whether the store succeeded or threw.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_packages.Count == 0)
        {
            return;
        }

        ReadPackage[] packages = [.. _packages];
        _packages.Clear();
        _bytes = 0;
        await pipeline.StoreAsync(target, packages, results => record(packages, results), cancellationToken);
    }
}
