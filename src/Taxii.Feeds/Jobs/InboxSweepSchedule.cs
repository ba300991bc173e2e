using Hangfire;
using Microsoft.Extensions.Hosting;

namespace Taxii.Feeds.Jobs;

/// <summary>Registers (or updates) the recurring inbox sweep at start, on the host's own job storage.</summary>
internal sealed class InboxSweepSchedule(IRecurringJobManager jobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        jobs.AddOrUpdate<InboxSweepJob>(InboxSweepJob.RecurringJobId, j => j.SweepAsync(CancellationToken.None), Cron.Minutely(), new RecurringJobOptions());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
