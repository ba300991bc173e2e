using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using Taxii.Core.Feeds;
using Taxii.Persistence;

namespace Taxii.Feeds.Ingestion;

/// <summary>
/// Carries out one queued run of an incoming feed: its source offers packages, the pipeline stores them in batches
/// (<see cref="PackageBatch"/>: one transaction per batch, each package all or nothing), and the run records what became
/// of them, saved in the batch's transaction with the feed's position. A package that fails is recorded and the run goes
/// on; a source that fails ends the run as failed after storing what it had offered, keeping the position of what was
/// stored. A run that crashes or is interrupted drops what was not stored yet, position included: the next run takes it again.
/// </summary>
public sealed partial class IncomingFeedRunner(
    TaxiiDbContext db,
    IngestionPipeline pipeline,
    IncomingSources sources,
    TimeProvider time,
    ILogger<IncomingFeedRunner> logger)
{
    /// <summary>Errors beyond this many per run are counted, not each recorded.</summary>
    private const int MaxRecordedErrors = 1000;

    public async Task RunAsync(long runId, CancellationToken cancellationToken)
    {
        var run = await db.IncomingFeedRuns.SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is not { Status: FeedRunStatus.Queued })
        {
            return;
        }

        var feed = await db.IncomingFeeds.Include(f => f.Groups).SingleAsync(f => f.Id == run.FeedId, cancellationToken);
        await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(cancellationToken);
        if (!await FeedRunLock.TryTakeAsync(connection, FeedRunLock.Incoming, feed.Id, cancellationToken))
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
            var source = sources.For(feed.TransportType)
                ?? throw new IncomingSourceException($"{feed.TransportType} feeds take packages as they are uploaded; they have no runs of their own");
            var batch = BatchFor(feed, run);
            try
            {
                // a source whose packages arrive during runs (the inbox) is fetched again after storing what it took: a
                // push that arrived meanwhile found this run active and queued none, so without another look its content
                // would wait for the sweep (a minute)
                long taken;
                do
                {
                    taken = Handled(run);
                    await source.FetchAsync(new IncomingFetch(feed, run, batch.AddAsync), cancellationToken);
                    await batch.FlushAsync(cancellationToken);
                }
                while (source.ArrivesDuringRuns && Handled(run) > taken);
            }
            catch (IncomingSourceException)
            {
                // what the source offered before it failed was fetched whole: store it, then fail the run
                await batch.FlushAsync(cancellationToken);
                throw;
            }

            await batch.FlushAsync(cancellationToken);
            if (run is { FailedPackageCount: > 0, PackageCount: 0, SkippedPackageCount: 0 })
            {
                // nothing it took could be stored: the feed is misconfigured (content type, sender, limits), say why
                var reason = run.Errors.FirstOrDefault()?.Reason ?? "see the package errors";
                await FeedRunRecords.FinishAsync(db, run, FeedRunStatus.Failed, $"every package failed ({run.FailedPackageCount}); the first: {reason}", time);
                LogFailed(feed.Name, run.Id, run.Error!);
                return;
            }

            await FeedRunRecords.FinishAsync(db, run, FeedRunStatus.Succeeded, null, time);
            LogSucceeded(feed.Name, run.Id, run.PackageCount, run.SkippedPackageCount, run.FailedPackageCount, run.EntitiesCreated, run.EntitiesUpdated);
        }
        catch (IncomingSourceException e)
        {
            LogFailed(feed.Name, run.Id, e.Message);
            await FeedRunRecords.FinishAsync(db, run, FeedRunStatus.Failed, e.Message, time);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await FeedRunRecords.FinishAsync(db, await StoredStateAsync(runId), FeedRunStatus.Failed, "interrupted: the host was stopping", time);
            throw;
        }
        catch (Exception e)
        {
            LogCrashed(e, feed.Name, run.Id);
            await FeedRunRecords.FinishAsync(db, await StoredStateAsync(runId), FeedRunStatus.Failed, "internal error (details in the server log)", time);
        }
        finally
        {
            await FeedRunLock.ReleaseAsync(connection, FeedRunLock.Incoming, feed.Id);
        }
    }

    /// <summary>Ingests one package for <paramref name="run"/> and counts it there, saved in the package's transaction.</summary>
    public async Task IngestAsync(IncomingFeed feed, IncomingFeedRun run, IncomingPackage package, CancellationToken cancellationToken)
    {
        var batch = BatchFor(feed, run);
        await batch.AddAsync(package, cancellationToken);
        await batch.FlushAsync(cancellationToken);
    }

    /// <summary>How many packages the run has handled so far, however each ended.</summary>
    private static long Handled(IncomingFeedRun run) => (long)run.PackageCount + run.SkippedPackageCount + run.FailedPackageCount;

    /// <summary>Where the run's packages wait to be stored; each stored batch is counted on the run, in its transaction.</summary>
    private PackageBatch BatchFor(IncomingFeed feed, IncomingFeedRun run) =>
        new(pipeline, new IngestionTarget(feed.DatasetId, feed.ContentType, feed.Id, run.Id), (packages, results) => Count(run, packages, results), time);

    /// <summary>
    /// The run as stored, with nothing of this run's unsaved work tracked: counts of packages not stored, a position past
    /// them, files remembered as read. What the failed run records is then what it stored.
    /// </summary>
    private async Task<IncomingFeedRun> StoredStateAsync(long runId)
    {
        db.ChangeTracker.Clear();
        return await db.IncomingFeedRuns.SingleAsync(r => r.Id == runId, CancellationToken.None);
    }

    private static void Count(IncomingFeedRun run, IReadOnlyList<ReadPackage> packages, IReadOnlyList<PackageResult> results)
    {
        for (var i = 0; i < results.Count; i++)
        {
            Count(run, packages[i].Package.Reference, results[i]);
        }
    }

    public static void Count(IncomingFeedRun run, string reference, PackageResult result)
    {
        switch (result.Outcome)
        {
            case PackageOutcome.Stored:
                run.PackageCount++;
                run.EntitiesCreated += result.Created;
                run.EntitiesUpdated += result.Updated;
                run.EntitiesUnchanged += result.Unchanged;
                run.EntitiesRemoved += result.Removed;
                run.ObservableCount += result.Observables;
                break;
            case PackageOutcome.Skipped:
                run.SkippedPackageCount++;
                break;
            default:
                run.FailedPackageCount++;
                if (run.FailedPackageCount <= MaxRecordedErrors)
                {
                    run.Errors.Add(new IncomingFeedRunError { Package = Truncate(reference, 1000), Reason = Truncate(result.Reason ?? "failed", FeedRunRecords.MaxErrorLength) });
                }

                break;
        }
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    [LoggerMessage(LogLevel.Information, "Incoming feed {Feed} run {RunId} started")]
    private partial void LogStarted(string feed, long runId);

    [LoggerMessage(LogLevel.Information, "Incoming feed {Feed} run {RunId} succeeded: {PackageCount} packages stored, {SkippedCount} skipped, {FailedCount} failed; {Created} entities new, {Updated} updated")]
    private partial void LogSucceeded(string feed, long runId, int packageCount, int skippedCount, int failedCount, int created, int updated);

    [LoggerMessage(LogLevel.Warning, "Incoming feed {Feed} run {RunId} failed: {Reason}")]
    private partial void LogFailed(string feed, long runId, string reason);

    [LoggerMessage(LogLevel.Error, "Incoming feed {Feed} run {RunId} failed unexpectedly")]
    private partial void LogCrashed(Exception exception, string feed, long runId);
}
