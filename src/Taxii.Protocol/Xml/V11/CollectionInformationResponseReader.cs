using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V11;

internal static class CollectionInformationResponseReader
{
    public static async ValueTask<CollectionInformationResponse> ReadAsync(TaxiiXmlReader r)
    {
        var (id, inResponseTo, headers, items) =
            await EnvelopeReading.ReadListResponseAsync(r, TaxiiVersion.V11, "Collection", ReadCollectionAsync).ConfigureAwait(false);
        return new CollectionInformationResponse(id, inResponseTo) { ExtendedHeaders = headers, Collections = items };
    }

    private static async ValueTask<CollectionRecord> ReadCollectionAsync(TaxiiXmlReader r, int index)
    {
        r.Push("Collection", index);
        var name = r.RequiredAttribute("collection_name");
        var type = r.OptionalAttribute("collection_type")?.Trim() switch
        {
            null or "DATA_FEED" => CollectionType.DataFeed,
            "DATA_SET" => CollectionType.DataSet,
            var other => throw r.Fail($"unknown collection_type {other}"),
        };
        var available = r.BooleanAttribute("available");
        string? description = null;
        long? volume = null;
        var bindings = new List<ContentBinding>();
        var pushMethods = new List<PushMethod>();
        var polling = new List<ServiceEndpoint>();
        var subscription = new List<ServiceEndpoint>();
        var inboxes = new List<ReceivingInboxService>();
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
                    case "Collection_Volume":
                        last = r.Order(last, 1);
                        volume = await r.ReadNonNegativeIntegerAsync().ConfigureAwait(false);
                        break;
                    case "Content_Binding":
                        last = r.Order(last, 2, repeatable: true);
                        bindings.Add(await CommonReader.ReadContentBindingAsync(r).ConfigureAwait(false));
                        break;
                    case "Push_Method":
                        last = r.Order(last, 3, repeatable: true);
                        pushMethods.Add(await BindingsGroup.ReadPushMethodAsync(r).ConfigureAwait(false));
                        break;
                    case "Polling_Service":
                        last = r.Order(last, 4, repeatable: true);
                        polling.Add(await BindingsGroup.ReadEndpointAsync(r).ConfigureAwait(false));
                        break;
                    case "Subscription_Service":
                        last = r.Order(last, 5, repeatable: true);
                        subscription.Add(await BindingsGroup.ReadEndpointAsync(r).ConfigureAwait(false));
                        break;
                    case "Receiving_Inbox_Service":
                        last = r.Order(last, 6, repeatable: true);
                        inboxes.Add(await ReadInboxServiceAsync(r).ConfigureAwait(false));
                        break;
                    default:
                        throw r.Unexpected();
                }
            }
        }

        var collection = new CollectionRecord(name, description ?? throw r.Missing("Description"))
        {
            Type = type,
            Available = available,
            Volume = volume,
            ContentBindings = bindings,
            PushMethods = pushMethods,
            PollingServices = polling,
            SubscriptionServices = subscription,
            ReceivingInboxServices = inboxes,
        };
        r.Pop();
        return collection;
    }

    private static async ValueTask<ReceivingInboxService> ReadInboxServiceAsync(TaxiiXmlReader r)
    {
        r.Push("Receiving_Inbox_Service");
        var group = new BindingsGroup();
        var bindings = new List<ContentBinding>();
        var last = -1;
        if (await r.EnterAsync().ConfigureAwait(false))
        {
            while (await r.NextChildAsync().ConfigureAwait(false))
            {
                if (BindingsGroup.Handles(r.LocalName))
                {
                    last = await group.ReadAsync(r, last).ConfigureAwait(false);
                }
                else
                {
                    last = r.LocalName == "Content_Binding" ? r.Order(last, 3, repeatable: true) : throw r.Unexpected();
                    bindings.Add(await CommonReader.ReadContentBindingAsync(r).ConfigureAwait(false));
                }
            }
        }

        var endpoint = group.ToEndpoint(r);
        r.Pop();
        return new ReceivingInboxService(endpoint.ProtocolBinding, endpoint.Address, endpoint.MessageBindings) { ContentBindings = bindings };
    }
}
