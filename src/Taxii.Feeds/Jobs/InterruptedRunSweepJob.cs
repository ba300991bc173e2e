using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Taxii.Core.Feeds;
using Taxii.Persistence;

namespace Taxii.Feeds.Jobs;

/// <summary>
/// At start and every minute: closes feed runs left "running" by a host that died (their run lock is free, see
/// <see cref="FeedRunLock"/>) as failed, and queues a run that does the work again (trigger <c>Recovery</c>). Uploads
/// and disabled feeds are only closed: an upload's sender never got an answer and sends again, a disabled feed does
/// not run.
/// </summary>
public sealed partial class InterruptedRunSweepJob(TaxiiDbContext db, IBackgroundJobClient jobs, TimeProvider time, ILogger<InterruptedRunSweepJob> logger)
{
    public const string RecurringJobId = "feed-run-recovery";

    [AutomaticRetry(Attempts = 0)] // the next sweep is the retry
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var outgoing = await db.OutgoingFeedRuns.AsNoTracking().Where(r => r.Status == FeedRunStatus.Running)
            .Select(r => new { r.FeedId, Rerun = db.OutgoingFeeds.Any(f => f.Id == r.FeedId && f.Enabled) })
            .Distinct().ToListAsync(cancellationToken);
        foreach (var feed in outgoing)
        {
            if (!feed.Rerun)
            {
                await CloseAsync(FeedRunRecords.CloseInterruptedAsync<OutgoingFeedRun>(db, FeedRunLock.Outgoing, feed.FeedId, time, cancellationToken), feed.FeedId);
            }
            else if (await FeedRunRecords.RecoverAsync<OutgoingFeedRun>(db, FeedRunLock.Outgoing, feed.FeedId, time, cancellationToken) is { } run)
            {
                jobs.Enqueue<OutgoingFeedJob>(j => j.RunAsync(run.Id, CancellationToken.None));
                LogRecovered("outgoing", feed.FeedId, run.Id);
            }
        }

        var incoming = await db.IncomingFeedRuns.AsNoTracking().Where(r => r.Status == FeedRunStatus.Running)
            .Select(r => new
            {
                r.FeedId,
                Rerun = db.IncomingFeeds.Any(f => f.Id == r.FeedId && f.Enabled && f.TransportType != IncomingTransportType.ManualUpload),
            })
            .Distinct().ToListAsync(cancellationToken);
        foreach (var feed in incoming)
        {
            if (!feed.Rerun)
            {
                await CloseAsync(FeedRunRecords.CloseInterruptedAsync<IncomingFeedRun>(db, FeedRunLock.Incoming, feed.FeedId, time, cancellationToken), feed.FeedId);
            }
            else if (await FeedRunRecords.RecoverAsync<IncomingFeedRun>(db, FeedRunLock.Incoming, feed.FeedId, time, cancellationToken) is { } run)
            {
                jobs.Enqueue<IncomingFeedJob>(j => j.RunAsync(run.Id, CancellationToken.None));
                LogRecovered("incoming", feed.FeedId, run.Id);
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

    [LoggerMessage(LogLevel.Warning, "An interrupted run of {Direction} feed {FeedId} was closed as failed; run {RunId} does its work again")]
    private partial void LogRecovered(string direction, int feedId, long runId);

    [LoggerMessage(LogLevel.Warning, "An interrupted run of feed {FeedId} was closed as failed (an upload, or a disabled feed: not run again)")]
    private partial void LogClosed(int feedId);
}
