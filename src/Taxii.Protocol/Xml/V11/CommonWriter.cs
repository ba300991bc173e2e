using System.Xml;
using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V11;

/// <summary>TAXII 1.1 structures shared by several messages, in XSD order.</summary>
internal static class CommonWriter
{
    private static readonly XmlNs Ns = Names.Ns;

    public static void Start(XmlWriter w, string name, string messageId, IReadOnlyList<ExtendedHeader> headers, Action<XmlWriter>? attributes = null)
    {
        w.Start(Ns, name);
        w.MessageId(messageId, TaxiiVersion.V11);
        attributes?.Invoke(w);
        w.ExtendedHeaders(Ns, headers);
    }

    public static void ContentBinding(XmlWriter w, ContentBinding binding, bool inBlock = false)
    {
        if (inBlock && binding.Subtypes.Count > 1)
        {
            throw XmlWriting.Unexpressible("a Content_Block carries at most one Subtype");
        }

        w.Start(Ns, "Content_Binding");
        w.WriteAttributeString("binding_id", binding.BindingId);
        foreach (var subtype in binding.Subtypes)
        {
            w.Start(Ns, "Subtype");
            w.WriteAttributeString("subtype_id", subtype);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    public static void ContentBindings(XmlWriter w, IReadOnlyList<ContentBinding> bindings)
    {
        foreach (var binding in bindings)
        {
            ContentBinding(w, binding);
        }
    }

    public static void Query(XmlWriter w, TaxiiQuery? query)
    {
        if (query is null)
        {
            return;
        }

        w.Start(Ns, "Query");
        w.WriteAttributeString("format_id", query.FormatId);
        w.Content(TaxiiContent.FromXml(query.Xml));
        w.WriteEndElement();
    }

    public static void ResponseType(XmlWriter w, ResponseType type) =>
        w.Text(Ns, "Response_Type", type == Messages.ResponseType.CountOnly ? "COUNT_ONLY" : "FULL");

    public static void SubscriptionParameters(XmlWriter w, SubscriptionParameters? parameters)
    {
        if (parameters is null)
        {
            return;
        }

        w.Start(Ns, "Subscription_Parameters");
        ResponseType(w, parameters.ResponseType);
        ContentBindings(w, parameters.ContentBindings);
        Query(w, parameters.Query);
        w.WriteEndElement();
    }

    public static void PushParameters(XmlWriter w, string name, PushParameters? push)
    {
        if (push is null)
        {
            return;
        }

        if (push.ContentBindings.Count > 0)
        {
            throw XmlWriting.NotIn(TaxiiVersion.V11, "Content_Binding inside Push_Parameters (use Subscription_Parameters)");
        }

        w.Start(Ns, name);
        w.Bindings(Ns, push.ProtocolBinding, push.Address, [push.MessageBinding]);
        w.WriteEndElement();
    }

    public static void RecordCount(XmlWriter w, RecordCount? count)
    {
        if (count is null)
        {
            return;
        }

        w.Start(Ns, "Record_Count");
        if (count.PartialCount)
        {
            w.WriteAttributeString("partial_count", "true");
        }

        w.WriteValue(count.Value);
        w.WriteEndElement();
    }

    public static void ContentBlock(XmlWriter w, ContentBlock block, Stream? utf8Output = null)
    {
        w.Start(Ns, "Content_Block");
        ContentBinding(w, block.Binding, inBlock: true);
        w.Start(Ns, "Content");
        w.Content(block.Content, utf8Output);
        w.WriteEndElement();
        w.Timestamp(Ns, "Timestamp_Label", block.TimestampLabel);
        w.Text(Ns, "Message", block.Message);
        w.Text(Ns, "Padding", block.Padding);
        w.WriteEndElement();
    }
}
