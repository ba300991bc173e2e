using Hangfire;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Taxii.Core.Feeds;
using Taxii.Feeds.Jobs;
using Taxii.Persistence;

namespace Taxii.Feeds.Ingestion;

/// <summary>
/// Asks for a run of an incoming feed: at most one queued or running per feed (a partial unique index); a run left
/// "running" by a dead host is recognised by its free lock and closed as failed.
/// </summary>
public sealed class IncomingFeedRunQueue(TaxiiDbContext db, IBackgroundJobClient jobs, TimeProvider time)
{
    /// <summary>Records a run and, when <paramref name="enqueue"/>, hands it to a worker; null when the feed has an active run.</summary>
    public async Task<IncomingFeedRun?> QueueAsync(int feedId, FeedRunTrigger trigger, bool enqueue, CancellationToken cancellationToken)
    {
        await CloseInterruptedAsync(feedId, cancellationToken);
        var run = new IncomingFeedRun { FeedId = feedId, Trigger = trigger, Status = FeedRunStatus.Queued, QueuedAt = time.GetUtcNow() };
        db.IncomingFeedRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.Entry(run).State = EntityState.Detached;
            return null;
        }

        if (enqueue)
        {
            jobs.Enqueue<IncomingFeedJob>(j => j.RunAsync(run.Id, CancellationToken.None));
        }

        return run;
    }

    private async Task CloseInterruptedAsync(int feedId, CancellationToken cancellationToken)
    {
        var running = await db.IncomingFeedRuns.Where(r => r.FeedId == feedId && r.Status == FeedRunStatus.Running).ToListAsync(cancellationToken);
        if (running.Count == 0 || await FeedRunLock.IsHeldAsync(db.Database.GetConnectionString()!, FeedRunLock.Incoming, feedId, cancellationToken))
        {
            return;
        }

        foreach (var run in running)
        {
            run.Status = FeedRunStatus.Failed;
            run.EndedAt = time.GetUtcNow();
            run.Error = "interrupted: the host running it stopped before it ended";
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
