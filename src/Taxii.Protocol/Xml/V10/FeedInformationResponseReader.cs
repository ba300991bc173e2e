using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V10;

/// <summary>Feed_Information_Response, mapped onto <see cref="CollectionInformationResponse"/>.</summary>
internal static class FeedInformationResponseReader
{
    public static async ValueTask<CollectionInformationResponse> ReadAsync(TaxiiXmlReader r)
    {
        var (id, inResponseTo, headers, items) =
            await EnvelopeReading.ReadListResponseAsync(r, TaxiiVersion.V10, "Feed", ReadFeedAsync).ConfigureAwait(false);
        return new CollectionInformationResponse(id, inResponseTo) { ExtendedHeaders = headers, Collections = items };
    }

    private static async ValueTask<CollectionRecord> ReadFeedAsync(TaxiiXmlReader r, int index)
    {
        r.Push("Feed", index);
        var name = r.RequiredAttribute("feed_name");
        var available = r.BooleanAttribute("available");
        string? description = null;
        var bindings = new List<ContentBinding>();
        var pushMethods = new List<PushMethod>();
        var polling = new List<ServiceEndpoint>();
        var subscription = new List<ServiceEndpoint>();
        var last = -1;
        if (await r.EnterAsync().ConfigureAwait(false))
        {
            while (await r.NextChildAsync().ConfigureAwait(false))
            {
                switch (r.LocalName)
                {
                    case "Description":
                        last = r.Order(last, 0);
                        description = await r.ReadTextAsync().ConfigureAwait(false);
                        break;
                    case "Content_Binding":
                        last = r.Order(last, 1, repeatable: true);
                        bindings.Add(new ContentBinding(await r.ReadUriAsync().ConfigureAwait(false)));
                        break;
                    case "Push_Method":
                        last = r.Order(last, 2, repeatable: true);
                        pushMethods.Add(await BindingsGroup.ReadPushMethodAsync(r).ConfigureAwait(false));
                        break;
                    case "Polling_Service":
                        last = r.Order(last, 3, repeatable: true);
                        polling.Add(await BindingsGroup.ReadEndpointAsync(r).ConfigureAwait(false));
                        break;
                    case "Subscription_Service":
                        last = r.Order(last, 4, repeatable: true);
                        subscription.Add(await BindingsGroup.ReadEndpointAsync(r).ConfigureAwait(false));
                        break;
                    default:
                        throw r.Unexpected();
                }
            }
        }

        if (bindings.Count == 0)
        {
            throw r.Missing("Content_Binding");
        }

        if (pushMethods.Count == 0 && polling.Count == 0)
        {
            throw r.Fail("a Feed needs a Push_Method or a Polling_Service");
        }

        var feed = new CollectionRecord(name, description ?? throw r.Missing("Description"))
        {
            Available = available,
            ContentBindings = bindings,
            PushMethods = pushMethods,
            PollingServices = polling,
            SubscriptionServices = subscription,
        };
        r.Pop();
        return feed;
    }
}
