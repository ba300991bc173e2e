using Hangfire;
using Taxii.Core.Feeds;
using Taxii.Feeds.Jobs;
using Taxii.Persistence;

namespace Taxii.Feeds.Ingestion;

/// <summary>Asks for a run of an incoming feed (one active run per feed; see <see cref="FeedRunRecords"/>).</summary>
public sealed class IncomingFeedRunQueue(TaxiiDbContext db, IBackgroundJobClient jobs, TimeProvider time)
{
    /// <summary>Records a run and, when <paramref name="enqueue"/>, hands it to a worker; null when the feed has an active run.</summary>
    public async Task<IncomingFeedRun?> QueueAsync(int feedId, FeedRunTrigger trigger, bool enqueue, CancellationToken cancellationToken)
    {
        var run = await FeedRunRecords.QueueAsync<IncomingFeedRun>(db, FeedRunLock.Incoming, feedId, trigger, time, cancellationToken);
        if (run is not null && enqueue)
        {
            jobs.Enqueue<IncomingFeedJob>(j => j.RunAsync(run.Id, CancellationToken.None));
        }

        return run;
    }
}
