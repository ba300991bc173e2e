using Microsoft.EntityFrameworkCore;
using Taxii.Core.Collections;
using Taxii.Persistence;
using Taxii.Persistence.Stores;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Query;
using ResponseType = Taxii.Core.Collections.ResponseType;

namespace Taxii.Server.Taxii.Poll;

/// <summary>
/// Turns a Poll_Request into a <see cref="PollSelection"/>: the collection (if the caller may read it), the subscription's
/// or the request's parameters, the content bindings, the compiled query and the closed window; or the Status_Message
/// that refuses it.
/// </summary>
internal sealed class PollSelector(TaxiiDbContext db, TaxiiCatalog catalog, ContentStore store)
{
    public async Task<PollCollection?> FindCollectionAsync(TaxiiRequest request, string name, CancellationToken cancellationToken) =>
        (await catalog.ReadableAsync(request.Service, request.Caller, cancellationToken))
            .Where(c => c.Name == name)
            .Select(c => new PollCollection(c.Id, c.Name, c.Type, [.. c.ContentBindings]))
            .SingleOrDefault();

    public async Task<(PollSelection? Selection, ResponseType ResponseType, StatusMessage? Refusal)> SelectAsync(
        TaxiiRequest request, PollRequest poll, CancellationToken cancellationToken)
    {
        var collection = await FindCollectionAsync(request, poll.CollectionName, cancellationToken);
        if (collection is null)
        {
            // unknown and forbidden look the same: existence is not revealed to callers without access
            return Refuse(request.Status(StatusType.NotFound, $"This poll service has no collection '{poll.CollectionName}'.",
                new StatusDetail(StatusDetailNames.Item, poll.CollectionName)));
        }

        if (request.Version == TaxiiVersion.V10 && !collection.IsFeed)
        {
            // TAXII 1.0 knows only data feeds; its Poll_Response needs a time window a data set does not have
            return Refuse(request.Status(StatusType.NotFound,
                $"'{collection.Name}' is a data set, which TAXII 1.0 cannot poll; poll it with TAXII 1.1.",
                new StatusDetail(StatusDetailNames.Item, collection.Name)));
        }

        var responseType = poll.PollParameters?.ResponseType == Protocol.Messages.ResponseType.CountOnly ? ResponseType.CountOnly : ResponseType.Full;
        var bindings = ToFilters(poll.PollParameters?.ContentBindings ?? []);
        var query = poll.PollParameters?.Query;
        if (poll.SubscriptionId is not null)
        {
            var subscription = await db.Subscriptions.AsNoTracking()
                .Where(s => s.Id == poll.SubscriptionId && s.CollectionId == collection.Id && s.Status != Core.Collections.SubscriptionStatus.Unsubscribed)
                .Where(s => s.UserId == request.Caller.UserId || request.Caller.IsAdmin)
                .SingleOrDefaultAsync(cancellationToken);
            if (subscription is null)
            {
                return Refuse(request.Status(StatusType.NotFound, $"There is no subscription '{poll.SubscriptionId}' of yours to '{collection.Name}'.",
                    new StatusDetail(StatusDetailNames.Item, poll.SubscriptionId)));
            }

            // a paused subscription may still be polled ([S] §4.4.9); 1.0 may narrow its bindings in the request
            responseType = subscription.ResponseType;
            bindings = bindings.Count > 0 ? bindings : subscription.ContentBindings;
            query = subscription.QueryFormatId is null ? null : new TaxiiQuery(subscription.QueryFormatId, subscription.QueryXml ?? "");
        }

        // what the collection serves as the poll's version sees it (in 1.0, the STIX list for one that takes anything)
        var served = CollectionContent.Accepted(request.Version, collection.ContentBindings).Select(f => ContentBindingFilter.Parse(f).BindingId)
            .Distinct(StringComparer.Ordinal).ToList();
        if (bindings.Count > 0 && served.Count > 0 && !bindings.Any(f => served.Contains(ContentBindingFilter.Parse(f).BindingId)))
        {
            return Refuse(request.Status(StatusType.UnsupportedContent, $"Collection '{collection.Name}' holds none of the requested content bindings.",
                [.. served.Select(b => new StatusDetail(StatusDetailNames.SupportedContent, b))]));
        }

        if (request.Version == TaxiiVersion.V10)
        {
            // a 1.0 poll gets nothing outside what its Feed_Information advertised, whatever the collection holds
            bindings = bindings.Count == 0
                ? [.. CollectionContent.Accepted(request.Version, collection.ContentBindings)]
                : [.. bindings.Where(f => served.Contains(ContentBindingFilter.Parse(f).BindingId))];
        }

        DefaultQueryMatcher? matcher = null;
        if (query is not null)
        {
            var (compiled, refusal) = Compile(request, query);
            if (refusal is not null)
            {
                return Refuse(refusal);
            }

            matcher = compiled;
        }

        var begin = collection.IsFeed ? poll.ExclusiveBeginTimestamp : null;
        var requestedEnd = collection.IsFeed ? poll.InclusiveEndTimestamp : null;
        if (begin is not null && requestedEnd is not null && requestedEnd <= begin)
        {
            return Refuse(request.Status(StatusType.Failure, "Inclusive_End_Timestamp must be later than Exclusive_Begin_Timestamp."));
        }

        // the end is closed against appends in flight; a data set ignores the client's bounds but is still read as of now,
        // so the parts of a multi-part answer never change
        var end = await store.CloseWindowAsync(collection.Id, cancellationToken);
        if (requestedEnd is not null && requestedEnd < end)
        {
            end = requestedEnd.Value;
        }

        return (new PollSelection(collection, begin, end, bindings, matcher), responseType, null);
    }

    /// <summary>Compiles a TAXII Default Query; another format or a query this service cannot evaluate is refused with the status [Q] defines.</summary>
    public static (DefaultQueryMatcher? Matcher, StatusMessage? Refusal) Compile(TaxiiRequest request, TaxiiQuery query)
    {
        if (query.FormatId != QueryFormatIds.DefaultQuery10)
        {
            return (null, request.Status(StatusType.UnsupportedQuery, $"Query format '{query.FormatId}' is not supported.",
                new StatusDetail(StatusDetailNames.SupportedQuery, QueryFormatIds.DefaultQuery10)));
        }

        try
        {
            return (DefaultQueryEvaluator.Compile(DefaultQueryXml.Parse(query.FormatId, query.Xml), TargetingExpressionIds.AllStix), null);
        }
        catch (DefaultQueryException e)
        {
            return (null, request.Status(new StatusType(e.StatusType), e.Message,
                [.. e.Details.SelectMany(d => d.Value.Select(v => new StatusDetail(d.Key, v)))]));
        }
    }

    /// <summary>A binding without subtypes takes all of them; with subtypes, one filter per subtype.</summary>
    public static List<string> ToFilters(IReadOnlyList<ContentBinding> bindings) =>
    [
        .. bindings.SelectMany(b => b.Subtypes.Count == 0
            ? [new ContentBindingFilter(b.BindingId, null).ToString()]
            : b.Subtypes.Select(s => new ContentBindingFilter(b.BindingId, s).ToString())),
    ];

    private static (PollSelection?, ResponseType, StatusMessage?) Refuse(StatusMessage refusal) => (null, ResponseType.Full, refusal);
}
