using Hangfire;
using Microsoft.Extensions.Logging;
using Taxii.Feeds.Ingestion;

namespace Taxii.Feeds.Jobs;

/// <summary>Every minute: runs inbox feeds whose collection holds content they have not taken (pushed while a run was active).</summary>
public sealed partial class InboxSweepJob(InboxFeedTrigger trigger, ILogger<InboxSweepJob> logger)
{
    public const string RecurringJobId = "incoming-inbox-sweep";

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var queued = await trigger.SweepAsync(cancellationToken);
        if (queued > 0)
        {
            LogQueued(queued);
        }
    }

    [LoggerMessage(LogLevel.Information, "Inbox sweep queued {RunCount} incoming feed runs for content left behind")]
    private partial void LogQueued(int runCount);
}
