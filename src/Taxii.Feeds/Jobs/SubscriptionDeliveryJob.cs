using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Taxii.Core.Collections;
using Taxii.Feeds.Subscriptions;
using Taxii.Persistence;

namespace Taxii.Feeds.Jobs;

/// <summary>
/// Subscription pushes. <see cref="DispatchAsync"/> runs on a schedule (and may be enqueued for one collection when
/// content arrives) and enqueues <see cref="DeliverAsync"/> for every active push subscription that is due.
/// </summary>
public sealed partial class SubscriptionDeliveryJob(
    TaxiiDbContext db,
    SubscriptionDeliverer deliverer,
    IBackgroundJobClient jobs,
    JobStorage storage,
    IOptions<SubscriptionOptions> options,
    TimeProvider time,
    ILogger<SubscriptionDeliveryJob> logger)
{
    /// <summary>The recurring job's id.</summary>
    public const string RecurringJobId = "taxii-subscription-deliveries";

    /// <summary>
    /// Enqueues a delivery per active push subscription (of <paramref name="collectionId"/>, or all when null), except
    /// those whose last attempt failed less than the retry delay ago.
    /// </summary>
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)] // the next scheduled run is the retry
    public async Task DispatchAsync(int? collectionId, CancellationToken cancellationToken)
    {
        var due = await db.Subscriptions.AsNoTracking()
            .Where(s => s.Status == SubscriptionStatus.Active && s.PushAddress != null && s.Collection!.Enabled)
            .Where(s => collectionId == null || s.CollectionId == collectionId)
            .OrderBy(s => s.Id)
            .Select(s => new
            {
                s.Id,
                Last = db.SubscriptionDeliveries.Where(d => d.SubscriptionId == s.Id).OrderByDescending(d => d.Id)
                    .Select(d => new { d.Status, d.Attempts, d.CompletedAt }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var s in due)
        {
            if (s.Last is { Status: DeliveryStatus.Failed, CompletedAt: { } at } && at + options.Value.DelayAfter(s.Last.Attempts) > now)
            {
                continue;
            }

            jobs.Enqueue<SubscriptionDeliveryJob>(j => j.DeliverAsync(s.Id, CancellationToken.None));
        }
    }

    /// <summary>
    /// Pushes one subscription's next window. Deliveries of one subscription never overlap: they hold a lock named after
    /// it (a method-wide <see cref="DisableConcurrentExecutionAttribute"/> would serialize every subscriber behind the
    /// slowest inbox); a run that finds the lock taken leaves the work to the one holding it.
    /// </summary>
    /// <exception cref="SubscriptionDeliveryException">The push failed (recorded); Hangfire retries with backoff.</exception>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [30, 120, 600], OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task<long> DeliverAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        using var connection = storage.GetConnection();
        IDisposable handle;
        try
        {
            handle = connection.AcquireDistributedLock($"taxii:subscription:{subscriptionId}", TimeSpan.FromSeconds(1));
        }
        catch (DistributedLockTimeoutException)
        {
            LogBusy(subscriptionId);
            return 0;
        }

        using (handle)
        {
            return await deliverer.DeliverAsync(subscriptionId, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Subscription {SubscriptionId} is being delivered by another run")]
    private partial void LogBusy(string subscriptionId);
}
