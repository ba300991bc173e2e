using System.Collections.Concurrent;
using System.Globalization;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Options;
using Taxii.Feeds.Jobs;

namespace Taxii.Feeds.Subscriptions;

/// <summary>
/// At most one queued delivery per subscription. A mark in Hangfire's storage (shared by every host) says that a
/// delivery job of the subscription is queued and has not yet closed its window: content committed before anyone reads
/// the mark falls in that window, so a burst of arrivals queues one job, not one each. The job clears the mark once it
/// holds the subscription's lock, just before it closes its window (<see cref="SubscriptionDeliveryJob.DeliverAsync"/>);
/// what arrives after that queues the next one.
/// </summary>
public sealed class DeliveryQueue(JobStorage storage, IBackgroundJobClient jobs, IOptions<SubscriptionOptions> options, TimeProvider time)
{
    private const string QueuedAt = "queued-at";

    // this host's callers for one subscription take turns reading and setting its mark (the storage has no
    // compare-and-set); hosts racing each other can still queue a second job, which finds nothing left to push
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _turns = new(StringComparer.Ordinal);

    /// <summary>How long a delivery waits for the one before it, which pushes for at most PushTimeout, plus a few queries.</summary>
    public TimeSpan LockWait => options.Value.PushTimeout + TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a mark holds: longer than a job may wait for the subscription's lock (see <see cref="LockWait"/>), with
    /// minutes to spare for a busy queue. A job that never ran (deleted, storage lost) holds arrivals back no longer.
    /// </summary>
    private TimeSpan MarkLifetime => LockWait + TimeSpan.FromMinutes(5);

    /// <summary>Queues a delivery of <paramref name="subscriptionId"/> unless one is queued already; true when it queued one.</summary>
    /// <remarks>Hangfire's storage calls block: they run only for collections that have push subscriptions.</remarks>
    public async Task<bool> TryEnqueueAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        var turn = _turns.GetOrAdd(subscriptionId, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(cancellationToken);
        try
        {
            var key = Key(subscriptionId);
            var now = time.GetUtcNow();
            using (var connection = storage.GetConnection())
            {
                if (connection.GetAllEntriesFromHash(key) is { } mark && mark.TryGetValue(QueuedAt, out var value)
                    && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) && at + MarkLifetime > now)
                {
                    return false;
                }

                // marked before the job exists, so the job cannot clear the mark before it is set
                using var transaction = connection.CreateWriteTransaction();
                transaction.SetRangeInHash(key, [new KeyValuePair<string, string>(QueuedAt, now.ToString("O", CultureInfo.InvariantCulture))]);
                if (transaction is JobStorageTransaction expiring)
                {
                    expiring.ExpireHash(key, MarkLifetime);
                }

                transaction.Commit();
            }

            try
            {
                jobs.Enqueue<SubscriptionDeliveryJob>(j => j.DeliverAsync(subscriptionId, CancellationToken.None));
            }
            catch
            {
                Clear(subscriptionId);
                throw;
            }

            return true;
        }
        finally
        {
            turn.Release();
        }
    }

    /// <summary>Removes the subscription's mark: the delivery that set it is about to close its window (or gave up).</summary>
    public void Clear(string subscriptionId)
    {
        using var connection = storage.GetConnection();
        using var transaction = connection.CreateWriteTransaction();
        transaction.RemoveHash(Key(subscriptionId));
        transaction.Commit();
    }

    private static string Key(string subscriptionId) => "taxii:subscription-delivery-queued:" + subscriptionId;
}
