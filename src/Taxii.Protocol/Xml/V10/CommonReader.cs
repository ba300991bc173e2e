using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V10;

/// <summary>TAXII 1.0 structures shared by several messages.</summary>
internal static class CommonReader
{
    /// <summary>Push_Parameters: Protocol_Binding, Address, Message_Binding, Content_Binding* (text).</summary>
    public static async ValueTask<PushParameters> ReadPushParametersAsync(TaxiiXmlReader r)
    {
        r.Push("Push_Parameters");
        var group = new BindingsGroup();
        var bindings = new List<string>();
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
                    bindings.Add(await r.ReadUriAsync().ConfigureAwait(false));
                }
            }
        }

        var endpoint = group.ToEndpoint(r);
        if (endpoint.MessageBindings.Count > 1)
        {
            throw r.Fail("more than one Message_Binding");
        }

        r.Pop();
        return new PushParameters(endpoint.ProtocolBinding, endpoint.Address, endpoint.MessageBindings[0]) { ContentBindings = bindings };
    }

    public static async ValueTask<SourceSubscription> ReadSourceSubscriptionAsync(TaxiiXmlReader r)
    {
        r.Push("Source_Subscription");
        var source = new SourceSubscription(r.RequiredAttribute("feed_name"), r.OptionalAttribute("subscription_id"));
        var last = -1;
        if (await r.EnterAsync().ConfigureAwait(false))
        {
            while (await r.NextChildAsync().ConfigureAwait(false))
            {
                switch (r.LocalName)
                {
                    case "Inclusive_Begin_Timestamp":
                        last = r.Order(last, 0);
                        source = source with { InclusiveBeginTimestamp = await r.ReadTimestampAsync().ConfigureAwait(false) };
                        break;
                    case "Inclusive_End_Timestamp":
                        last = r.Order(last, 1);
                        source = source with { InclusiveEndTimestamp = await r.ReadTimestampAsync().ConfigureAwait(false) };
                        break;
                    default:
                        throw r.Unexpected();
                }
            }
        }

        _ = source.InclusiveEndTimestamp ?? throw r.Missing("Inclusive_End_Timestamp");
        r.Pop();
        return source;
    }
}
