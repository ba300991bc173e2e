using Taxii.Protocol.Messages;
using CoreServiceType = Taxii.Core.Collections.ServiceType;

namespace Taxii.Server.Taxii.CollectionManagement;

/// <summary>
/// The collection management service (1.0: feed management): Collection_Information_Request and
/// Subscription_Management_Request.
/// </summary>
internal sealed class CollectionManagementHandler(CollectionInformation information, SubscriptionManagement subscriptions)
    : ITaxiiMessageHandler
{
    public CoreServiceType ServiceType => CoreServiceType.CollectionManagement;

    public bool Accepts(ITaxiiMessage message) => message is CollectionInformationRequest or SubscriptionManagementRequest;

    public Task<TaxiiReply> HandleAsync(TaxiiRequest request, CancellationToken cancellationToken) => request.Message switch
    {
        CollectionInformationRequest => information.HandleAsync(request, cancellationToken),
        SubscriptionManagementRequest message => subscriptions.HandleAsync(request, message, cancellationToken),
        _ => throw new InvalidOperationException($"{request.Message.GetType().Name} is not a collection management message"),
    };
}
