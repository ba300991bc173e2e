using Hangfire;
using Microsoft.Extensions.Logging;
using Taxii.Core.Feeds;
using Taxii.Feeds.Publishing;

namespace Taxii.Feeds.Jobs;

/// <summary>Outgoing feed runs as Hangfire jobs: queued ones (asked for through the API) and scheduled ones.</summary>
public sealed partial class OutgoingFeedJob(FeedPublisher publisher, FeedRunQueue queue, ILogger<OutgoingFeedJob> logger)
{
    /// <summary>Carries out a queued run. No automatic retry: a failed run is recorded, and the next run starts afresh.</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task RunAsync(long runId, CancellationToken cancellationToken) => publisher.RunAsync(runId, cancellationToken);

    /// <summary>The feed's recurring job: records a scheduled run and carries it out, unless a run is already active.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task RunScheduledAsync(int feedId, CancellationToken cancellationToken)
    {
        var run = await queue.QueueAsync(feedId, FeedRunTrigger.Schedule, enqueue: false, cancellationToken);
        if (run is null)
        {
            LogSkipped(feedId);
            return;
        }

        await publisher.RunAsync(run.Id, cancellationToken);
    }

    [LoggerMessage(LogLevel.Information, "Scheduled run of outgoing feed {FeedId} skipped: a run is already queued or running")]
    private partial void LogSkipped(int feedId);
}
