using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Taxii.Feeds.Subscriptions;

namespace Taxii.Feeds.Jobs;

/// <summary>Registers (or updates) the recurring subscription dispatch at start, on the host's own job storage.</summary>
internal sealed class SubscriptionSchedule(IRecurringJobManager jobs, IOptions<SubscriptionOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        jobs.AddOrUpdate<SubscriptionDeliveryJob>(SubscriptionDeliveryJob.RecurringJobId,
            j => j.DispatchAsync(null, CancellationToken.None), options.Value.DeliveryCron, new RecurringJobOptions());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
