using Hangfire;
using Taxii.Feeds.Jobs;

namespace Taxii.Server.Jobs;

/// <summary>Registers the host's recurring jobs with Hangfire at start (idempotent: AddOrUpdate by id).</summary>
internal sealed class RecurringJobScheduler(IRecurringJobManager jobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        jobs.AddOrUpdate<PollResultCleanupJob>(PollResultCleanupJob.JobId, j => j.RunAsync(CancellationToken.None),
            "*/10 * * * *", new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
