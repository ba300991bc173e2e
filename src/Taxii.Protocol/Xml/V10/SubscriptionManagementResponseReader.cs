using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V10;

internal static class SubscriptionManagementResponseReader
{
    public static async ValueTask<SubscriptionManagementResponse> ReadAsync(TaxiiXmlReader r)
    {
        var id = EnvelopeReading.MessageId(r, TaxiiVersion.V10);
        var inResponseTo = EnvelopeReading.InResponseTo(r, TaxiiVersion.V10);
        var feed = r.RequiredAttribute("feed_name");
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

        return new SubscriptionManagementResponse(id, inResponseTo, feed)
        {
            ExtendedHeaders = headers,
            Message = message,
            Subscriptions = subscriptions,
        };
    }

    private static async ValueTask<SubscriptionInstance> ReadSubscriptionAsync(TaxiiXmlReader r, int index)
    {
        r.Push("Subscription", index);
        var subscription = new SubscriptionInstance(r.RequiredAttribute("subscription_id"));
        var instances = new List<ServiceEndpoint>();
        var last = -1;
        if (await r.EnterAsync().ConfigureAwait(false))
        {
            while (await r.NextChildAsync().ConfigureAwait(false))
            {
                switch (r.LocalName)
                {
                    case "Push_Parameters":
                        last = r.Order(last, 0);
                        subscription = subscription with { PushParameters = await CommonReader.ReadPushParametersAsync(r).ConfigureAwait(false) };
                        break;
                    case "Poll_Instance":
                        last = r.Order(last, 1, repeatable: true);
                        instances.Add(await BindingsGroup.ReadEndpointAsync(r).ConfigureAwait(false));
                        break;
                    default:
                        throw r.Unexpected();
                }
            }
        }

        r.Pop();
        return subscription with { PollInstances = instances };
    }
}
