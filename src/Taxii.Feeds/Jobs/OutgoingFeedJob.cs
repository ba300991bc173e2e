using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.Logging;
using Taxii.Core.Feeds;
using Taxii.Feeds.Publishing;

namespace Taxii.Feeds.Jobs;

/// <summary>Outgoing feed runs as Hangfire jobs: queued ones (asked for through the API) and scheduled ones.</summary>
public sealed class OutgoingFeedJob(FeedPublisher publisher, FeedRunQueue queue, ILogger<OutgoingFeedJob> logger)
{
    /// <summary>Carries out a queued run. No automatic retry: a failed run is recorded, and the next run starts afresh.</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task RunAsync(long runId, CancellationToken cancellationToken) => publisher.RunAsync(runId, cancellationToken);

    /// <summary>The feed's recurring job: see <see cref="ScheduledFeedRun"/>.</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task RunScheduledAsync(int feedId, PerformContext? context, CancellationToken cancellationToken) =>
        ScheduledFeedRun.RunAsync("outgoing", feedId, context,
            async () => (await queue.QueueAsync(feedId, FeedRunTrigger.Schedule, enqueue: false, cancellationToken))?.Id,
            runId => publisher.RunAsync(runId, cancellationToken),
            logger);
}
