using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Logging;
using Taxii.Feeds.Subscriptions;

namespace Taxii.Feeds.Jobs;

/// <summary>
/// Subscription pushes. <see cref="DeliverAsync"/> is queued when content arrives in a subscribed collection
/// (<see cref="SubscriptionPushTrigger"/>); <see cref="DispatchAsync"/> runs on a schedule as the sweep that queues
/// every push subscription that is due, which retries failed pushes and catches anything an arrival did not queue.
/// </summary>
public sealed partial class SubscriptionDeliveryJob(
    SubscriptionDeliverer deliverer,
    SubscriptionPushTrigger trigger,
    DeliveryQueue queue,
    JobStorage storage,
    TimeProvider time,
    ILogger<SubscriptionDeliveryJob> logger)
{
    /// <summary>The recurring job's id.</summary>
    public const string RecurringJobId = "taxii-subscription-deliveries";

    /// <summary>
    /// Enqueues a delivery per active push subscription (of <paramref name="collectionId"/>, or all when null), except
    /// those whose last attempt failed less than the retry delay ago and those with a delivery queued already.
    /// </summary>
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)] // the next scheduled run is the retry
    public Task DispatchAsync(int? collectionId, CancellationToken cancellationToken) =>
        trigger.QueueDueAsync(collectionId is { } id ? [id] : null, cancellationToken);

    /// <summary>
    /// Pushes one subscription's next window. Deliveries of one subscription never overlap: they hold a lock named after
    /// it (a method-wide <see cref="DisableConcurrentExecutionAttribute"/> would serialize every subscriber behind the
    /// slowest inbox). A delivery that finds the lock taken waits for it rather than leave content that arrived during the
    /// other one's push to the schedule; <see cref="DeliveryQueue"/> keeps that to one waiting delivery per subscription.
    /// </summary>
    /// <exception cref="SubscriptionDeliveryException">The push failed (recorded); Hangfire retries with backoff.</exception>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [30, 120, 600], OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task<long> DeliverAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        using var connection = storage.GetConnection();
        IDisposable? handle;
        try
        {
            handle = Acquire(connection, subscriptionId, cancellationToken);
        }
        finally
        {
            // content committed from here on is either in the window this delivery is about to close, or (once that
            // closed, or if this delivery gives up or is stopped) its arrival must queue another: let it
            queue.Clear(subscriptionId);
        }

        if (handle is null)
        {
            LogBusy(subscriptionId, queue.LockWait);
            return 0;
        }

        using (handle)
        {
            return await deliverer.DeliverAsync(subscriptionId, cancellationToken);
        }
    }

    /// <summary>
    /// The subscription's lock, waited for up to <see cref="DeliveryQueue.LockWait"/> in tries of a second, so that a
    /// stopping host is not held up; null if it stays taken.
    /// </summary>
    private IDisposable? Acquire(IStorageConnection connection, string subscriptionId, CancellationToken cancellationToken)
    {
        var giveUpAt = time.GetUtcNow() + queue.LockWait;
        while (true)
        {
            try
            {
                return connection.AcquireDistributedLock($"taxii:subscription:{subscriptionId}", TimeSpan.FromSeconds(1));
            }
            catch (DistributedLockTimeoutException) when (time.GetUtcNow() < giveUpAt)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            catch (DistributedLockTimeoutException)
            {
                return null;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription {SubscriptionId} was still being delivered by another run after {Wait}; the next arrival or the schedule pushes what is left")]
    private partial void LogBusy(string subscriptionId, TimeSpan wait);
}
