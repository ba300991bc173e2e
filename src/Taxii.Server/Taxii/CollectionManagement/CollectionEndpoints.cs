using Taxii.Protocol.Http;
using Taxii.Protocol.Messages;
using CoreServiceType = Taxii.Core.Collections.ServiceType;

namespace Taxii.Server.Taxii.CollectionManagement;

/// <summary>
/// The poll and inbox services that serve some collections, as the caller reaches them: available ones the caller may
/// see, with absolute addresses, the transport's protocol binding and the message binding of the request's version.
/// </summary>
internal sealed class CollectionEndpoints
{
    private readonly ILookup<int, ServiceEndpoint> _polls;
    private readonly ILookup<int, ServiceEndpoint> _inboxes;

    private CollectionEndpoints(ILookup<int, ServiceEndpoint> polls, ILookup<int, ServiceEndpoint> inboxes)
    {
        _polls = polls;
        _inboxes = inboxes;
    }

    public static async Task<CollectionEndpoints> LoadAsync(
        TaxiiCatalog catalog, TaxiiRequest request, IReadOnlyCollection<int> collectionIds, CancellationToken cancellationToken)
    {
        var wanted = collectionIds.ToHashSet();
        var links = (await catalog.LinksAsync(!request.Caller.IsAuthenticated, cancellationToken)).Where(l => wanted.Contains(l.CollectionId)).ToList();
        return new CollectionEndpoints(
            links.Where(l => l.Type == CoreServiceType.Poll).ToLookup(l => l.CollectionId, l => Endpoint(request, l.Path)),
            links.Where(l => l.Type == CoreServiceType.Inbox).ToLookup(l => l.CollectionId, l => Endpoint(request, l.Path)));
    }

    public IReadOnlyList<ServiceEndpoint> PollServices(int collectionId) => [.. _polls[collectionId]];

    public IReadOnlyList<ServiceEndpoint> InboxServices(int collectionId) => [.. _inboxes[collectionId]];

    public static ServiceEndpoint Endpoint(TaxiiRequest request, string path) =>
        new(TaxiiHttpBinding.ProtocolBinding(request.Https), request.AddressOf(path), [MessageBindingIds.For(request.Version)]);
}
