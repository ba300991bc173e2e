using Microsoft.EntityFrameworkCore;
using Taxii.Core.Collections;
using Taxii.Feeds.Subscriptions;
using Taxii.Persistence;
using Taxii.Protocol.Messages;
using CollectionType = Taxii.Core.Collections.CollectionType;
using CoreServiceType = Taxii.Core.Collections.ServiceType;
using SubscriptionStatus = Taxii.Core.Collections.SubscriptionStatus;

namespace Taxii.Server.Taxii.CollectionManagement;

/// <summary>
/// Subscription_Management_Request → Subscription_Management_Response: SUBSCRIBE, UNSUBSCRIBE, PAUSE, RESUME, STATUS
/// ([S] §4.4.6; 1.0: SUBSCRIBE, UNSUBSCRIBE, STATUS). Subscriptions belong to the authenticated user who made them and
/// to the TAXII version they were made in: only that user (or an administrator) sees or changes them, in that version.
/// A refusal is a Status_Message and changes nothing.
/// </summary>
internal sealed partial class SubscriptionManagement(TaxiiDbContext db, TaxiiCatalog catalog, PushDestinations destinations, TimeProvider time, ILogger<SubscriptionManagement> logger)
{
    public async Task<TaxiiReply> HandleAsync(TaxiiRequest request, SubscriptionManagementRequest message, CancellationToken cancellationToken)
    {
        if (!request.Caller.IsAuthenticated)
        {
            // reachable on a public service: a subscription needs an owner to be managed by
            return request.Status(StatusType.Unauthorized, "Subscriptions belong to a user: authenticate (HTTP basic) to manage them.");
        }

        if (request.Version == TaxiiVersion.V10 && message.Action is SubscriptionAction.Pause or SubscriptionAction.Resume)
        {
            return request.Status(StatusType.BadMessage, "TAXII 1.0 has no PAUSE or RESUME: UNSUBSCRIBE and SUBSCRIBE again.");
        }

        var v11 = request.Version == TaxiiVersion.V11;
        var collection = (await catalog.ReadableAsync(request.Service, request.Caller, cancellationToken))
            .Where(c => c.Name == message.CollectionName && (v11 || c.Type == CollectionType.DataFeed))
            .Select(c => new SubscribedCollection(c.Id, c.Name, c.Type, [.. c.ContentBindings]))
            .SingleOrDefault();
        if (collection is null)
        {
            return NotFound(request, message.CollectionName, $"There is no collection '{message.CollectionName}' here that you may subscribe to.");
        }

        var context = new Exchange(request, message, collection,
            (await CollectionEndpoints.LoadAsync(catalog, request, [collection.Id], cancellationToken)).PollServices(collection.Id));
        return message.Action switch
        {
            SubscriptionAction.Subscribe => await SubscribeAsync(context, cancellationToken),
            SubscriptionAction.Unsubscribe => await UnsubscribeAsync(context, cancellationToken),
            SubscriptionAction.Pause => await ChangeAsync(context, SubscriptionStatus.Paused, cancellationToken),
            SubscriptionAction.Resume => await ChangeAsync(context, SubscriptionStatus.Active, cancellationToken),
            SubscriptionAction.Status => await StatusAsync(context, cancellationToken),
            _ => request.Status(StatusType.BadMessage, $"Unknown action {message.Action}."),
        };
    }

    private async Task<TaxiiReply> SubscribeAsync(Exchange x, CancellationToken cancellationToken)
    {
        if (!SubscriptionTerms.TryRead(x.Request, x.Message, x.Collection.ContentBindings, out var terms, out var refusal))
        {
            return refusal;
        }

        if (terms.Push is { } push && destinations.RefusalOf(new Uri(push.Address)) is { } denied)
        {
            // the address was checked to be an absolute http(s) URI by TryRead
            return x.Request.Status(StatusType.Denied, denied);
        }

        if (terms.Push is null && x.PollServices.Count == 0)
        {
            return x.Request.Status(StatusType.PollingUnsupported,
                $"'{x.Collection.Name}' cannot be polled here: subscribe with Push_Parameters.");
        }

        var version = x.Request.Version.VersionName();
        var userId = x.Request.Caller.UserId;
        var (address, protocol, binding) = (terms.Push?.Address, terms.Push?.ProtocolBinding, terms.Push?.MessageBinding);
        var candidates = await db.Subscriptions.AsNoTracking()
            .Where(s => s.CollectionId == x.Collection.Id && s.UserId == userId && s.ProtocolVersion == version
                && s.Status != SubscriptionStatus.Unsubscribed && s.ResponseType == terms.ResponseType
                && s.QueryFormatId == terms.QueryFormatId && s.QueryXml == terms.QueryXml
                && s.PushAddress == address && s.PushProtocolBinding == protocol && s.PushMessageBinding == binding)
            .OrderBy(s => s.CreatedAt)
            .ToListAsync(cancellationToken);
        var existing = candidates.FirstOrDefault(s => s.ContentBindings.SequenceEqual(terms.ContentBindings));
        if (existing is not null)
        {
            // [S] §4.4.6: the same SUBSCRIBE again gets the existing subscription, not a second one
            return Reply(x, existing);
        }

        var now = time.GetUtcNow();
        var subscription = new Subscription
        {
            Id = "urn:uuid:" + Guid.NewGuid().ToString("D"),
            CollectionId = x.Collection.Id,
            ServiceId = x.Request.Service.Id,
            UserId = userId,
            ProtocolVersion = version,
            ResponseType = terms.ResponseType,
            ContentBindings = [.. terms.ContentBindings],
            QueryFormatId = terms.QueryFormatId,
            QueryXml = terms.QueryXml,
            PushAddress = terms.Push?.Address,
            PushProtocolBinding = terms.Push?.ProtocolBinding,
            PushMessageBinding = terms.Push?.MessageBinding,
            // a subscription receives what arrives after it was made, not the collection's history
            DeliveredUntil = await db.ContentBlocks.Where(b => b.CollectionId == x.Collection.Id)
                .MaxAsync(b => (DateTimeOffset?)b.TimestampLabel, cancellationToken),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Subscriptions.Add(subscription);
        // saving clears the push cache (FeedCacheInvalidation): content arriving next is pushed on arrival, not at the next dispatch
        await db.SaveChangesAsync(cancellationToken);
        LogSubscribed(subscription.Id, x.Collection.Name, userId, subscription.PushAddress is not null);
        return Reply(x, subscription);
    }

    private async Task<TaxiiReply> UnsubscribeAsync(Exchange x, CancellationToken cancellationToken)
    {
        var subscription = await FindAsync(x, cancellationToken);
        if (subscription is null)
        {
            // [S] §4.4.6: unsubscribing from an unknown subscription succeeds (and changes nothing)
            return Reply(x, new SubscriptionInstance(x.Message.SubscriptionId!) { Status = Protocol.Messages.SubscriptionStatus.Unsubscribed });
        }

        if (subscription.Status != SubscriptionStatus.Unsubscribed)
        {
            subscription.Status = SubscriptionStatus.Unsubscribed;
            subscription.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            LogChanged(subscription.Id, subscription.Status);
        }

        return Reply(x, subscription);
    }

    private async Task<TaxiiReply> ChangeAsync(Exchange x, SubscriptionStatus status, CancellationToken cancellationToken)
    {
        var subscription = await FindAsync(x, cancellationToken);
        if (subscription is null or { Status: SubscriptionStatus.Unsubscribed })
        {
            return NotFoundSubscription(x);
        }

        // pausing a paused or resuming an active subscription succeeds and changes nothing
        if (subscription.Status != status)
        {
            subscription.Status = status;
            subscription.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            LogChanged(subscription.Id, status);
        }

        return Reply(x, subscription);
    }

    private async Task<TaxiiReply> StatusAsync(Exchange x, CancellationToken cancellationToken)
    {
        if (x.Message.SubscriptionId is not null)
        {
            var subscription = await FindAsync(x, cancellationToken);
            return subscription is null or { Status: SubscriptionStatus.Unsubscribed } ? NotFoundSubscription(x) : Reply(x, subscription);
        }

        var version = x.Request.Version.VersionName();
        var userId = x.Request.Caller.UserId;
        var subscriptions = await db.Subscriptions.AsNoTracking()
            .Where(s => s.CollectionId == x.Collection.Id && s.UserId == userId && s.ProtocolVersion == version
                && s.Status != SubscriptionStatus.Unsubscribed)
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);
        return Reply(x, [.. subscriptions.Select(s => SubscriptionMapping.ToInstance(s, x.Request.Version, x.Message.Action, x.PollServices))]);
    }

    /// <summary>
    /// PAUSE, RESUME or STATUS of a subscription the caller does not have ([S] §4.4.6). An unsubscribed one is among them:
    /// UNSUBSCRIBE deleted it (1.0 XSD), and UNSUBSCRIBED is only ever the answer to the UNSUBSCRIBE itself.
    /// </summary>
    private static StatusMessage NotFoundSubscription(Exchange x) =>
        NotFound(x.Request, x.Message.SubscriptionId!, $"There is no subscription '{x.Message.SubscriptionId}' to '{x.Collection.Name}' of yours.");

    /// <summary>The subscription named in the request, when it is the caller's (or the caller administers) and of this version.</summary>
    private async Task<Subscription?> FindAsync(Exchange x, CancellationToken cancellationToken)
    {
        var id = x.Message.SubscriptionId;
        var version = x.Request.Version.VersionName();
        var subscription = await db.Subscriptions
            .SingleOrDefaultAsync(s => s.Id == id && s.CollectionId == x.Collection.Id && s.ProtocolVersion == version, cancellationToken);
        return subscription is not null && (x.Request.Caller.IsAdmin || subscription.UserId == x.Request.Caller.UserId) ? subscription : null;
    }

    private static TaxiiReply Reply(Exchange x, Subscription subscription) =>
        Reply(x, [SubscriptionMapping.ToInstance(subscription, x.Request.Version, x.Message.Action, x.PollServices)]);

    private static TaxiiReply Reply(Exchange x, params IReadOnlyList<SubscriptionInstance> subscriptions) =>
        new TaxiiReply.MessageReply(new SubscriptionManagementResponse(MessageIds.New(), x.Request.InResponseTo, x.Collection.Name)
        {
            Subscriptions = subscriptions,
        });

    /// <summary>NOT_FOUND naming the item: a Detail in 1.1, the Status_Detail text in 1.0.</summary>
    private static StatusMessage NotFound(TaxiiRequest request, string item, string message) =>
        request.Version == TaxiiVersion.V11
            ? request.Status(StatusType.NotFound, message, new StatusDetail(StatusDetailNames.Item, item))
            : request.Status(StatusType.NotFound, message) with { DetailText = item };

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription {SubscriptionId} to {Collection} made by user {UserId} (push: {Push})")]
    private partial void LogSubscribed(string subscriptionId, string collection, int? userId, bool push);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription {SubscriptionId} is now {Status}")]
    private partial void LogChanged(string subscriptionId, SubscriptionStatus status);

    private sealed record SubscribedCollection(int Id, string Name, CollectionType Type, List<string> ContentBindings);

    private sealed record Exchange(
        TaxiiRequest Request, SubscriptionManagementRequest Message, SubscribedCollection Collection, IReadOnlyList<ServiceEndpoint> PollServices);
}
