using Hangfire;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Taxii.Core.Feeds;
using Taxii.Feeds.Jobs;
using Taxii.Persistence;

namespace Taxii.Feeds.Publishing;

/// <summary>
/// Asks for a run of an outgoing feed. At most one run per feed is queued or running (a partial unique index says so,
/// whichever host asks); a run left "running" by a host that died is recognised by its free run lock and closed as failed.
/// </summary>
public sealed class FeedRunQueue(TaxiiDbContext db, IBackgroundJobClient jobs, TimeProvider time)
{
    /// <summary>Records a queued run and, when <paramref name="enqueue"/>, hands it to a worker; null when the feed already has an active run.</summary>
    public async Task<OutgoingFeedRun?> QueueAsync(int feedId, FeedRunTrigger trigger, bool enqueue, CancellationToken cancellationToken)
    {
        await CloseInterruptedAsync(feedId, cancellationToken);
        var run = new OutgoingFeedRun { FeedId = feedId, Trigger = trigger, Status = FeedRunStatus.Queued, QueuedAt = time.GetUtcNow() };
        db.OutgoingFeedRuns.Add(run);
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
            jobs.Enqueue<OutgoingFeedJob>(j => j.RunAsync(run.Id, CancellationToken.None));
        }

        return run;
    }

    /// <summary>A run marked running whose feed lock nobody holds was cut short (its host was killed): it failed.</summary>
    private async Task CloseInterruptedAsync(int feedId, CancellationToken cancellationToken)
    {
        var running = await db.OutgoingFeedRuns.Where(r => r.FeedId == feedId && r.Status == FeedRunStatus.Running).ToListAsync(cancellationToken);
        if (running.Count == 0)
        {
            return;
        }

        if (await FeedRunLock.IsHeldAsync(db.Database.GetConnectionString()!, FeedRunLock.Outgoing, feedId, cancellationToken))
        {
            return; // it is running somewhere
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
