using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.Logging;
using Taxii.Core.Feeds;
using Taxii.Feeds.Ingestion;

namespace Taxii.Feeds.Jobs;

/// <summary>Incoming feed runs as Hangfire jobs: queued ones (the API, an inbox push) and scheduled ones.</summary>
public sealed class IncomingFeedJob(IncomingFeedRunner runner, IncomingFeedRunQueue queue, ILogger<IncomingFeedJob> logger)
{
    /// <summary>Carries out a queued run. No automatic retry: a failed run is recorded, and the next run starts where the feed stands.</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task RunAsync(long runId, CancellationToken cancellationToken) => runner.RunAsync(runId, cancellationToken);

    /// <summary>The feed's recurring job: see <see cref="ScheduledFeedRun"/>.</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task RunScheduledAsync(int feedId, PerformContext? context, CancellationToken cancellationToken) =>
        ScheduledFeedRun.RunAsync("incoming", feedId, context,
            async () => (await queue.QueueAsync(feedId, FeedRunTrigger.Schedule, enqueue: false, cancellationToken))?.Id,
            runId => runner.RunAsync(runId, cancellationToken),
            logger);
}
