using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Taxii.Core.Entities;
using Taxii.Core.Feeds;
using Taxii.Core.Settings;
using Taxii.Feeds.ContentTypes;
using Taxii.Persistence;
using Taxii.Persistence.Stores;

namespace Taxii.Feeds.Ingestion;

/// <summary>
/// Stores packages into a dataset: each is refused past MaxBlobSize before it is read whole, skipped when the dataset
/// already holds it (same SHA-256), read with the feed's content type or the one its binding names, and stored with its
/// record. Packages come one at a time (<see cref="IngestAsync"/>) or in batches (<see cref="ReadAsync"/>, then
/// <see cref="StoreAsync"/>): a batch is one transaction, so a crash leaves all of its packages or none (the next run
/// takes them again), and each package is still all or nothing. Entities deduplicate by id and content
/// (<see cref="EntityStore"/>); observables by kind and value.
/// </summary>
/// <remarks>
/// Why batches: a package of a few indicators costs little to parse, but on its own it costs a transaction (a WAL flush
/// at commit) and several round trips. A batch asks which of its packages are known in one query, inserts their records in
/// one statement and commits once, so the per-package cost is the entity store's two round trips.
/// </remarks>
public sealed class IngestionPipeline(TaxiiDbContext db, EntityStore entities, IOptionsMonitor<BlobLimitsOptions> limits, TimeProvider time)
{
    /// <summary>Reads, parses and stores one package in a transaction of its own.</summary>
    public async Task<PackageResult> IngestAsync(IngestionTarget target, IncomingPackage package, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(package, cancellationToken);
        return (await StoreAsync(target, [read], record: null, cancellationToken))[0];
    }

    /// <summary>
    /// Reads the package whole (at most MaxBlobSize) and hashes it: the bytes to store later, or
    /// <see cref="ReadPackage.Refused"/> when it is too large. The package's stream is closed when this returns.
    /// </summary>
    public async Task<ReadPackage> ReadAsync(IncomingPackage package, CancellationToken cancellationToken)
    {
        var max = limits.CurrentValue.MaxBlobSize;
        if (package.KnownSize > max)
        {
            return new ReadPackage(package, [], [], TooLarge(package.KnownSize.Value, max));
        }

        byte[]? bytes;
        await using (var stream = await package.OpenAsync(cancellationToken))
        {
            bytes = await ReadBoundedAsync(stream, max, cancellationToken);
        }

        return bytes is null
            ? new ReadPackage(package, [], [], TooLarge(null, max))
            : new ReadPackage(package, bytes, SHA256.HashData(bytes), null);
    }

    /// <summary>
    /// Stores read packages in one transaction, in their order, and returns what became of each (same order). Packages
    /// the dataset holds, or an earlier one of the batch repeats, are skipped unparsed. <paramref name="record"/> is
    /// given the results before the commit, and what it changes on tracked rows (a run's counts, a feed's position) is
    /// saved in the same transaction.
    /// </summary>
    public async Task<IReadOnlyList<PackageResult>> StoreAsync(
        IngestionTarget target, IReadOnlyList<ReadPackage> packages, Action<IReadOnlyList<PackageResult>>? record, CancellationToken cancellationToken)
    {
        var results = new PackageResult[packages.Count];
        var parsed = new List<(int Index, ParsedPackage Content)>();
        var known = await KnownAsync(target.DatasetId, packages, cancellationToken);
        for (var i = 0; i < packages.Count; i++)
        {
            var package = packages[i];
            if (package.Refused is { } refused)
            {
                results[i] = refused;
            }
            else if (known.Contains(package.Sha256))
            {
                results[i] = new PackageResult(PackageOutcome.Skipped);
            }
            else
            {
                var (content, failure) = await ParseAsync(target, package, cancellationToken);
                if (content is null)
                {
                    // not remembered: a later copy in the batch fails the same way, as it would in a later batch
                    results[i] = failure!;
                    continue;
                }

                known.Add(package.Sha256);
                parsed.Add((i, content));
            }
        }

        await using var transaction = parsed.Count > 0 ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var together = transaction is not null && await InsertRecordsAsync(target, packages, parsed, cancellationToken);
        if (transaction is not null && !together)
        {
            // another writer stored one of them meanwhile: store each in a transaction of its own, which skips what it stored
            await transaction.RollbackAsync(cancellationToken);
            foreach (var (index, content) in parsed)
            {
                results[index] = await StoreOneAsync(target, packages[index], content, cancellationToken);
            }
        }
        else
        {
            await StoreEntitiesAsync(target, packages, parsed, results, cancellationToken);
        }

        if (record is not null)
        {
            record(results);
            await db.SaveChangesAsync(cancellationToken);
        }

        if (together)
        {
            await transaction!.CommitAsync(cancellationToken);
        }

        return results;
    }

    /// <summary>The SHA-256s of <paramref name="packages"/> the dataset already holds, in a set that also catches repeats within the batch.</summary>
    private async Task<HashSet<byte[]>> KnownAsync(int datasetId, IReadOnlyList<ReadPackage> packages, CancellationToken cancellationToken)
    {
        var hashes = packages.Where(p => p.Refused is null).Select(p => p.Sha256).ToList();
        var stored = hashes.Count == 0 ? [] : await db.IngestedPackages.Where(p => p.DatasetId == datasetId && hashes.Contains(p.Sha256))
            .Select(p => p.Sha256).ToListAsync(cancellationToken);
        return new HashSet<byte[]>(stored, Sha256Comparer.Instance);
    }

    /// <summary>The package's content, or the reason it cannot be read (as a failed result with no content).</summary>
    private static async Task<(ParsedPackage? Package, PackageResult? Failure)> ParseAsync(IngestionTarget target, ReadPackage read, CancellationToken cancellationToken)
    {
        var package = read.Package;
        var reader = target.ContentType is { } contentType ? ContentReaders.For(contentType)
            : package.Binding is { } binding ? ContentReaders.ForBinding(binding) : null;
        if (reader is null)
        {
            return (null, new PackageResult(PackageOutcome.Failed, package.Binding is null
                ? "the content type is unknown: set the feed's content type"
                : $"content binding '{Truncate(package.Binding)}' is not one Taxii reads (EclecticIQ JSON, STIX 1.x, CSV, plain text): set the feed's content type if it is one of them"));
        }

        try
        {
            return (await reader.ReadAsync(new MemoryStream(read.Bytes, writable: false), cancellationToken), null);
        }
        catch (ContentReadException e)
        {
            // a sender publishing another content type than the feed reads is the usual cause: say so when the binding shows it
            return (null, new PackageResult(PackageOutcome.Failed, package.Binding is { } sent && !reader.Accepts(sent)
                ? $"not valid {FeedNames.Of(reader.ContentType)} content: {e.Message.TrimEnd('.')}; the package's content binding is '{Truncate(sent)}', which the feed's content type does not read: set the feed's content type to what the sender publishes, or leave it empty to detect it"
                : $"not valid {FeedNames.Of(reader.ContentType)} content: {e.Message}"));
        }
    }
    /// <summary>Adds the parsed packages' records and saves them in one statement; false when one of them is stored already.</summary>
    private async Task<bool> InsertRecordsAsync(IngestionTarget target, IReadOnlyList<ReadPackage> packages, IReadOnlyList<(int Index, ParsedPackage Content)> parsed, CancellationToken cancellationToken)
    {
        var records = parsed.Select(p => Record(target, packages[p.Index])).ToList();
        db.IngestedPackages.AddRange(records);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return false;
        }
        finally
        {
            records.ForEach(r => db.Entry(r).State = EntityState.Detached);
        }
    }

    /// <summary>One package in a transaction of its own (after a batch met a package another writer stored).</summary>
    private async Task<PackageResult> StoreOneAsync(IngestionTarget target, ReadPackage package, ParsedPackage parsed, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await InsertRecordsAsync(target, [package], [(0, parsed)], cancellationToken))
        {
            // another writer stored the same package meanwhile: it is in the dataset
            await transaction.RollbackAsync(cancellationToken);
            return new PackageResult(PackageOutcome.Skipped);
        }

        var result = new PackageResult[1];
        await StoreEntitiesAsync(target, [package], [(0, parsed)], result, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result[0];
    }

    private IngestedPackage Record(IngestionTarget target, ReadPackage package) => new()
    {
        DatasetId = target.DatasetId,
        Sha256 = package.Sha256,
        Size = package.Bytes.LongLength,
        FeedId = target.FeedId,
        RunId = target.RunId,
        Source = Truncate(package.Package.Reference, 1000),
        IngestedAt = time.GetUtcNow(),
    };

    /// <summary>
    /// Writes the parsed packages' entities and removals in the current transaction, and their results. Consecutive
    /// packages from the same sender share one upsert: <see cref="EntityStore"/> takes its inputs in order, as if stored one
    /// after the other, so the outcome is the same as one call per package. A package's removals follow its own entities,
    /// so a package with removals ends its group.
    /// </summary>
    private async Task StoreEntitiesAsync(
        IngestionTarget target, IReadOnlyList<ReadPackage> packages, IReadOnlyList<(int Index, ParsedPackage Content)> parsed, PackageResult[] results, CancellationToken cancellationToken)
    {
        for (var first = 0; first < parsed.Count;)
        {
            var sender = packages[parsed[first].Index].Package.SenderUserId;
            var last = first;
            while (parsed[last].Content.RemovedIds.Count == 0 && last + 1 < parsed.Count && packages[parsed[last + 1].Index].Package.SenderUserId == sender)
            {
                last++;
            }

            var group = Enumerable.Range(first, last - first + 1).Select(i => parsed[i]).ToList();
            var upserts = await entities.UpsertAsync(target.DatasetId, [.. group.SelectMany(p => p.Content.Entities)], new EntityProvenance(target.FeedId, sender), cancellationToken);
            var offset = 0;
            foreach (var (index, content) in group)
            {
                var own = upserts.Skip(offset).Take(content.Entities.Count).ToList();
                offset += content.Entities.Count;
                var removed = content.RemovedIds.Count > 0 ? await entities.DeleteByExternalIdsAsync(target.DatasetId, content.RemovedIds, cancellationToken) : 0;
                results[index] = new PackageResult(PackageOutcome.Stored)
                {
                    Created = own.Count(u => u.Outcome == EntityUpsertOutcome.Created),
                    Updated = own.Count(u => u.Outcome == EntityUpsertOutcome.Updated),
                    Unchanged = own.Count(u => u.Outcome == EntityUpsertOutcome.Unchanged),
                    Removed = removed,
                    Observables = content.Entities.Sum(e => e.Observables?.Count ?? 0),
                };
            }

            first = last + 1;
        }
    }

    /// <summary>Reads the whole stream, or returns null as soon as it holds more than <paramref name="max"/> bytes.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream stream, long max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static PackageResult TooLarge(long? size, long max) => new(PackageOutcome.Failed, size is { } known
        ? $"the package is {known} bytes, more than MaxBlobSize ({max} bytes) allows; it was not read"
        : $"the package is larger than MaxBlobSize ({max} bytes) allows; it was not read beyond that");

    private static string Truncate(string value, int length = 200) => value.Length <= length ? value : value[..length] + "…";
}
