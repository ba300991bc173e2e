using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Internal;

/// <summary>
/// The XSD BindingsGroup (Protocol_Binding, Address, Message_Binding+) shared by service instances, polling,
/// subscription and inbox services and poll instances in both versions; collected while a caller walks its children.
/// </summary>
internal sealed class BindingsGroup
{
    public string? ProtocolBinding { get; private set; }

    public string? Address { get; private set; }

    public List<string> MessageBindings { get; } = [];

    public static bool Handles(string localName) =>
        localName is "Protocol_Binding" or "Address" or "Message_Binding";

    /// <summary>Reads one group child; positions 0..2 of the caller's sequence.</summary>
    public async ValueTask<int> ReadAsync(TaxiiXmlReader r, int last)
    {
        switch (r.LocalName)
        {
            case "Protocol_Binding":
                last = r.Order(last, 0);
                ProtocolBinding = await r.ReadUriAsync().ConfigureAwait(false);
                break;
            case "Address":
                last = r.Order(last, 1);
                Address = await r.ReadTextAsync().ConfigureAwait(false);
                break;
            default:
                last = r.Order(last, 2, repeatable: true);
                MessageBindings.Add(await r.ReadUriAsync().ConfigureAwait(false));
                break;
        }

        return last;
    }

    /// <summary>The collected group, or the reason it is incomplete.</summary>
    public ServiceEndpoint ToEndpoint(TaxiiXmlReader r) => new(
        ProtocolBinding ?? throw r.Missing("Protocol_Binding"),
        Address ?? throw r.Missing("Address"),
        MessageBindings.Count > 0 ? MessageBindings : throw r.Missing("Message_Binding"));

    /// <summary>Reads a whole ServiceContactInfoType element (Polling_Service, Subscription_Service, Poll_Instance).</summary>
    public static async ValueTask<ServiceEndpoint> ReadEndpointAsync(TaxiiXmlReader r)
    {
        r.Push(r.LocalName);
        var group = new BindingsGroup();
        var last = -1;
        if (await r.EnterAsync().ConfigureAwait(false))
        {
            while (await r.NextChildAsync().ConfigureAwait(false))
            {
                last = Handles(r.LocalName) ? await group.ReadAsync(r, last).ConfigureAwait(false) : throw r.Unexpected();
            }
        }

        var endpoint = group.ToEndpoint(r);
        r.Pop();
        return endpoint;
    }

    /// <summary>Reads a Push_Method (Protocol_Binding, Message_Binding+), the same in both versions.</summary>
    public static async ValueTask<PushMethod> ReadPushMethodAsync(TaxiiXmlReader r)
    {
        r.Push("Push_Method");
        string? protocol = null;
        var bindings = new List<string>();
        var last = -1;
        if (await r.EnterAsync().ConfigureAwait(false))
        {
            while (await r.NextChildAsync().ConfigureAwait(false))
            {
                switch (r.LocalName)
                {
                    case "Protocol_Binding":
                        last = r.Order(last, 0);
                        protocol = await r.ReadUriAsync().ConfigureAwait(false);
                        break;
                    case "Message_Binding":
                        last = r.Order(last, 2, repeatable: true);
                        bindings.Add(await r.ReadUriAsync().ConfigureAwait(false));
                        break;
                    default:
                        throw r.Unexpected();
                }
            }
        }

        var method = new PushMethod(protocol ?? throw r.Missing("Protocol_Binding"),
            bindings.Count > 0 ? bindings : throw r.Missing("Message_Binding"));
        r.Pop();
        return method;
    }
}
