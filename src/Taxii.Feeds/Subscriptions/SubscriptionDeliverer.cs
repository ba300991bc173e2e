using System.Net;
using System.Security.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Taxii.Core.Collections;
using Taxii.Feeds.Transports;
using Taxii.Persistence;
using Taxii.Persistence.Stores;
using Taxii.Protocol;
using Taxii.Protocol.Client;
using Taxii.Protocol.Messages;
using CollectionType = Taxii.Core.Collections.CollectionType;
using ResponseType = Taxii.Core.Collections.ResponseType;
using SubscriptionStatus = Taxii.Core.Collections.SubscriptionStatus;

namespace Taxii.Feeds.Subscriptions;

/// <summary>
/// Pushes one subscription's next window of content to its inbox as an Inbox_Message with Source_Subscription.
/// </summary>
/// <remarks>
/// Exactly once, in order: a window (DeliveredUntil, end] is recorded before it is sent, and DeliveredUntil moves to its end
/// only after the inbox answered SUCCESS. A window that failed (or was cut short by a crash) is sent again as it was, with
/// the same bounds, before any newer content: content is immutable and the store's window end is ≥ every label already
/// committed, so a retry carries exactly the same blocks. An empty window is not sent nor recorded.
/// </remarks>
public sealed partial class SubscriptionDeliverer(
    TaxiiDbContext db,
    ContentStore store,
    SubscriptionPushClient push,
    IOptions<SubscriptionOptions> options,
    TimeProvider time,
    ILogger<SubscriptionDeliverer> logger)
{
    private const int MaxErrorLength = 1024;

    /// <summary>Delivers the next window, if the subscription is active and pushes; returns the blocks sent (or counted).</summary>
    /// <exception cref="SubscriptionDeliveryException">The inbox did not answer SUCCESS; the attempt is recorded as failed.</exception>
    public async Task<long> DeliverAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        var subscription = await db.Subscriptions.Include(s => s.Collection)
            .SingleOrDefaultAsync(s => s.Id == subscriptionId, cancellationToken);
        if (subscription is not { Status: SubscriptionStatus.Active, PushAddress: not null, Collection.Enabled: true })
        {
            return 0; // [S] §5.4: nothing is pushed while paused; on RESUME the missed content follows, DeliveredUntil is kept
        }

        var delivery = await db.SubscriptionDeliveries
            .Where(d => d.SubscriptionId == subscriptionId && d.Status != DeliveryStatus.Succeeded)
            .OrderBy(d => d.Id)
            .FirstOrDefaultAsync(cancellationToken);
        var now = time.GetUtcNow();
        delivery ??= new SubscriptionDelivery
        {
            SubscriptionId = subscriptionId,
            ExclusiveBegin = subscription.DeliveredUntil,
            InclusiveEnd = await store.CloseWindowAsync(subscription.CollectionId, cancellationToken),
            CreatedAt = now,
        };
        var version = subscription.ProtocolVersion == "1.0" ? TaxiiVersion.V10 : TaxiiVersion.V11;
        var window = new ContentWindow(subscription.CollectionId) { ExclusiveBegin = delivery.ExclusiveBegin, InclusiveEnd = delivery.InclusiveEnd };
        var content = SubscriptionContent.For(store, subscription, window, version);
        var count = await content.CountAsync(cancellationToken);
        if (count == 0)
        {
            if (delivery.Id != 0)
            {
                Complete(delivery, now);
            }

            Advance(subscription, delivery, now);
            await db.SaveChangesAsync(cancellationToken);
            return 0;
        }

        if (delivery.Id == 0)
        {
            db.SubscriptionDeliveries.Add(delivery);
        }

        delivery.Attempts++;
        delivery.BlockCount = (int)Math.Min(count, int.MaxValue);
        delivery.Status = DeliveryStatus.Pending;
        await db.SaveChangesAsync(cancellationToken);

        var reason = await PushAsync(subscription, delivery, version, content, count, cancellationToken);
        now = time.GetUtcNow();
        if (reason is not null)
        {
            delivery.Status = DeliveryStatus.Failed;
            delivery.LastError = reason.Length > MaxErrorLength ? reason[..MaxErrorLength] : reason;
            // when the last attempt ended: the next scheduled run waits out the retry delay from here
            delivery.CompletedAt = now;
            await db.SaveChangesAsync(CancellationToken.None);
            LogFailed(subscriptionId, delivery.Attempts, delivery.LastError);
            throw new SubscriptionDeliveryException(subscriptionId, delivery.LastError);
        }

        Complete(delivery, now);
        Advance(subscription, delivery, now);
        await db.SaveChangesAsync(CancellationToken.None);
        LogDelivered(subscriptionId, delivery.BlockCount, delivery.Attempts);
        return count;
    }

    /// <summary>Null when the inbox answered SUCCESS, else why not (never content).</summary>
    private async Task<string?> PushAsync(
        Subscription subscription, SubscriptionDelivery delivery, TaxiiVersion version, SubscriptionContent content, long count,
        CancellationToken cancellationToken)
    {
        var header = new InboxMessage(MessageIds.New())
        {
            SourceSubscription = Source(subscription, delivery, version),
            // [S] §5.2.2: COUNT_ONLY gets the count and no blocks; 1.0 has neither Record_Count nor COUNT_ONLY
            RecordCount = version == TaxiiVersion.V11 ? new RecordCount(count) : null,
        };
        var address = new Uri(subscription.PushAddress!);
        // looked up at every push: credentials added, changed or deleted take effect at the next one
        var credential = await PushCredentialLookup.ForAsync(db, address, cancellationToken);
        try
        {
            using var authenticated = credential is null ? null : push.OpenAuthenticated(credential, address, version);
            var client = authenticated?.Client ?? push.For(version);
            await (subscription.ResponseType == ResponseType.CountOnly
                ? client.InboxAsync(address, header, cancellationToken)
                : client.InboxAsync(address, header, content.ReadAsync(cancellationToken), cancellationToken));
            return null;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return e switch
            {
                TaxiiStatusException s => $"The inbox answered {s.Status.Value} (HTTP {(int)s.HttpStatusCode}): {Said(s)}"
                    + (IsAuthenticationRefusal(s) ? Presented(credential) : ""),
                TaxiiProtocolException p => $"The inbox's answer was not a TAXII message: {p.Message}",
                FeedDeliveryException f => $"The push credentials for {credential?.AddressPrefix} cannot be used: {f.Message}",
                HttpRequestException { InnerException: AuthenticationException tls } =>
                    $"The TLS handshake with the inbox failed ({tls.Message}): check its certificate, and the push credentials' verifyTls and client certificate{Presented(credential)}",
                HttpRequestException h => $"The inbox could not be reached: {h.Message}",
                OperationCanceledException or TimeoutException => $"The inbox did not answer within {options.Value.PushTimeout}.",
                _ => $"{e.GetType().Name}: {e.Message}",
            };
        }
    }

    /// <summary>The inbox's own words; a bare HTTP status (from a proxy in front of it, often) has none.</summary>
    private static string Said(TaxiiStatusException e) => e.Reply is null
        ? "no TAXII message, only the HTTP status"
        : e.PeerMessage ?? e.DetailText ?? "no message";

    private static bool IsAuthenticationRefusal(TaxiiStatusException e) =>
        e.Status == StatusType.Unauthorized || e.HttpStatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;

    /// <summary>What the push presented, for a refusal's reason: the operator's first question is which credentials went.</summary>
    private static string Presented(PushCredential? credential) => credential is null
        ? "; pushed without credentials: no push credentials match this address"
        : $"; pushed with push credentials {credential.Id} ({credential.AddressPrefix})";

    private static SourceSubscription Source(Subscription subscription, SubscriptionDelivery delivery, TaxiiVersion version)
    {
        var name = subscription.Collection!.Name;
        if (version == TaxiiVersion.V10)
        {
            // 1.0 states an inclusive begin; labels are microseconds, so the first label after the exclusive one is 1 µs on
            return new SourceSubscription(name, subscription.Id)
            {
                InclusiveBeginTimestamp = delivery.ExclusiveBegin?.AddTicks(TimeSpan.TicksPerMicrosecond),
                InclusiveEndTimestamp = delivery.InclusiveEnd,
            };
        }

        // [S] §5.4: a data set has no time bounds
        var feed = subscription.Collection.Type == CollectionType.DataFeed;
        return new SourceSubscription(name, subscription.Id)
        {
            ExclusiveBeginTimestamp = feed ? delivery.ExclusiveBegin : null,
            InclusiveEndTimestamp = feed ? delivery.InclusiveEnd : null,
        };
    }

    private static void Complete(SubscriptionDelivery delivery, DateTimeOffset now)
    {
        delivery.Status = DeliveryStatus.Succeeded;
        delivery.LastError = null;
        delivery.CompletedAt = now;
    }

    private static void Advance(Subscription subscription, SubscriptionDelivery delivery, DateTimeOffset now)
    {
        subscription.DeliveredUntil = delivery.InclusiveEnd;
        subscription.UpdatedAt = now;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription {SubscriptionId}: pushed {BlockCount} blocks (attempt {Attempt})")]
    private partial void LogDelivered(string subscriptionId, int blockCount, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription {SubscriptionId}: push attempt {Attempt} failed: {Reason}")]
    private partial void LogFailed(string subscriptionId, int attempt, string reason);
}
