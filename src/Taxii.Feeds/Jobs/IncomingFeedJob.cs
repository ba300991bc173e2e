using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.Logging;
using Taxii.Core.Feeds;
using Taxii.Feeds.Ingestion;

namespace Taxii.Feeds.Jobs;

/// <summary>Incoming feed runs as Hangfire jobs: queued ones (the API, an inbox push) and scheduled ones.</summary>
public sealed partial class IncomingFeedJob(IncomingFeedRunner runner, IncomingFeedRunQueue queue, ILogger<IncomingFeedJob> logger)
{
    /// <summary>The job parameter that holds the run a scheduled job recorded.</summary>
    public const string RunIdParameter = "TaxiiRunId";

    /// <summary>Carries out a queued run. No automatic retry: a failed run is recorded, and the next run starts where the feed stands.</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task RunAsync(long runId, CancellationToken cancellationToken) => runner.RunAsync(runId, cancellationToken);

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
            await runner.RunAsync(recorded, cancellationToken);
            return;
        }

        var run = await queue.QueueAsync(feedId, FeedRunTrigger.Schedule, enqueue: false, cancellationToken);
        if (run is null)
        {
            LogSkipped(feedId);
            return;
        }

        context?.SetJobParameter(RunIdParameter, run.Id);
        await runner.RunAsync(run.Id, cancellationToken);
    }

    [LoggerMessage(LogLevel.Information, "Scheduled run {RunId} of incoming feed {FeedId} was handed out again; it is not recorded twice")]
    private partial void LogRedelivered(int feedId, long runId);

    [LoggerMessage(LogLevel.Information, "Scheduled run of incoming feed {FeedId} skipped: a run is already queued or running")]
    private partial void LogSkipped(int feedId);
}
