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
/// Stores one package into a dataset: refused past MaxBlobSize before it is read whole, skipped when the dataset already
/// holds it (same SHA-256), read with the feed's content type or the one its binding names, and stored in one
/// transaction with its record, so a crash leaves either the whole package or none of it (and the next run takes it
/// again). Entities deduplicate by id and content (<see cref="EntityStore"/>); observables by kind and value.
/// </summary>
public sealed class IngestionPipeline(TaxiiDbContext db, EntityStore entities, IOptionsMonitor<BlobLimitsOptions> limits, TimeProvider time)
{
    public async Task<PackageResult> IngestAsync(IngestionTarget target, IncomingPackage package, CancellationToken cancellationToken)
    {
        var max = limits.CurrentValue.MaxBlobSize;
        if (package.KnownSize > max)
        {
            return TooLarge(package.KnownSize.Value, max);
        }

        byte[]? bytes;
        await using (var stream = await package.OpenAsync(cancellationToken))
        {
            bytes = await ReadBoundedAsync(stream, max, cancellationToken);
        }

        if (bytes is null)
        {
            return TooLarge(null, max);
        }

        var sha256 = SHA256.HashData(bytes);
        if (await db.IngestedPackages.AnyAsync(p => p.DatasetId == target.DatasetId && p.Sha256 == sha256, cancellationToken))
        {
            return new PackageResult(PackageOutcome.Skipped);
        }

        var reader = target.ContentType is { } contentType ? ContentReaders.For(contentType)
            : package.Binding is { } binding ? ContentReaders.ForBinding(binding) : null;
        if (reader is null)
        {
            return new PackageResult(PackageOutcome.Failed, package.Binding is null
                ? "the content type is unknown: set the feed's content type"
                : $"content binding '{Truncate(package.Binding)}' is not one Taxii reads (EclecticIQ JSON, STIX 1.x, CSV, plain text): set the feed's content type if it is one of them");
        }

        ParsedPackage parsed;
        try
        {
            parsed = await reader.ReadAsync(new MemoryStream(bytes, writable: false), cancellationToken);
        }
        catch (ContentReadException e)
        {
            // a sender publishing another content type than the feed reads is the usual cause: say so when the binding shows it
            return new PackageResult(PackageOutcome.Failed, package.Binding is { } sent && !reader.Accepts(sent)
                ? $"not valid {FeedNames.Of(reader.ContentType)} content: {e.Message.TrimEnd('.')}; the package's content binding is '{Truncate(sent)}', which the feed's content type does not read: set the feed's content type to what the sender publishes, or leave it empty to detect it"
                : $"not valid {FeedNames.Of(reader.ContentType)} content: {e.Message}");
        }

        return await StoreAsync(target, package, bytes.LongLength, sha256, parsed, cancellationToken);
    }

    private async Task<PackageResult> StoreAsync(IngestionTarget target, IncomingPackage package, long size, byte[] sha256, ParsedPackage parsed, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var record = new IngestedPackage
        {
            DatasetId = target.DatasetId,
            Sha256 = sha256,
            Size = size,
            FeedId = target.FeedId,
            RunId = target.RunId,
            Source = Truncate(package.Reference, 1000),
            IngestedAt = time.GetUtcNow(),
        };
        db.IngestedPackages.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // another writer stored the same package meanwhile: it is in the dataset
            await transaction.RollbackAsync(cancellationToken);
            db.Entry(record).State = EntityState.Detached;
            return new PackageResult(PackageOutcome.Skipped);
        }

        db.Entry(record).State = EntityState.Detached;
        var provenance = new EntityProvenance(target.FeedId, package.SenderUserId);
        var upserts = await entities.UpsertAsync(target.DatasetId, parsed.Entities, provenance, cancellationToken);
        var removed = parsed.RemovedIds.Count > 0 ? await entities.DeleteByExternalIdsAsync(target.DatasetId, parsed.RemovedIds, cancellationToken) : 0;
        await transaction.CommitAsync(cancellationToken);
        return new PackageResult(PackageOutcome.Stored)
        {
            Created = upserts.Count(u => u.Outcome == EntityUpsertOutcome.Created),
            Updated = upserts.Count(u => u.Outcome == EntityUpsertOutcome.Updated),
            Unchanged = upserts.Count(u => u.Outcome == EntityUpsertOutcome.Unchanged),
            Removed = removed,
            Observables = parsed.Entities.Sum(e => e.Observables?.Count ?? 0),
        };
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
