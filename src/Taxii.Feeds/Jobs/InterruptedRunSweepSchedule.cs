using Hangfire;
using Microsoft.Extensions.Hosting;

namespace Taxii.Feeds.Jobs;

/// <summary>
/// Registers the minutely sweep of interrupted feed runs, and asks for one sweep at start: a host restarted after a
/// crash re-runs what it left behind at once, not at the next minute.
/// </summary>
internal sealed class InterruptedRunSweepSchedule(IRecurringJobManager recurring, IBackgroundJobClient jobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<InterruptedRunSweepJob>(InterruptedRunSweepJob.RecurringJobId, j => j.SweepAsync(CancellationToken.None), Cron.Minutely(), new RecurringJobOptions());
        jobs.Enqueue<InterruptedRunSweepJob>(j => j.SweepAsync(CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
