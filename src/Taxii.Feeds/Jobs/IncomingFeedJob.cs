using Hangfire;
using Microsoft.Extensions.Logging;
using Taxii.Core.Feeds;
using Taxii.Feeds.Ingestion;

namespace Taxii.Feeds.Jobs;

/// <summary>Incoming feed runs as Hangfire jobs: queued ones (the API, an inbox push) and scheduled ones.</summary>
public sealed partial class IncomingFeedJob(IncomingFeedRunner runner, IncomingFeedRunQueue queue, ILogger<IncomingFeedJob> logger)
{
    /// <summary>Carries out a queued run. No automatic retry: a failed run is recorded, and the next run starts where the feed stands.</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task RunAsync(long runId, CancellationToken cancellationToken) => runner.RunAsync(runId, cancellationToken);

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

        await runner.RunAsync(run.Id, cancellationToken);
    }

    [LoggerMessage(LogLevel.Information, "Scheduled run of incoming feed {FeedId} skipped: a run is already queued or running")]
    private partial void LogSkipped(int feedId);
}
