using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Taxii.Core.Feeds;
using Taxii.Core.Settings;
using Taxii.Feeds.ContentTypes;
using Taxii.Feeds.Transports;
using Taxii.Persistence;

namespace Taxii.Feeds.Publishing;

/// <summary>
/// Carries out one queued run of an outgoing feed: selects what the update strategy asks for, writes it in the feed's
/// content type as packages no larger than MaxBlobSize, hands each to the transport as soon as it is complete, and
/// records the run. What the run published is remembered (for Append and Diff) only when the whole run succeeded.
/// </summary>
public sealed partial class FeedPublisher(
    TaxiiDbContext db,
    OutgoingTransports transports,
    IOptionsMonitor<BlobLimitsOptions> limits,
    TimeProvider time,
    ILogger<FeedPublisher> logger)
{
    public async Task RunAsync(long runId, CancellationToken cancellationToken)
    {
        var run = await db.OutgoingFeedRuns.SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is not { Status: FeedRunStatus.Queued })
        {
            return; // already carried out (a job retried after its run ended) or deleted with its feed
        }

        var feed = await db.OutgoingFeeds.AsNoTracking().Include(f => f.Datasets).Include(f => f.IncomingFeeds).Include(f => f.SourceGroups).AsSplitQuery()
            .SingleAsync(f => f.Id == run.FeedId, cancellationToken);
        await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(cancellationToken);
        if (!await FeedRunLock.TryTakeAsync(connection, FeedRunLock.Outgoing, feed.Id, cancellationToken))
        {
            await FeedRunRecords.FinishAsync(db, run, FeedRunStatus.Failed, "another run of this feed is in progress", time);
            return;
        }

        try
        {
            run.Status = FeedRunStatus.Running;
            run.StartedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            LogStarted(feed.Name, run.Id);
            await PublishAsync(connection, feed, run, cancellationToken);
            await FeedRunRecords.FinishAsync(db, run, FeedRunStatus.Succeeded, null, time);
            LogSucceeded(feed.Name, run.Id, run.EntityCount, run.RemovedCount, run.PackageCount, run.TotalBytes);
        }
        catch (Exception e) when (e is FeedDeliveryException or PackageTooLargeException or FeedRunException)
        {
            LogFailed(feed.Name, run.Id, e.Message);
            await FeedRunRecords.FinishAsync(db, run, FeedRunStatus.Failed, e.Message, time);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await FeedRunRecords.FinishAsync(db, run, FeedRunStatus.Failed, "interrupted: the host was stopping", time);
            throw;
        }
        catch (Exception e)
        {
            LogCrashed(e, feed.Name, run.Id);
            await FeedRunRecords.FinishAsync(db, run, FeedRunStatus.Failed, "internal error (details in the server log)", time);
        }
        finally
        {
            // a pooled connection goes back with its session: the lock must not go with it
            await FeedRunLock.ReleaseAsync(connection, FeedRunLock.Outgoing, feed.Id);
        }
    }

    private async Task PublishAsync(NpgsqlConnection connection, OutgoingFeed feed, OutgoingFeedRun run, CancellationToken cancellationToken)
    {
        var writer = ContentWriters.For(feed.ContentType);
        var transport = transports.For(feed.TransportType);
        if (!transport.Carries(feed.ContentType))
        {
            throw new FeedRunException($"the {FeedNames.Of(feed.TransportType)} transport cannot carry {FeedNames.Of(feed.ContentType)} content");
        }

        if (feed.UpdateStrategy == UpdateStrategy.Diff && !writer.CarriesRemovals)
        {
            throw new FeedRunException($"{FeedNames.Of(feed.ContentType)} cannot say what was removed, so it cannot be published with the Diff strategy");
        }

        if (feed.Datasets.Count == 0 && feed.IncomingFeeds.Count == 0 && feed.SourceGroups.Count == 0)
        {
            throw new FeedRunException("the feed has no source");
        }

        var readable = await OwnerReadableDatasetsAsync(feed, cancellationToken);

        var started = run.StartedAt ?? time.GetUtcNow();
        await FeedEntitySource.FreshenStatisticsAsync(connection, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var source = new FeedEntitySource(connection, transaction, new FeedSelection(feed, readable, writer.TypeOrder, started), feed.UpdateStrategy);
        var delivery = new OutgoingDelivery(feed, run);
        await transport.BeginAsync(delivery, cancellationToken);

        var composer = new PackageComposer(writer, limits.CurrentValue.MaxBlobSize,
            sequence => new PackageHeader(feed.Name, run.Id, sequence, started, feed.UpdateStrategy), FileNameStem(feed, run));
        Func<FeedPackage, CancellationToken, Task> emit = (package, ct) => DeliverAsync(transport, delivery, package, ct);
        await foreach (var change in source.ReadAsync(writer, cancellationToken))
        {
            if (change.Kind == FeedChangeKind.Add)
            {
                run.EntityCount++;
            }
            else
            {
                run.RemovedCount++;
            }

            await composer.AddAsync(change, emit, cancellationToken);
        }

        await composer.CompleteAsync(emit, cancellationToken);
        if (run.PackageCount == 0 && feed.UpdateStrategy == UpdateStrategy.Replace)
        {
            // Replace publishes the whole current state: an empty state is a package too (an emptied blocklist must reach its readers)
            await composer.EmitEmptyAsync(emit, cancellationToken);
        }

        run.ObservableCount = (int)Math.Min(int.MaxValue, composer.ObservableCount);
        await source.SaveSnapshotAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task DeliverAsync(IOutgoingTransport transport, OutgoingDelivery delivery, FeedPackage package, CancellationToken cancellationToken)
    {
        await transport.DeliverAsync(delivery, package, cancellationToken);
        var run = delivery.Run;
        run.PackageCount++;
        run.TotalBytes += package.Content.Length;
        db.OutgoingFeedPackages.Add(new OutgoingFeedPackage
        {
            RunId = run.Id,
            Sequence = package.Sequence,
            FileName = package.FileName,
            MediaType = package.MediaType,
            Size = package.Content.Length,
            Sha256 = package.Sha256,
            EntityCount = package.EntityCount,
            Content = transport.KeepsContent ? package.Content.ToArray() : null,
        });
        await db.SaveChangesAsync(cancellationToken);
        // the bytes are written; do not keep them tracked for the rest of the run
        foreach (var entry in db.ChangeTracker.Entries<OutgoingFeedPackage>().ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    /// <summary>Package files are named after the feed (letters, digits, dashes) and the run: <c>blocklist-run42-0001.txt</c>.</summary>
    private static string FileNameStem(OutgoingFeed feed, OutgoingFeedRun run)
    {
        var slug = new string([.. feed.Name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        if (slug.Length > 64)
        {
            slug = slug[..64];
        }

        return $"{(slug.Length == 0 ? "feed" : slug)}-run{run.Id}";
    }

    /// <summary>
    /// The datasets the feed's owner may read now (all for an active administrator, those shared with its groups
    /// otherwise, none for an unknown or inactive owner): incoming feed and group sources publish only from these.
    /// </summary>
    private async Task<int[]> OwnerReadableDatasetsAsync(OutgoingFeed feed, CancellationToken cancellationToken)
    {
        if (feed.OwnerId is not { } owner || (feed.IncomingFeeds.Count == 0 && feed.SourceGroups.Count == 0))
        {
            return [];
        }

        var user = await db.Users.AsNoTracking().Where(u => u.Id == owner && u.IsActive).Select(u => new { u.IsAdmin }).SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return [];
        }

        return await db.Datasets.AsNoTracking()
            .Where(d => user.IsAdmin || d.Access.Any(a => a.Group!.Memberships.Any(m => m.UserId == owner)))
            .Select(d => d.Id).ToArrayAsync(cancellationToken);
    }

    [LoggerMessage(LogLevel.Information, "Outgoing feed {Feed} run {RunId} started")]
    private partial void LogStarted(string feed, long runId);

    [LoggerMessage(LogLevel.Information, "Outgoing feed {Feed} run {RunId} succeeded: {EntityCount} entities, {RemovedCount} removed, {PackageCount} packages, {TotalBytes} bytes")]
    private partial void LogSucceeded(string feed, long runId, int entityCount, int removedCount, int packageCount, long totalBytes);

    [LoggerMessage(LogLevel.Warning, "Outgoing feed {Feed} run {RunId} failed: {Reason}")]
    private partial void LogFailed(string feed, long runId, string reason);

    [LoggerMessage(LogLevel.Error, "Outgoing feed {Feed} run {RunId} failed unexpectedly")]
    private partial void LogCrashed(Exception exception, string feed, long runId);
}
