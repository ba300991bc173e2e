using Taxii.Core.Collections;
using Taxii.Protocol.Messages;
using Taxii.Server.Taxii.Discovery;
using ResponseType = Taxii.Protocol.Messages.ResponseType;

namespace Taxii.Server.Taxii.CollectionManagement;

/// <summary>
/// A stored subscription as a Subscription_Management_Response's Subscription, in the version of the answer and for
/// the action answered (a 1.0 answer carries Push_Parameters for STATUS only).
/// </summary>
internal static class SubscriptionMapping
{
    public static SubscriptionInstance ToInstance(
        Subscription s, TaxiiVersion version, SubscriptionAction action, IReadOnlyList<ServiceEndpoint> pollServices)
    {
        var v11 = version == TaxiiVersion.V11;
        var bindings = DiscoveryHandler.Advertised(s.ContentBindings);
        return new SubscriptionInstance(s.Id)
        {
            Status = s.Status switch
            {
                Core.Collections.SubscriptionStatus.Paused => Protocol.Messages.SubscriptionStatus.Paused,
                Core.Collections.SubscriptionStatus.Unsubscribed => Protocol.Messages.SubscriptionStatus.Unsubscribed,
                _ => Protocol.Messages.SubscriptionStatus.Active,
            },
            // [S]: a copy of what was asked; 1.0 has no Subscription_Parameters
            SubscriptionParameters = v11
                ? new SubscriptionParameters
                {
                    ResponseType = s.ResponseType == Core.Collections.ResponseType.CountOnly ? ResponseType.CountOnly : ResponseType.Full,
                    ContentBindings = bindings,
                    Query = s.QueryFormatId is not null && s.QueryXml is not null ? new TaxiiQuery(s.QueryFormatId, s.QueryXml) : null,
                }
                : null,
            // 1.0 XSD: a sender SHOULD NOT include them in answer to any other action (a recipient ignores them)
            PushParameters = s.PushAddress is not null && s.PushProtocolBinding is not null && s.PushMessageBinding is not null
                && (v11 || action == SubscriptionAction.Status)
                ? new PushParameters(s.PushProtocolBinding, s.PushAddress, s.PushMessageBinding)
                {
                    // 1.0 carries the content filter in Push_Parameters
                    ContentBindings = v11 ? [] : [.. bindings.Select(b => b.BindingId)],
                }
                : null,
            PollInstances = s.Status == Core.Collections.SubscriptionStatus.Unsubscribed ? [] : pollServices,
        };
    }
}
