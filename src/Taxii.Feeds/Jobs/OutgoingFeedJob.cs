using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.Logging;
using Taxii.Core.Feeds;
using Taxii.Feeds.Publishing;

namespace Taxii.Feeds.Jobs;

/// <summary>Outgoing feed runs as Hangfire jobs: queued ones (asked for through the API) and scheduled ones.</summary>
public sealed partial class OutgoingFeedJob(FeedPublisher publisher, FeedRunQueue queue, ILogger<OutgoingFeedJob> logger)
{
    /// <summary>The job parameter that holds the run a scheduled job recorded.</summary>
    public const string RunIdParameter = "TaxiiRunId";

    /// <summary>Carries out a queued run. No automatic retry: a failed run is recorded, and the next run starts afresh.</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task RunAsync(long runId, CancellationToken cancellationToken) => publisher.RunAsync(runId, cancellationToken);

    /// <summary>
    /// The feed's recurring job: records a scheduled run and carries it out, unless a run is already active. The run's
    /// id is kept with the job, so a job Hangfire hands out again (its worker died; see docs/feeds.md) carries out the
    /// run it recorded, which is over by then, rather than record another.
    /// </summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task RunScheduledAsync(int feedId, PerformContext? context, CancellationToken cancellationToken)
    {
        if (context?.GetJobParameter<long?>(RunIdParameter) is { } recorded)
        {
            LogRedelivered(feedId, recorded);
            await publisher.RunAsync(recorded, cancellationToken);
            return;
        }

        var run = await queue.QueueAsync(feedId, FeedRunTrigger.Schedule, enqueue: false, cancellationToken);
        if (run is null)
        {
            LogSkipped(feedId);
            return;
        }

        context?.SetJobParameter(RunIdParameter, run.Id);
        await publisher.RunAsync(run.Id, cancellationToken);
    }

    [LoggerMessage(LogLevel.Information, "Scheduled run {RunId} of outgoing feed {FeedId} was handed out again; it is not recorded twice")]
    private partial void LogRedelivered(int feedId, long runId);

    [LoggerMessage(LogLevel.Information, "Scheduled run of outgoing feed {FeedId} skipped: a run is already queued or running")]
    private partial void LogSkipped(int feedId);
}
