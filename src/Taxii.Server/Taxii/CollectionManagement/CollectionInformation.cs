using Taxii.Persistence;
using Taxii.Protocol.Messages;
using CollectionType = Taxii.Core.Collections.CollectionType;

namespace Taxii.Server.Taxii.CollectionManagement;

/// <summary>
/// Collection_Information_Request → Collection_Information_Response (1.0: Feed_Information_*): the collections of this
/// service the caller may read, each with the services to poll, subscribe and push to it.
/// </summary>
internal sealed class CollectionInformation(TaxiiDbContext db, TaxiiCatalog catalog, CollectionVolumes volumes)
{
    public async Task<TaxiiReply> HandleAsync(TaxiiRequest request, CancellationToken cancellationToken)
    {
        var v11 = request.Version == TaxiiVersion.V11;
        var collections = (await catalog.ReadableAsync(request.Service, request.Caller, cancellationToken))
            // TAXII 1.0 knows data feeds only
            .Where(c => v11 || c.Type == CollectionType.DataFeed)
            .ToList();
        // typical blocks per day, which only 1.1 can say
        var perDay = v11 ? await volumes.PerDayAsync(db, [.. collections.Select(c => (c.Id, c.CreatedAt))], cancellationToken) : null;

        var endpoints = await CollectionEndpoints.LoadAsync(catalog, request, [.. collections.Select(c => c.Id)], cancellationToken);
        var subscriptionService = CollectionEndpoints.Endpoint(request, request.Service.Path);
        var pushMethods = PushMethods(request.Version);
        var records = collections.Select(c =>
        {
            // what the collection accepts and serves in the version asked (a 1.0 Feed names at least one binding)
            var bindings = CollectionContent.Advertised(request.Version, CollectionContent.Accepted(request.Version, c.ContentBindings));
            return new CollectionRecord(c.Name, c.Description ?? c.Name)
            {
                Type = c.Type.ToProtocol(),
                Available = true,
                Volume = perDay?[c.Id],
                ContentBindings = bindings,
                PushMethods = pushMethods,
                PollingServices = endpoints.PollServices(c.Id),
                SubscriptionServices = [subscriptionService],
                // an inbox takes for this collection what the collection takes
                ReceivingInboxServices = v11
                    ? [.. endpoints.InboxServices(c.Id).Select(e => new ReceivingInboxService(e.ProtocolBinding, e.Address, e.MessageBindings) { ContentBindings = bindings })]
                    : [],
            };
        }).ToList();

        return new TaxiiReply.MessageReply(new CollectionInformationResponse(MessageIds.New(), request.InResponseTo) { Collections = records });
    }

    /// <summary>Subscriptions push over HTTP or HTTPS, in the message binding of the version they were made in.</summary>
    public static IReadOnlyList<PushMethod> PushMethods(TaxiiVersion version) =>
    [
        new(ProtocolBindingIds.Http10, [MessageBindingIds.For(version)]),
        new(ProtocolBindingIds.Https10, [MessageBindingIds.For(version)]),
    ];
}
