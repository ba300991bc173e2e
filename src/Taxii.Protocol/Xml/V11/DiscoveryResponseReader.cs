using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V11;

internal static class DiscoveryResponseReader
{
    public static async ValueTask<DiscoveryResponse> ReadAsync(TaxiiXmlReader r)
    {
        var (id, inResponseTo, headers, items) =
            await EnvelopeReading.ReadListResponseAsync(r, TaxiiVersion.V11, "Service_Instance", ReadInstanceAsync).ConfigureAwait(false);
        return new DiscoveryResponse(id, inResponseTo) { ExtendedHeaders = headers, ServiceInstances = items };
    }

    private static async ValueTask<ServiceInstance> ReadInstanceAsync(TaxiiXmlReader r, int index)
    {
        r.Push("Service_Instance", index);
        var type = r.RequiredAttribute("service_type").Trim() switch
        {
            "DISCOVERY" => ServiceType.Discovery,
            "COLLECTION_MANAGEMENT" => ServiceType.CollectionManagement,
            "INBOX" => ServiceType.Inbox,
            "POLL" => ServiceType.Poll,
            var other => throw r.Fail($"unknown service_type {other}"),
        };
        var version = r.RequiredAttribute("service_version").Trim();
        var available = r.BooleanAttribute("available");
        var group = new BindingsGroup();
        var queries = new List<SupportedQuery>();
        var bindings = new List<ContentBinding>();
        string? message = null;
        var last = -1;
        if (await r.EnterAsync().ConfigureAwait(false))
        {
            while (await r.NextChildAsync().ConfigureAwait(false))
            {
                switch (r.LocalName)
                {
                    case var name when BindingsGroup.Handles(name):
                        last = await group.ReadAsync(r, last).ConfigureAwait(false);
                        break;
                    case "Supported_Query":
                        last = r.Order(last, 3, repeatable: true);
                        queries.Add(await CommonReader.ReadSupportedQueryAsync(r).ConfigureAwait(false));
                        break;
                    case "Content_Binding":
                        last = r.Order(last, 4, repeatable: true);
                        bindings.Add(await CommonReader.ReadContentBindingAsync(r).ConfigureAwait(false));
                        break;
                    case "Message":
                        last = r.Order(last, 5);
                        message = await r.ReadTextAsync().ConfigureAwait(false);
                        break;
                    default:
                        throw r.Unexpected();
                }
            }
        }

        var endpoint = group.ToEndpoint(r);
        if (bindings.Count > 0 && type != ServiceType.Inbox)
        {
            // [X]: Content_Binding is only meaningful for, and only allowed on, INBOX instances
            throw r.Fail("Content_Binding on a service that is not INBOX");
        }

        r.Pop();
        return new ServiceInstance(type, version, endpoint.ProtocolBinding, endpoint.Address, endpoint.MessageBindings)
        {
            Available = available,
            SupportedQueries = queries,
            ContentBindings = bindings,
            Message = message,
        };
    }
}
