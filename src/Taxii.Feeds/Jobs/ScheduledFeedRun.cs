using Hangfire.Server;
using Microsoft.Extensions.Logging;

namespace Taxii.Feeds.Jobs;

/// <summary>
/// A feed's recurring job, incoming or outgoing: records a scheduled run and carries it out, unless a run is already
/// active. The run's id is kept with the job (a job parameter), so a job Hangfire hands out again (its worker died; see
/// docs/feeds.md) carries out the run it recorded, which is over by then, rather than record another.
/// </summary>
internal static partial class ScheduledFeedRun
{
    /// <summary>The job parameter that holds the run a scheduled job recorded.</summary>
    public const string RunIdParameter = "TaxiiRunId";

    /// <param name="queue">Records a scheduled run; its id, or null when the feed has an active run.</param>
    /// <param name="run">Carries out a recorded run.</param>
    public static async Task RunAsync(
        string direction, int feedId, PerformContext? context, Func<Task<long?>> queue, Func<long, Task> run, ILogger logger)
    {
        if (context?.GetJobParameter<long?>(RunIdParameter) is { } recorded)
        {
            LogRedelivered(logger, recorded, direction, feedId);
            await run(recorded);
            return;
        }

        if (await queue() is not { } runId)
        {
            LogSkipped(logger, direction, feedId);
            return;
        }

        context?.SetJobParameter(RunIdParameter, runId);
        await run(runId);
    }

    [LoggerMessage(LogLevel.Information, "Scheduled run {RunId} of {Direction} feed {FeedId} was handed out again; it is not recorded twice")]
    private static partial void LogRedelivered(ILogger logger, long runId, string direction, int feedId);

    [LoggerMessage(LogLevel.Information, "Scheduled run of {Direction} feed {FeedId} skipped: a run is already queued or running")]
    private static partial void LogSkipped(ILogger logger, string direction, int feedId);
}
