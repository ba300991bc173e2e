using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Taxii.Core.Feeds;
using Taxii.Persistence;

namespace Taxii.Feeds.Jobs;

/// <summary>
/// At start and every minute: closes feed runs left "running" by a host that died (their run lock is free, see
/// <see cref="FeedRunLock"/>), and runs queued so long ago that no job will start them (<see cref="FeedRunRecords.LostAfter"/>),
/// as failed, and queues a run that does the work again (trigger <c>Recovery</c>). Uploads and disabled feeds are only
/// closed: an upload's sender never got an answer and sends again, a disabled feed does not run.
/// </summary>
public sealed partial class InterruptedRunSweepJob(TaxiiDbContext db, IBackgroundJobClient jobs, TimeProvider time, ILogger<InterruptedRunSweepJob> logger)
{
    public const string RecurringJobId = "feed-run-recovery";

    [AutomaticRetry(Attempts = 0)] // the next sweep is the retry
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var lost = time.GetUtcNow() - FeedRunRecords.LostAfter;
        var outgoing = await db.OutgoingFeedRuns.AsNoTracking()
            .Where(r => r.Status == FeedRunStatus.Running || (r.Status == FeedRunStatus.Queued && r.QueuedAt < lost))
            .Select(r => new { r.FeedId, Rerun = db.OutgoingFeeds.Any(f => f.Id == r.FeedId && f.Enabled) })
            .Distinct().ToListAsync(cancellationToken);
        await RecoverAsync<OutgoingFeedRun>([.. outgoing.Select(f => new Interrupted(f.FeedId, f.Rerun))], FeedRunLock.Outgoing, "outgoing",
            run => jobs.Enqueue<OutgoingFeedJob>(j => j.RunAsync(run.Id, CancellationToken.None)), cancellationToken);

        var incoming = await db.IncomingFeedRuns.AsNoTracking()
            .Where(r => r.Status == FeedRunStatus.Running || (r.Status == FeedRunStatus.Queued && r.QueuedAt < lost))
            .Select(r => new
            {
                r.FeedId,
                Rerun = db.IncomingFeeds.Any(f => f.Id == r.FeedId && f.Enabled && f.TransportType != IncomingTransportType.ManualUpload),
            })
            .Distinct().ToListAsync(cancellationToken);
        await RecoverAsync<IncomingFeedRun>([.. incoming.Select(f => new Interrupted(f.FeedId, f.Rerun))], FeedRunLock.Incoming, "incoming",
            run => jobs.Enqueue<IncomingFeedJob>(j => j.RunAsync(run.Id, CancellationToken.None)), cancellationToken);
    }

    private async Task RecoverAsync<TRun>(List<Interrupted> feeds, int lockClass, string direction, Action<TRun> enqueue, CancellationToken cancellationToken)
        where TRun : class, IFeedRun, new()
    {
        foreach (var feed in feeds)
        {
            if (!feed.Rerun)
            {
                await CloseAsync(FeedRunRecords.CloseAsync<TRun>(db, lockClass, feed.FeedId, time, cancellationToken), feed.FeedId);
            }
            else if (await FeedRunRecords.RecoverAsync<TRun>(db, lockClass, feed.FeedId, time, cancellationToken) is { } run)
            {
                enqueue(run);
                LogRecovered(direction, feed.FeedId, run.Id);
            }
        }
    }

    private async Task CloseAsync(Task<int> closing, int feedId)
    {
        if (await closing > 0)
        {
            LogClosed(feedId);
        }
    }

    /// <summary>A feed with a run still marked running, and whether the feed is one to run again.</summary>
    private sealed record Interrupted(int FeedId, bool Rerun);

    [LoggerMessage(LogLevel.Warning, "An interrupted or lost run of {Direction} feed {FeedId} was closed as failed; run {RunId} does its work again")]
    private partial void LogRecovered(string direction, int feedId, long runId);

    [LoggerMessage(LogLevel.Warning, "An interrupted or lost run of feed {FeedId} was closed as failed (an upload, or a disabled feed: not run again)")]
    private partial void LogClosed(int feedId);
}
