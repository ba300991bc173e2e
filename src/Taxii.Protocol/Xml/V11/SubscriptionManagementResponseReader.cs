using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V11;

internal static class SubscriptionManagementResponseReader
{
    public static async ValueTask<SubscriptionManagementResponse> ReadAsync(TaxiiXmlReader r)
    {
        var id = EnvelopeReading.MessageId(r, TaxiiVersion.V11);
        var inResponseTo = EnvelopeReading.InResponseTo(r, TaxiiVersion.V11);
        var collection = r.RequiredAttribute("collection_name");
        IReadOnlyList<ExtendedHeader> headers = [];
        string? message = null;
        var subscriptions = new List<SubscriptionInstance>();
        var last = -1;
        if (await r.EnterAsync().ConfigureAwait(false))
        {
            while (await r.NextChildAsync().ConfigureAwait(false))
            {
                switch (r.LocalName)
                {
                    case "Extended_Headers":
                        last = r.Order(last, 0);
                        headers = await EnvelopeReading.ReadExtendedHeadersAsync(r).ConfigureAwait(false);
                        break;
                    case "Message":
                        last = r.Order(last, 1);
                        message = await r.ReadTextAsync().ConfigureAwait(false);
                        break;
                    case "Subscription":
                        last = r.Order(last, 2, repeatable: true);
                        subscriptions.Add(await ReadSubscriptionAsync(r, subscriptions.Count + 1).ConfigureAwait(false));
                        break;
                    default:
                        throw r.Unexpected();
                }
            }
        }

        return new SubscriptionManagementResponse(id, inResponseTo, collection)
        {
            ExtendedHeaders = headers,
            Message = message,
            Subscriptions = subscriptions,
        };
    }

    private static async ValueTask<SubscriptionInstance> ReadSubscriptionAsync(TaxiiXmlReader r, int index)
    {
        r.Push("Subscription", index);
        var status = r.OptionalAttribute("status")?.Trim() switch
        {
            null or "ACTIVE" => SubscriptionStatus.Active,
            "PAUSED" => SubscriptionStatus.Paused,
            "UNSUBSCRIBED" => SubscriptionStatus.Unsubscribed,
            var other => throw r.Fail($"unknown status {other}"),
        };
        string? subscriptionId = null;
        SubscriptionParameters? parameters = null;
        PushParameters? push = null;
        var instances = new List<ServiceEndpoint>();
        var last = -1;
        if (await r.EnterAsync().ConfigureAwait(false))
        {
            while (await r.NextChildAsync().ConfigureAwait(false))
            {
                switch (r.LocalName)
                {
                    case "Subscription_ID":
                        last = r.Order(last, 0);
                        subscriptionId = await r.ReadUriAsync().ConfigureAwait(false);
                        break;
                    case "Subscription_Parameters":
                        last = r.Order(last, 1);
                        parameters = await CommonReader.ReadSubscriptionParametersAsync(r).ConfigureAwait(false);
                        break;
                    case "Push_Parameters":
                        last = r.Order(last, 2);
                        push = await CommonReader.ReadPushParametersAsync(r).ConfigureAwait(false);
                        break;
                    case "Poll_Instance":
                        last = r.Order(last, 3, repeatable: true);
                        instances.Add(await BindingsGroup.ReadEndpointAsync(r).ConfigureAwait(false));
                        break;
                    default:
                        throw r.Unexpected();
                }
            }
        }

        var subscription = new SubscriptionInstance(subscriptionId ?? throw r.Missing("Subscription_ID"))
        {
            Status = status,
            SubscriptionParameters = parameters,
            PushParameters = push,
            PollInstances = instances,
        };
        r.Pop();
        return subscription;
    }
}
