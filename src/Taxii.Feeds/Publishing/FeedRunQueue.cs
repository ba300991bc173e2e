using Hangfire;
using Taxii.Core.Feeds;
using Taxii.Feeds.Jobs;
using Taxii.Persistence;

namespace Taxii.Feeds.Publishing;

/// <summary>Asks for a run of an outgoing feed (one active run per feed; see <see cref="FeedRunRecords"/>).</summary>
public sealed class FeedRunQueue(TaxiiDbContext db, IBackgroundJobClient jobs, TimeProvider time)
{
    /// <summary>Records a queued run and, when <paramref name="enqueue"/>, hands it to a worker; null when the feed already has an active run.</summary>
    public async Task<OutgoingFeedRun?> QueueAsync(int feedId, FeedRunTrigger trigger, bool enqueue, CancellationToken cancellationToken)
    {
        var run = await FeedRunRecords.QueueAsync<OutgoingFeedRun>(db, FeedRunLock.Outgoing, feedId, trigger, time, cancellationToken);
        if (run is not null && enqueue)
        {
            jobs.Enqueue<OutgoingFeedJob>(j => j.RunAsync(run.Id, CancellationToken.None));
        }

        return run;
    }
}
