using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V10;

internal static class DiscoveryResponseReader
{
    public static async ValueTask<DiscoveryResponse> ReadAsync(TaxiiXmlReader r)
    {
        var (id, inResponseTo, headers, items) =
            await EnvelopeReading.ReadListResponseAsync(r, TaxiiVersion.V10, "Service_Instance", ReadInstanceAsync).ConfigureAwait(false);
        return new DiscoveryResponse(id, inResponseTo) { ExtendedHeaders = headers, ServiceInstances = items };
    }

    private static async ValueTask<ServiceInstance> ReadInstanceAsync(TaxiiXmlReader r, int index)
    {
        r.Push("Service_Instance", index);
        var type = r.RequiredAttribute("service_type").Trim() switch
        {
            "DISCOVERY" => ServiceType.Discovery,
            "FEED_MANAGEMENT" => ServiceType.CollectionManagement,
            "INBOX" => ServiceType.Inbox,
            "POLL" => ServiceType.Poll,
            var other => throw r.Fail($"unknown service_type {other}"),
        };
        var version = r.RequiredAttribute("service_version").Trim();
        var available = r.BooleanAttribute("available");
        var group = new BindingsGroup();
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
                    case "Content_Binding":
                        last = r.Order(last, 3, repeatable: true);
                        bindings.Add(new ContentBinding(await r.ReadUriAsync().ConfigureAwait(false)));
                        break;
                    case "Message":
                        last = r.Order(last, 4);
                        message = await r.ReadTextAsync().ConfigureAwait(false);
                        break;
                    default:
                        throw r.Unexpected();
                }
            }
        }

        var endpoint = group.ToEndpoint(r);
        r.Pop();
        return new ServiceInstance(type, version, endpoint.ProtocolBinding, endpoint.Address, endpoint.MessageBindings)
        {
            Available = available,
            ContentBindings = bindings,
            Message = message,
        };
    }
}
